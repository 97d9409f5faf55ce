import type { KafkaJS } from '@confluentinc/kafka-javascript';
import { MockClient } from '@confluentinc/schemaregistry';
import { BrokerError, defineTopics, stringSerde } from 'kgen';
import { nativeHeaders, type NativeProducer } from '../../../src/producer/native-produce';
import { KgenProducer } from '../../../src/producer/typed-producer';
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
function fakeProducer(connected = true) {
  const produced: Produced[] = [];
  const batches: KafkaJS.Message[][] = [];
  let offset = 40;
  const native: NativeProducer & { isConnected(): boolean } = {
    isConnected: () => connected,
    produce(topic, partition, value, key, timestamp, opaque, headers) {
      if (String(value) === 'refuse') throw Object.assign(new Error('Local: Queue full'), { code: -184 });
      produced.push({ topic, partition, value, key, timestamp, headers });
      const at = offset++;
      setTimeout(() => {
        if (String(value) === 'fail') opaque.reject(Object.assign(new Error('delivery failed'), { code: 2 }));
        else opaque.resolve({ topicName: topic, partition: Math.max(partition, 0), baseOffset: at });
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
  return { producer: new KgenProducer(raw, ctx, topics, {}), produced, batches };
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
    await expect(refused).rejects.toMatchObject({ brokerCode: -184 });
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

  it('sends batches and records of a disconnected client through KafkaJS send', async () => {
    const batch = fakeProducer();
    await batch.producer.prepare(['logs']);
    await batch.producer.send('logs', [{ value: 'a' }, { value: 'b' }]);
    expect(batch.produced).toHaveLength(0);
    expect(batch.batches[0]).toEqual([
      { key: null, value: Buffer.from('a') },
      { key: null, value: Buffer.from('b') },
    ]);

    const offline = fakeProducer(false);
    await offline.producer.prepare(['logs']);
    await offline.producer.send('logs', { key: 'k', value: 'v', timestamp: 5 });
    expect(offline.produced).toHaveLength(0);
    expect(offline.batches[0]).toEqual([{ key: 'k', value: Buffer.from('v'), timestamp: '5' }]);
  });
});

describe('nativeHeaders', () => {
  it('is null without headers and keeps an empty object empty', () => {
    expect(nativeHeaders(undefined)).toBeNull();
    expect(nativeHeaders({})).toEqual([]);
  });
});
