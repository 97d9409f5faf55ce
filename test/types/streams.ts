// Type tests of the streams DSL (compiled by `npm run typecheck`, never run).
import {
  avroSchema,
  createClient,
  defineTopics,
  session,
  stringSerde,
  tumbling,
  type AvroCodecOptions,
  type KTable,
  type Windowed,
} from 'kgen';
import { topics, type Order } from './sdk-fixtures';

const avroOptions: AvroCodecOptions = {
  long: 'number',
  unions: 'wrapped',
  timestamps: 'number',
  date: 'number',
  decimal: 'string',
};
const client = createClient({
  brokers: 'localhost:9092',
  registry: { url: 'http://localhost:8081' },
  topics,
});
const app = client.streams({ applicationId: 'types' });
client.streams({ applicationId: 'types-cached', cache: { maxEntries: 10_000 } });
// @ts-expect-error -- the record cache is sized in entries (a number)
client.streams({ applicationId: 'types-cached', cache: { maxEntries: '10000' } });
// @ts-expect-error -- a cache needs its size
client.streams({ applicationId: 'types-cached', cache: {} });

const orders = app.stream('orders');
orders.filter((o) => o.value.amount > 0).mapValues((o) => o.value.id);
// @ts-expect-error -- not a topic of the map
app.stream('nope');

// Aggregates are typed by their initializer and adder...
const stats = orders
  .groupBy((o) => o.value.id)
  .aggregate(
    () => ({ count: 0, total: 0 }),
    (acc, o) => ({ count: acc.count + 1, total: acc.total + o.value.amount }),
  );
const typed: KTable<typeof topics, string, { count: number; total: number }> = stats;
void typed;

// ...and `to` checks the output against the topic's key and value types.
stats.toStream().to('orders', (r) => ({ key: r.key, value: { id: r.key, amount: r.value.total } }));
// @ts-expect-error -- the aggregate ({ count, total }) is not an Order
stats.toStream().to('orders', (r) => ({ key: r.key, value: r.value }));
// @ts-expect-error -- without a mapper, the stream's value must already be the topic's value type
stats.toStream().to('orders');
// A stream that already fits the topic needs no mapper.
orders.filter((o) => o.value.amount > 10).to('orders');
// @ts-expect-error -- refunds carry Refund values, not Orders
orders.to('refunds');

// Windowed tables: keys are Windowed<K>, and only they can emit final results.
const windowed = orders
  .groupByKey()
  .windowedBy(tumbling({ size: '5m', grace: '30s' }))
  .count();
const wkey: KTable<typeof topics, Windowed<string>, number> = windowed;
void wkey;
windowed
  .toStream({ emit: 'final' })
  .to('orders', (w) => ({ key: w.key.key, value: { id: `${w.key.start}`, amount: w.value } }));
// @ts-expect-error -- a non-windowed table has no final results
stats.toStream({ emit: 'final' });

// Session aggregates need a merger of the same type.
orders
  .groupByKey()
  .windowedBy(session({ gap: '1m' }))
  // @ts-expect-error -- the merger is missing
  .aggregate(
    () => 0,
    (acc, o) => acc + o.value.amount,
  );

// Joins are typed by both sides.
const refundsTable = app.table('refunds');
orders
  .leftJoin(refundsTable, (o: Order, r) => (r === null ? o.id : r.reason))
  .to('orders', (x) => ({ key: x.key, value: { id: x.value, amount: 0 } }));

// Interactive queries are typed by the table.
const view = app.store(stats);
const row: { count: number; total: number } | undefined = view.get('k');
void row;
const wview = app.store(windowed);
const rows: Array<{ start: number; end: number; value: number }> = wview.fetch('k', 0, 10);
void rows;
// @ts-expect-error -- keys of this table are strings
view.get(42);

// The README's example, as written there, over a topic map with the types it needs.
const readmeTopics = defineTopics({
  orders: {
    key: stringSerde,
    value: avroSchema<{ customerId: string; amount: number }>({
      name: 'acme.Order',
      schema: '{}',
      references: [],
      options: avroOptions,
    }),
  },
  'order-stats-5m': {
    key: avroSchema<{ customerId: string; start: number }>({
      name: 'acme.StatKey',
      schema: '{}',
      references: [],
      options: avroOptions,
    }),
    value: avroSchema<{ count: number; total: number }>({
      name: 'acme.Stat',
      schema: '{}',
      references: [],
      options: avroOptions,
    }),
  },
});
export async function readmeExample(): Promise<void> {
  const kgen = createClient({
    brokers: 'localhost:9092',
    registry: { url: 'http://localhost:8081' },
    topics: readmeTopics,
  });
  const app = kgen.streams({ applicationId: 'order-stats' });
  app
    .stream('orders') // typed by the topic map
    .groupBy((o) => o.value.customerId) // re-keys through <applicationId>-<name>-repartition
    .windowedBy(tumbling({ size: '5m', grace: '30s' }))
    .aggregate(
      () => ({ count: 0, total: 0 }),
      (acc, o) => ({ count: acc.count + 1, total: acc.total + o.value.amount }),
    )
    .toStream({ emit: 'final' }) // or 'updates'
    .to('order-stats-5m', (w) => ({ key: { customerId: w.key.key, start: w.key.start }, value: w.value }));
  await app.start(); // same applicationId: more instances share the partitions
}
