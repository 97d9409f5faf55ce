import type { KafkaJS } from '@confluentinc/kafka-javascript';
import type { SpanContext } from '@opentelemetry/api';
import type { NativeProducer } from '../../../src/kafka/internal-client';
import { TransactionSends } from '../../../src/producer/transaction-sends';

/** One produce call's arguments: topic, partition, value, key, timestamp, opaque, headers. */
type ProduceCall = Parameters<NativeProducer['produce']>;
interface Produced {
  topic: ProduceCall[0];
  partition: ProduceCall[1];
  value: ProduceCall[2];
  key: ProduceCall[3];
  timestamp: ProduceCall[4];
  headers: ProduceCall[6];
}
type Report = { topic: string; partition: number; offset: number; opaque: unknown };
type Listener = (err: unknown, report: Report) => void;

/**
 * A KafkaJS-style producer over a fake node-rdkafka client that records produce calls and reports each record
 * after a tick: value "fail" gets a delivery error (with librdkafka's flags), value "refuse" a synchronous throw.
 * The KafkaJS layer's own listener counts the reports that reach it.
 */
function fakeProducer(connected = true) {
  const produced: Produced[] = [];
  let kafkaJsReports = 0;
  let listeners: Listener[] = [() => void kafkaJsReports++];
  const native = {
    isConnected: () => connected,
    listeners: () => [...listeners],
    removeAllListeners: () => void (listeners = []),
    on: (_event: string, listener: Listener) => void listeners.push(listener),
    produce(...call: ProduceCall) {
      const [topic, partition, value, key, timestamp, opaque, headers] = call;
      if (String(value) === 'refuse')
        throw Object.assign(new Error('Local: Unknown partition'), { code: -190 });
      produced.push({ topic, partition, value, key, timestamp, headers });
      const at = produced.length;
      setTimeout(() => {
        const err =
          String(value) === 'fail'
            ? Object.assign(new Error('Broker: Message size too large'), {
                code: 10,
                isTxnRequiresAbort: true,
              })
            : null;
        for (const listener of listeners) listener(err, { topic, partition: 0, offset: at, opaque });
      }, 1);
    },
  };
  const producer = { _getInternalClient: () => native } as unknown as KafkaJS.Producer;
  return { producer, produced, kafkaJsReports: () => kafkaJsReports, native };
}

describe('TransactionSends: a transaction’s records straight to librdkafka', () => {
  it('hands every record over as the KafkaJS layer would, with faithful empty bytes', async () => {
    const { producer, produced } = fakeProducer();
    const direct = TransactionSends.of(producer)!;
    await direct.send(
      'out',
      [
        {
          key: 'k1',
          value: 'text',
          timestamp: '1700000000123',
          headers: { a: 'x', b: ['1', Buffer.from('2')] },
        },
        { key: null, value: Buffer.alloc(0), partition: 2, headers: { gone: undefined } },
        { value: null },
      ],
      undefined,
    );
    expect(produced.map((p) => [p.topic, p.partition, p.key, p.timestamp, p.headers])).toEqual([
      ['out', -1, 'k1', 1_700_000_000_123, [{ a: 'x' }, { b: '1' }, { b: Buffer.from('2') }]],
      ['out', 2, null, 0, []],
      ['out', -1, null, 0, null],
    ]);
    expect(produced[0]!.value).toEqual(Buffer.from('text'));
    // An empty value stays empty (a Buffer with a data pointer), not null: null is a tombstone.
    expect(produced[1]!.value).not.toBeNull();
    expect(produced[1]!.value!.length).toBe(0);
    expect(produced[2]!.value).toBeNull();
  });

  it('adds the caller’s trace context to each record’s headers', async () => {
    const { producer, produced } = fakeProducer();
    const sc: SpanContext = {
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      traceFlags: 1,
    };
    await TransactionSends.of(producer)!.send('out', [{ value: 'v', headers: { own: 'h' } }], sc);
    expect(produced[0]!.headers).toEqual(
      expect.arrayContaining([
        { own: 'h' },
        { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
      ]),
    );
    expect(produced[0]!.headers).toHaveLength(2);
  });

  it('rejects with the first failure as librdkafka reported it, once every record is reported', async () => {
    const { producer, produced } = fakeProducer();
    const sent = TransactionSends.of(producer)!.send(
      'out',
      [{ value: 'ok' }, { value: 'fail' }, { value: 'ok' }],
      undefined,
    );
    await expect(sent).rejects.toMatchObject({ code: 10, isTxnRequiresAbort: true });
    expect(produced).toHaveLength(3);
  });

  it('rejects with a record librdkafka refused synchronously, after the others are reported', async () => {
    const { producer, produced } = fakeProducer();
    const sent = TransactionSends.of(producer)!.send(
      'out',
      [{ value: 'ok' }, { value: 'refuse' }],
      undefined,
    );
    await expect(sent).rejects.toMatchObject({ code: -190 });
    expect(produced).toHaveLength(1);
  });

  it('leaves the KafkaJS layer’s own sends to its listener; no native client means no direct path', async () => {
    const { producer, native, kafkaJsReports } = fakeProducer();
    const direct = TransactionSends.of(producer)!;
    expect(TransactionSends.of(producer)).toBe(direct); // one per producer: reports are routed once
    await direct.send('out', [{ value: 'ok' }], undefined);
    expect(kafkaJsReports()).toBe(0);
    const kafkaJsOpaque = { resolve: () => undefined, reject: () => undefined };
    for (const listener of native.listeners())
      listener(null, { topic: 'out', partition: 0, offset: 1, opaque: kafkaJsOpaque });
    expect(kafkaJsReports()).toBe(1);
    expect(TransactionSends.of(fakeProducer(false).producer)).toBeUndefined();
    expect(TransactionSends.of({} as KafkaJS.Producer)).toBeUndefined();
  });

  it('an empty send resolves at once', async () => {
    const { producer, produced } = fakeProducer();
    await expect(TransactionSends.of(producer)!.send('out', [], undefined)).resolves.toBeUndefined();
    expect(produced).toEqual([]);
  });
});
