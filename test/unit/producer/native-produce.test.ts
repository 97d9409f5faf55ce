import { EventEmitter } from 'node:events';
import type { KafkaJS } from '@confluentinc/kafka-javascript';
import { MockClient } from '@confluentinc/schemaregistry';
import { BrokerError, defineTopics, stringSerde } from 'kgen';
import type { NativeProducer } from '../../../src/kafka/internal-client';
import { nativeHeaders } from '../../../src/producer/native-produce';
import type { QueuedDelivery as NativeOpaque } from '../../../src/producer/produce-queue';
import { FireDelivery, routeDeliveryReports } from '../../../src/producer/deliveries';
import { KgenProducer, type ProducerOptions } from '../../../src/producer/typed-producer';
import { WriterSchemaCache } from '../../../src/serde/registry/writer-schemas';
import { jsonCodec } from '../serde/registry/json-codec';

const topics = defineTopics({ logs: { key: stringSerde, value: stringSerde } });

interface Produced {
  topic: string;
  partition: number;
  value: Buffer | null;
  key: Buffer | string | null;
  timestamp: number;
  headers: unknown;
}

/**
 * A KafkaJS-style producer whose node-rdkafka client records produce calls and settles each `opaque` as the
 * KafkaJS delivery callback does: value "fail" gets a delivery error, value "refuse" a synchronous throw.
 */
function fakeProducer(connected = true, options: ProducerOptions = {}) {
  const produced: Produced[] = [];
  const batches: KafkaJS.Message[][] = [];
  let offset = 40;
  // The binding's event emitter, with the KafkaJS layer's listener on it (settles opaques via resolve/reject).
  type Report = { topic: string; partition: number; offset: number; opaque: NativeOpaque };
  type Listener = (err: unknown, report: Report) => void;
  let listeners: Listener[] = [
    (err, report) =>
      err
        ? report.opaque.reject(err)
        : report.opaque.resolve({
            topicName: report.topic,
            partition: report.partition,
            baseOffset: report.offset,
          }),
  ];
  const native: NativeProducer<NativeOpaque> & Record<string, unknown> = {
    isConnected: () => connected,
    listeners: () => [...listeners],
    removeAllListeners: () => void (listeners = []),
    on: (_event: string, listener: Listener) => void listeners.push(listener),
    produce(topic, partition, value, key, timestamp, opaque, headers) {
      if (String(value) === 'refuse')
        throw Object.assign(new Error('Local: Unknown partition'), { code: -190 });
      produced.push({ topic, partition, value, key, timestamp, headers });
      const at = offset++;
      setTimeout(() => {
        const report = { topic, partition: Math.max(partition, 0), offset: at, opaque };
        const err =
          String(value) === 'fail' ? Object.assign(new Error('delivery failed'), { code: 2 }) : null;
        for (const listener of listeners) listener(err, report);
      }, 1);
    },
  };
  const raw = {
    _getInternalClient: () => native,
    send: async ({ topic, messages }: KafkaJS.ProducerRecord) => {
      batches.push(messages);
      return [{ topicName: topic, partition: 0, errorCode: 0, baseOffset: '7' }];
    },
    flush: async () => undefined,
    disconnect: async () => undefined,
  } as unknown as KafkaJS.Producer;
  const registry = new MockClient();
  const ctx = { registry, codecs: jsonCodec, writers: new WriterSchemaCache(registry), producerSchemas: {} };
  return { producer: new KgenProducer(raw, ctx, topics, options), produced, batches };
}

describe('KgenProducer over the native produce call', () => {
  it('hands a single record to librdkafka directly: string key as is, defaults for partition and timestamp', async () => {
    const { producer, produced, batches } = fakeProducer();
    await producer.prepare(['logs']);
    await expect(producer.send('logs', { key: 'k1', value: 'v' })).resolves.toEqual([
      { topic: 'logs', partition: 0, offset: '40' },
    ]);
    expect(produced).toEqual([
      { topic: 'logs', partition: -1, value: Buffer.from('v'), key: 'k1', timestamp: 0, headers: null },
    ]);
    expect(batches).toHaveLength(0);
  });

  it('passes partition, timestamp and headers (repeated for arrays) in the binding format', async () => {
    const { producer, produced } = fakeProducer();
    await producer.prepare(['logs']);
    const at = new Date('2026-01-02T03:04:05Z');
    await producer.send('logs', {
      value: 'v',
      partition: 2,
      timestamp: at,
      headers: { trace: 't1', tag: ['a', Buffer.from('b')] },
    });
    expect(produced[0]).toEqual({
      topic: 'logs',
      partition: 2,
      value: Buffer.from('v'),
      key: null,
      timestamp: at.getTime(),
      headers: [{ trace: 't1' }, { tag: 'a' }, { tag: Buffer.from('b') }],
    });
  });

  it('wraps delivery errors and synchronous refusals in BrokerError; flush reports the first', async () => {
    const { producer } = fakeProducer();
    await producer.prepare(['logs']);
    const failed = producer.send('logs', { key: 'k', value: 'fail', partition: 1 });
    await expect(failed).rejects.toMatchObject({
      name: 'BrokerError',
      operation: 'send',
      topic: 'logs',
      partition: 1,
      brokerCode: 2,
    });
    const refused = producer.send('logs', { key: 'k', value: 'refuse' });
    await expect(refused).rejects.toBeInstanceOf(BrokerError);
    await expect(refused).rejects.toMatchObject({ brokerCode: -190 });
    // flush() waits for every send and rethrows the first failure once.
    await expect(producer.flush()).rejects.toMatchObject({ brokerCode: 2 });
    await expect(producer.flush()).resolves.toBeUndefined();
  });

  it('leaves an un-awaited failed send to flush() instead of an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const { producer } = fakeProducer();
      await producer.prepare(['logs']);
      void producer.send('logs', { value: 'fail' });
      void producer.send('logs', { value: 'refuse' });
      await expect(producer.flush()).rejects.toBeInstanceOf(BrokerError);
      await new Promise((r) => setTimeout(r, 10));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('keeps one delivery report per record and their order for un-awaited sends', async () => {
    const { producer, produced } = fakeProducer();
    await producer.prepare(['logs']);
    const sends = ['a', 'b', 'c'].map((value) => producer.send('logs', { key: value, value }));
    expect(produced.map((p) => String(p.value))).toEqual(['a', 'b', 'c']);
    const reports = await Promise.all(sends);
    expect(reports.map(([r]) => r?.offset)).toEqual(['40', '41', '42']);
  });

  it('hands an array over natively in order: one promise, the first offset per partition', async () => {
    const { producer, produced, batches } = fakeProducer();
    await producer.prepare(['logs']);
    const reports = await producer.send('logs', [
      { value: 'a' },
      { value: 'b', partition: 1 },
      { value: 'c', partition: 1 },
    ]);
    expect(batches).toHaveLength(0);
    expect(produced.map((p) => String(p.value))).toEqual(['a', 'b', 'c']);
    expect(reports).toEqual([
      { topic: 'logs', partition: 0, offset: '40' },
      { topic: 'logs', partition: 1, offset: '41' },
    ]);
    await expect(
      producer.send('logs', [{ value: 'a' }, { value: 'fail', partition: 2 }]),
    ).rejects.toMatchObject({
      name: 'BrokerError',
      brokerCode: 2,
    });
    await expect(producer.flush()).rejects.toMatchObject({ brokerCode: 2 });
  });

  it('sends records of a disconnected client through KafkaJS send', async () => {
    const offline = fakeProducer(false);
    await offline.producer.prepare(['logs']);
    await offline.producer.send('logs', { key: 'k', value: 'v', timestamp: 5 });
    expect(offline.produced).toHaveLength(0);
    expect(offline.batches[0]).toEqual([{ key: 'k', value: Buffer.from('v'), timestamp: '5' }]);
  });
});

describe('KgenProducer past maxInFlight', () => {
  // Before the queue, sends past the limit went through KafkaJS `send` one by one (the slow path).
  it('keeps sends past the limit on the native path, in order, and settles all of them', async () => {
    const { producer, produced, batches } = fakeProducer(true, { maxInFlight: 2 });
    await producer.prepare(['logs']);
    const sends = ['a', 'b', 'c', 'd', 'e'].map((value) => producer.send('logs', { value }));
    expect(produced).toHaveLength(2); // the rest wait for room
    await Promise.all(sends);
    await producer.flush();
    expect(batches).toHaveLength(0);
    expect(produced.map((p) => String(p.value))).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('produce(): no promise, failures to flush() and onProduceError with the topic and partition', async () => {
    const seen: unknown[] = [];
    const { producer, produced } = fakeProducer(true, {
      maxInFlight: 1,
      onProduceError: (err) => void seen.push(err),
    });
    await producer.prepare(['logs']);
    expect(producer.produce('logs', { key: 'k', value: 'a' })).toBeUndefined();
    producer.produce('logs', { value: 'fail', partition: 2 });
    producer.produce('logs', { value: 'b' });
    await expect(producer.flush()).rejects.toMatchObject({
      name: 'BrokerError',
      topic: 'logs',
      partition: 2,
      brokerCode: 2,
    });
    expect(produced.map((p) => String(p.value))).toEqual(['a', 'fail', 'b']);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(BrokerError);
  });
});

describe('nativeHeaders', () => {
  it('is null without headers and keeps an empty object empty', () => {
    expect(nativeHeaders(undefined)).toBeNull();
    expect(nativeHeaders({})).toEqual([]);
  });
});

describe('routeDeliveryReports', () => {
  it("settles kgen's opaques directly and hands every other report to the listeners that were there", () => {
    const client = new EventEmitter();
    const kafkaJs: unknown[] = [];
    client.on('delivery-report', (_err, report: { opaque: unknown }) => void kafkaJs.push(report.opaque));
    const unclaimed: unknown[] = [];
    expect(
      routeDeliveryReports(client, (err, topic, partition) => void unclaimed.push([err, topic, partition])),
    ).toBe(true);
    const outcomes: unknown[] = [];
    const tracker = {
      released: () => void outcomes.push('released'),
      delivered: () => void outcomes.push('delivered'),
      failed: (err: BrokerError) => void outcomes.push(err),
    };
    const fire = new FireDelivery(tracker, 'logs');
    client.emit('delivery-report', null, { topic: 'logs', partition: 1, offset: 5, opaque: fire });
    client.emit('delivery-report', Object.assign(new Error('timed out'), { code: -192 }), {
      topic: 'logs',
      partition: 2,
      opaque: fire,
    });
    const foreign = { resolve: () => undefined, reject: () => undefined };
    client.emit('delivery-report', null, { topic: 'logs', partition: 0, offset: 1, opaque: foreign });
    expect(kafkaJs).toEqual([foreign]);
    expect(outcomes.slice(0, 3)).toEqual(['released', 'delivered', 'released']);
    expect(outcomes[3]).toMatchObject({ topic: 'logs', partition: 2, brokerCode: -192 });
    expect(unclaimed).toEqual([]);
    // A record produced without an opaque (promise-free produce): its report goes to the unclaimed callback.
    const lost = Object.assign(new Error('timed out'), { code: -192 });
    client.emit('delivery-report', null, { topic: 'logs', partition: 0, offset: 7 });
    client.emit('delivery-report', lost, { topic: 'logs', partition: -1 });
    expect(unclaimed).toEqual([
      [null, 'logs', 0],
      [lost, 'logs', undefined],
    ]);
    expect(kafkaJs).toEqual([foreign]);
    expect(routeDeliveryReports({ produce: () => undefined }, () => undefined)).toBe(false);
  });
});
