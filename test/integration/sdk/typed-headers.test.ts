import { Kafka as PlainKafka, logLevel } from 'kafkajs';
import {
  bigintHeader,
  booleanHeader,
  bytesHeader,
  commitStrategies,
  createClient,
  DecodeError,
  defineHeaders,
  defineTopics,
  enumHeader,
  integerHeader,
  InvalidHeaderError,
  numberHeader,
  stringHeader,
  stringSerde,
  type RawMessage,
} from 'kgen';
import { dlqHeaders } from 'kgen/delivery';
import { stackEnv, uniqueName } from '../../helpers/stack-env';
import { createTopic } from './fixtures';

jest.setTimeout(120_000);

// Typed headers on the real broker, checked against KafkaJS 2.2 (pure JavaScript, its own wire code): what
// kgen writes is read back as the documented header bytes, and headers KafkaJS writes are read by kgen typed.
describe('typed SDK on the real stack: typed headers', () => {
  const { brokers, registryUrl } = stackEnv();
  const plain = new PlainKafka({ brokers: [brokers], logLevel: logLevel.NOTHING });

  const headers = defineHeaders(
    {
      'tenant-id': stringHeader(),
      attempt: integerHeader({ optional: true }),
      ratio: numberHeader({ optional: true }),
      seq: bigintHeader({ optional: true }),
      replayed: booleanHeader({ optional: true }),
      priority: enumHeader(['low', 'high']),
      signature: bytesHeader({ optional: true }),
    },
    { strict: true },
  );

  async function setup(prefix: string) {
    const topic = uniqueName(prefix) as 'payments';
    await createTopic(brokers, topic);
    const topics = defineTopics({ [topic]: { key: stringSerde, value: stringSerde, headers } } as const);
    const client = createClient({ brokers, registry: { url: registryUrl }, topics, logLevel: 'error' });
    return { topic, client };
  }

  /** Every record of `topic` as KafkaJS reads it: value and headers as raw bytes. */
  async function readRaw(topic: string, count: number) {
    const reader = plain.consumer({ groupId: uniqueName('hdr-reader') });
    await reader.connect();
    await reader.subscribe({ topic, fromBeginning: true });
    const seen: Array<{ value: string; headers: Record<string, unknown> }> = [];
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${seen.length} of ${count} records`)), 60_000);
      reader
        .run({
          eachMessage: async ({ message }) => {
            seen.push({ value: String(message.value), headers: { ...message.headers } });
            if (seen.length === count) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
    await reader.disconnect();
    return seen;
  }

  async function endOffset(topic: string): Promise<string> {
    const admin = plain.admin();
    await admin.connect();
    const [p] = await admin.fetchTopicOffsets(topic);
    await admin.disconnect();
    return p!.high;
  }

  it('kgen writes typed headers as the documented bytes (send and produce); a bad one sends nothing', async () => {
    const { topic, client } = await setup('hdr-write');
    const producer = await client.producer({ topics: [topic] });
    const signature = Buffer.from([0, 1, 254, 255]);
    await producer.send(topic, {
      key: 'k',
      value: 'sent',
      headers: {
        'tenant-id': 'tenant-ä',
        attempt: -3,
        ratio: 0.125,
        seq: 2n ** 64n,
        replayed: true,
        priority: 'high',
        signature,
      },
    });
    producer.produce(topic, { key: 'k', value: 'produced', headers: { 'tenant-id': 't2', priority: 'low' } });
    await producer.flush();
    // A JavaScript caller without types: typed error naming topic and header, nothing reaches the broker.
    const untyped = producer as unknown as {
      send(t: string, m: unknown): Promise<unknown>;
      produce(t: string, m: unknown): void;
    };
    const bad = [
      { value: 'no-tenant', headers: { priority: 'low' } },
      { value: 'bad-enum', headers: { 'tenant-id': 't', priority: 'urgent' } },
      { value: 'unknown', headers: { 'tenant-id': 't', priority: 'low', debug: '1' } },
    ];
    for (const m of bad) {
      const sent = await Promise.resolve()
        .then(() => untyped.send(topic, m))
        .catch((e: unknown) => e);
      expect(sent).toBeInstanceOf(InvalidHeaderError);
      expect(() => untyped.produce(topic, m)).toThrow(InvalidHeaderError);
    }
    await producer.disconnect();

    const seen = await readRaw(topic, 2);
    expect(seen).toEqual([
      {
        value: 'sent',
        headers: {
          'tenant-id': Buffer.from('tenant-ä', 'utf8'),
          attempt: Buffer.from('-3'),
          ratio: Buffer.from('0.125'),
          seq: Buffer.from('18446744073709551616'),
          replayed: Buffer.from('true'),
          priority: Buffer.from('high'),
          signature,
        },
      },
      { value: 'produced', headers: { 'tenant-id': Buffer.from('t2'), priority: Buffer.from('low') } },
    ]);
    expect(await endOffset(topic)).toBe('2');
  });

  it('headers written by KafkaJS are read typed; one that does not decode goes to onDecodeError, never dropped', async () => {
    const { topic, client } = await setup('hdr-read');
    const writer = plain.producer();
    await writer.connect();
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    await writer.send({
      topic,
      messages: [
        {
          key: 'a',
          value: 'full',
          headers: {
            'tenant-id': 't-1',
            attempt: '42',
            ratio: '-2.5e-3',
            seq: '-9223372036854775808',
            replayed: 'false',
            priority: 'low',
            signature: Buffer.from([9, 8]),
            traceparent,
          },
        },
        { key: 'b', value: 'bad', headers: { 'tenant-id': 't-2', priority: 'low', attempt: 'three' } },
        { key: 'c', value: 'minimal', headers: { 'tenant-id': 't-3', priority: 'high' } },
        { key: 'd', value: 'missing', headers: { priority: 'high' } },
      ],
    });
    await writer.disconnect();

    const consumer = await client.consumer({
      groupId: uniqueName('hdr-g'),
      topics: [topic],
      fromBeginning: true,
    });
    const handled: Array<{ value: string; headers: unknown; trace: unknown }> = [];
    const failed: Array<{ error: unknown; raw: RawMessage }> = [];
    await consumer.run({
      eachMessage: async (m) => {
        handled.push({ value: m.value, headers: m.headers, trace: m.raw.headers['traceparent'] });
      },
      onDecodeError: (error, raw) => {
        failed.push({ error, raw });
        return 'skip';
      },
    });
    const deadline = Date.now() + 30_000;
    while (handled.length + failed.length < 4 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    await consumer.disconnect();

    expect(handled).toEqual([
      {
        value: 'full',
        headers: {
          'tenant-id': 't-1',
          attempt: 42,
          ratio: -0.0025,
          seq: -(2n ** 63n),
          replayed: false,
          priority: 'low',
          signature: Buffer.from([9, 8]),
        },
        trace: Buffer.from(traceparent),
      },
      { value: 'minimal', headers: { 'tenant-id': 't-3', priority: 'high' }, trace: undefined },
    ]);
    expect(failed.map((f) => f.error)).toEqual([expect.any(DecodeError), expect.any(DecodeError)]);
    expect(failed.map(({ error }) => error)).toMatchObject([
      { role: 'headers', header: 'attempt', topic, offset: '1' },
      { role: 'headers', header: 'tenant-id', topic, offset: '3' },
    ]);
    expect((failed[0]!.error as Error).message).toMatch(
      /header "attempt": expected a decimal integer, got "three"/,
    );
    // The raw record keeps the headers exactly as fetched (what a dead letter would carry).
    expect(failed[0]!.raw.headers).toEqual({
      'tenant-id': Buffer.from('t-2'),
      priority: Buffer.from('low'),
      attempt: Buffer.from('three'),
    });
  });

  it('the delivery runner dead-letters a record whose headers do not decode, original headers byte for byte', async () => {
    const { topic, client } = await setup('hdr-dlq');
    await createTopic(brokers, `${topic}.dlq`);
    const writer = plain.producer();
    await writer.connect();
    const badHeaders = {
      'tenant-id': Buffer.from('t-9'),
      priority: Buffer.from('urgent'),
      note: Buffer.from([0xff]),
    };
    await writer.send({
      topic,
      messages: [
        { key: 'ok', value: 'good', headers: { 'tenant-id': 't-1', priority: 'high' } },
        { key: 'bad', value: 'bad', headers: badHeaders },
      ],
    });
    await writer.disconnect();

    const consumer = await client.consumer({
      groupId: uniqueName('hdr-dlq-g'),
      topics: [topic],
      fromBeginning: true,
      autoCommit: false,
    });
    const handled: unknown[] = [];
    const run = await client.runWithDelivery(consumer, {
      topics: [topic],
      strategy: commitStrategies.perBatch(),
      handle: async (m) => void handled.push(m.headers),
    });
    const [dead] = await readRaw(`${topic}.dlq`, 1);
    await run.stop();
    await consumer.disconnect();

    expect(handled).toEqual([{ 'tenant-id': 't-1', priority: 'high' }]);
    expect(dead!.value).toBe('bad');
    // The original headers, untouched, beside kgen's dead-letter headers.
    expect(dead!.headers).toMatchObject(badHeaders);
    expect(String(dead!.headers[dlqHeaders.errorMessage])).toMatch(
      /header "priority": expected one of "low", "high"/,
    );
  });
});
