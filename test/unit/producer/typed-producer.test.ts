import type { KafkaJS } from '@confluentinc/kafka-javascript';
import { MockClient } from '@confluentinc/schemaregistry';
import { BrokerError, InvalidHeaderError } from 'kgen';
import { headerTopics } from '../serde/headers/header-fixtures';
import { KgenProducer } from '../../../src/producer/typed-producer';
import { WriterSchemaCache } from '../../../src/serde/registry/writer-schemas';
import { jsonCodec } from '../serde/registry/json-codec';

const topics = headerTopics;

/** A stand-in for the librdkafka producer: records sends, fails the ones whose value is "fail". */
function fakeRaw(): { raw: KafkaJS.Producer; sent: KafkaJS.Message[][] } {
  const sent: KafkaJS.Message[][] = [];
  const raw = {
    send: async ({ topic, messages }: KafkaJS.ProducerRecord) => {
      sent.push(messages);
      await new Promise((r) => setTimeout(r, 1));
      if (messages.some((m) => String(m.value) === 'fail'))
        throw Object.assign(new Error('broker down'), { code: 7 });
      return [{ topicName: topic, partition: messages[0]?.partition ?? 0, errorCode: 0, baseOffset: '5' }];
    },
    flush: async () => undefined,
    disconnect: async () => undefined,
    dependentAdmin: () => ({
      connect: async () => undefined,
      disconnect: async () => undefined,
      fetchTopicMetadata: async () => [{ name: 'logs', partitions: [{}, {}, {}] }],
    }),
  } as unknown as KafkaJS.Producer;
  return { raw, sent };
}

function producer(raw: KafkaJS.Producer, options = {}) {
  const registry = new MockClient();
  const ctx = { registry, codecs: jsonCodec, writers: new WriterSchemaCache(registry), producerSchemas: {} };
  return new KgenProducer(raw, ctx, topics, options);
}

describe('KgenProducer', () => {
  it('pipelines un-awaited sends and flush() reports the first failure as a BrokerError with the topic', async () => {
    const { raw, sent } = fakeRaw();
    const p = producer(raw);
    await p.prepare(['logs']);
    for (const value of ['a', 'fail', 'b']) void p.send('logs', { key: 'k', value });
    expect(sent).toHaveLength(3); // handed over synchronously, not one by one after each delivery
    const err = await p.flush().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BrokerError);
    expect(err).toMatchObject({ operation: 'send', topic: 'logs', brokerCode: 7 });
    await expect(p.flush()).resolves.toBeUndefined();
  });

  it('returns delivery reports and serializes keys and headers', async () => {
    const { raw, sent } = fakeRaw();
    const reports = await producer(raw).send('logs', {
      key: 'k1',
      value: 'v',
      headers: { h: 'x' },
      timestamp: 7,
    });
    expect(reports).toEqual([{ topic: 'logs', partition: 0, offset: '5' }]);
    expect(sent[0]).toEqual([
      { key: Buffer.from('k1'), value: Buffer.from('v'), headers: { h: 'x' }, timestamp: '7' },
    ]);
  });

  it('asks a custom partitioner with the partition count', async () => {
    const { raw, sent } = fakeRaw();
    const seen: number[] = [];
    const p = producer(raw, {
      partitioner: ({ partitionCount }: { partitionCount: number }) => (seen.push(partitionCount), 2),
    });
    await p.send('logs', { key: 'k', value: 'v' });
    expect(seen).toEqual([3]);
    expect(sent[0]?.[0]?.partition).toBe(2);
  });

  it('rejects a topic that is not in the map', async () => {
    const { raw } = fakeRaw();
    await expect(producer(raw).send('nope', { value: 'v' })).rejects.toThrow(
      /topic "nope" is not in the client's topic map/,
    );
  });

  it("encodes a topic's declared headers as text on every path (send, batch, tombstone, encode)", async () => {
    const { raw, sent } = fakeRaw();
    const p = producer(raw);
    const headers = { tenant: 't-1', attempt: 3, priority: 'high' } as const;
    await p.send('payments', { key: 'k', value: 'v', headers });
    await p.send('payments', [{ key: 'k', value: 'v', headers: { tenant: 't-2', priority: 'low' } }]);
    await p.tombstone('payments', 'k', { headers });
    const encoded = await p.encode('payments', { value: 'v', headers });
    expect(sent.map((batch) => batch[0]?.headers)).toEqual([
      { tenant: 't-1', attempt: '3', priority: 'high' },
      { tenant: 't-2', priority: 'low' },
      { tenant: 't-1', attempt: '3', priority: 'high' },
    ]);
    expect(encoded.headers).toEqual({ tenant: 't-1', attempt: '3', priority: 'high' });
  });

  it('a JavaScript caller breaking the declared headers gets an InvalidHeaderError and nothing is sent', async () => {
    const { raw, sent } = fakeRaw();
    const p = producer(raw);
    await p.prepare(['payments']);
    const untyped = p as unknown as {
      send(topic: string, m: unknown): Promise<unknown>;
      produce(topic: string, m: unknown): void;
    };
    const attempts: Array<[unknown, string, RegExp]> = [
      [{ value: 'v' }, 'tenant', /required header is missing/],
      [{ value: 'v', headers: { tenant: 't', priority: 'urgent' } }, 'priority', /expected one of/],
      [{ value: 'v', headers: { tenant: 't', priority: 'low', attempt: '2' } }, 'attempt', /safe integer/],
      [{ value: 'v', headers: { tenant: 't', priority: 'low', debug: 'x' } }, 'debug', /strict/],
    ];
    for (const [message, header, reason] of attempts) {
      const err = await Promise.resolve()
        .then(() => untyped.send('payments', message))
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InvalidHeaderError);
      expect(err).toMatchObject({ topic: 'payments', header });
      expect((err as Error).message).toMatch(reason);
      // A batch with one bad record sends none of it.
      const batch = await Promise.resolve()
        .then(() =>
          untyped.send('payments', [{ value: 'ok', headers: { tenant: 't', priority: 'low' } }, message]),
        )
        .catch((e: unknown) => e);
      expect(batch).toBeInstanceOf(InvalidHeaderError);
    }
    expect(sent).toEqual([]);
  });
});
