import { Flow } from '../../../src/pipeline/operators';
import type { AnyInputRecord } from '../../../src/producer/record-serde';
import { avroSchema, defineTopics, stringSerde, type AvroCodecOptions } from '../../../src/topics';

const options: AvroCodecOptions = {
  long: 'number',
  unions: 'wrapped',
  timestamps: 'number',
  date: 'number',
  decimal: 'string',
};
interface Order {
  id: string;
  total: number;
  country: string;
}
interface Alert {
  orderId: string;
  reason: string;
}
const topics = defineTopics({
  orders: {
    key: stringSerde,
    value: avroSchema<Order>({ name: 'Order', schema: '{}', references: [], options }),
  },
  alerts: {
    key: stringSerde,
    value: avroSchema<Alert>({ name: 'Alert', schema: '{}', references: [], options }),
  },
  domestic: {
    key: stringSerde,
    value: avroSchema<Order>({ name: 'Order', schema: '{}', references: [], options }),
  },
});

function input(value: Order): AnyInputRecord<typeof topics, 'orders'> {
  const raw = {
    topic: 'orders',
    partition: 0,
    offset: '0',
    timestamp: '0',
    key: null,
    value: null,
    headers: {},
  };
  return {
    topic: 'orders',
    partition: 0,
    offset: '0',
    timestamp: '0',
    key: value.id,
    value,
    headers: {},
    raw,
  };
}

describe('Flow operators', () => {
  it('filter → map → to: drops, reshapes and types the output by the target topic', () => {
    const t = Flow.from(topics, ['orders'])
      .filter((r) => r.value.total > 100)
      .map((r) => ({ orderId: r.value.id, reason: `total ${r.value.total}` }))
      .to('alerts', (a) => ({ key: a.orderId, value: a }));
    expect(t(input({ id: 'o1', total: 50, country: 'FR' }))).toEqual([]);
    expect(t(input({ id: 'o2', total: 500, country: 'FR' }))).toEqual([
      { topic: 'alerts', key: 'o2', value: { orderId: 'o2', reason: 'total 500' } },
    ]);
  });

  it('flatMap emits zero or more records per input, in order', () => {
    const t = Flow.from(topics, ['orders'])
      .flatMap((r) => (r.value.total > 0 ? [r.value, { ...r.value, id: `${r.value.id}-copy` }] : []))
      .to('domestic', (o) => ({ key: o.id, value: o, headers: { copied: String(o.id.endsWith('copy')) } }));
    expect(t(input({ id: 'a', total: 1, country: 'FR' })).map((r) => r.key)).toEqual(['a', 'a-copy']);
    expect(t(input({ id: 'b', total: 0, country: 'FR' }))).toEqual([]);
  });

  it('branch routes to the first matching topic, or to every match with mode all; unmatched are dropped', () => {
    const branches = {
      alerts: {
        when: (o: Order) => o.total > 1000,
        as: (o: Order) => ({ key: o.id, value: { orderId: o.id, reason: 'big' } }),
      },
      domestic: { when: (o: Order) => o.country === 'FR', as: (o: Order) => ({ key: o.id, value: o }) },
    };
    const first = Flow.from(topics, ['orders'])
      .map((r) => r.value)
      .branch(branches);
    const all = Flow.from(topics, ['orders'])
      .map((r) => r.value)
      .branch(branches, { mode: 'all' });
    const big = { id: 'x', total: 5000, country: 'FR' };
    expect(first(input(big)).map((r) => r.topic)).toEqual(['alerts']);
    expect(all(input(big)).map((r) => r.topic)).toEqual(['alerts', 'domestic']);
    expect(first(input({ id: 'y', total: 1, country: 'DE' }))).toEqual([]);
    const out = first(input({ id: 'z', total: 1, country: 'FR' }))[0]!;
    // The union narrows on `topic`.
    if (out.topic === 'domestic') expect(out.value.country).toBe('FR');
  });

  it('a type-guard filter narrows the values after it', () => {
    type Big = Order & { total: number; big: true };
    const isBig = (o: Order): o is Big => o.total > 10;
    const t = Flow.from(topics, ['orders'])
      .map((r) => r.value)
      .filter(isBig)
      .to('domestic', (o: Big) => ({ key: o.id, value: o }));
    expect(t(input({ id: 'q', total: 11, country: 'FR' }))).toHaveLength(1);
  });

  it('rejects, at compile time, records that do not match the target topic', () => {
    const flow = Flow.from(topics, ['orders']);
    // @ts-expect-error alerts carries Alert values, not Order
    flow.to('alerts', (r) => ({ key: r.value.id, value: r.value }));
    // @ts-expect-error not a topic of the map
    flow.to('nope', (r) => ({ key: r.value.id, value: r.value }));
    // @ts-expect-error keys of `orders` are strings
    flow.to('domestic', (r) => ({ key: 1, value: r.value }));
    // @ts-expect-error `from` must name topics of the map
    Flow.from(topics, ['nope']);
    expect(true).toBe(true);
  });
});
