import type { KafkaJS } from '@confluentinc/kafka-javascript';
import { Kafka as PlainKafka, logLevel } from 'kafkajs';
import { stackEnv, uniqueName } from '../../helpers/stack-env';
import { consumeN } from '../../helpers/consume';
import { runConsumer } from '../../../src/delivery/run-consumer';
import { commitStrategies } from '../../../src/consumer/commit/strategy';
import { DeadLetterPublisher } from '../../../src/consumer/dlq/dead-letter-publisher';
import { dlqHeaders } from '../../../src/consumer/dlq/headers';
import { retryThenDeadLetter } from '../../../src/consumer/retry/retry-then-dead-letter';
import { DeliveryMetrics } from '../../../src/metrics/delivery-metrics';
import { producerDefaults } from '../../../src/producer/presets';
import {
  committedTotal,
  connectedConsumer,
  createTopics,
  headerString,
  jsonSerde,
  kafkaFor,
  waitFor,
} from './support';

jest.setTimeout(120_000);

describe('delivery: retries and dead letters', () => {
  const { brokers } = stackEnv();
  const kafka = kafkaFor(brokers);

  it('a record whose handler always throws is retried N times, dead-lettered with the documented headers, and the partition keeps flowing; an undecodable payload goes straight to the DLQ, bytes intact', async () => {
    const topic = uniqueName('dlv-dlq');
    const group = uniqueName('dlv-dlq-group');
    await createTopics(kafka, [topic, `${topic}.dlq`]);
    // A Confluent-framed payload (schema id 7) whose body is not JSON: the decoder must fail on it.
    const undecodable = Buffer.from([0, 0, 0, 0, 7, 0xff, 0xfe, 0x00, 0x80]);
    const producer = kafka.producer({ ...producerDefaults, 'linger.ms': 5 });
    await producer.connect();
    const messages: KafkaJS.Message[] = [];
    for (let i = 0; i < 50; i++) messages.push({ key: String(i), value: JSON.stringify({ n: i }) });
    messages.splice(20, 0, { key: 'bad-bytes', value: undecodable, headers: { origin: 'test' } });
    await producer.send({ topic, messages });

    const metrics = new DeliveryMetrics();
    const attempts = new Map<number, number>();
    const handled: number[] = [];
    const RETRIES = 3;
    const consumer = await connectedConsumer(kafka, group);
    const run = await runConsumer({
      consumer,
      topics: [topic],
      strategy: commitStrategies.perBatch(),
      metrics,
      handle: retryThenDeadLetter({
        decode: (r) => jsonSerde.decode(r).value as { n: number },
        handle: async (value) => {
          attempts.set(value.n, (attempts.get(value.n) ?? 0) + 1);
          if (value.n === 13) throw new RangeError('13 is unlucky');
          handled.push(value.n);
        },
        deadLetter: new DeadLetterPublisher({ send: (r) => producer.send(r), metrics }),
        retry: { retries: RETRIES, initialDelayMs: 5, maxDelayMs: 20 },
        metrics,
      }),
    });
    await waitFor(
      'all 51 offsets committed',
      async () => (await committedTotal(kafka, group, topic)) >= 51,
      60_000,
    );
    const stopped = await run.stop();
    expect(stopped).toEqual({ drained: true, abandoned: 0 });

    expect(attempts.get(13)).toBe(1 + RETRIES);
    expect(handled).toEqual(Array.from({ length: 50 }, (_, i) => i).filter((n) => n !== 13));
    expect(metrics.snapshot()).toMatchObject({ retried: RETRIES, deadLettered: 2, failed: 1 });

    const dead = await consumeN(kafka, { topic: `${topic}.dlq`, count: 2 });
    await producer.disconnect();
    const byKey = new Map(dead.map((m) => [m.key?.toString(), m]));
    const poison = byKey.get('13')!;
    expect(poison.value).toEqual(Buffer.from(JSON.stringify({ n: 13 })));
    const h = (m: typeof poison, name: string): string | undefined => headerString(m.headers?.[name]);
    expect(h(poison, dlqHeaders.reason)).toBe('handler-failed');
    expect(h(poison, dlqHeaders.errorClass)).toBe('RangeError');
    expect(h(poison, dlqHeaders.errorMessage)).toBe('13 is unlucky');
    expect(h(poison, dlqHeaders.attempts)).toBe(String(1 + RETRIES));
    expect(h(poison, dlqHeaders.topic)).toBe(topic);
    expect(h(poison, dlqHeaders.partition)).toBe('0');
    expect(h(poison, dlqHeaders.offset)).toBe('13'); // the undecodable record sits later, at offset 20
    expect(Number(h(poison, dlqHeaders.timestamp))).toBeGreaterThan(0);
    expect(h(poison, dlqHeaders.valueSchemaId)).toBeUndefined();

    const bad = byKey.get('bad-bytes')!;
    expect(bad.value).toEqual(undecodable);
    expect(h(bad, dlqHeaders.reason)).toBe('undecodable');
    expect(h(bad, dlqHeaders.errorClass)).toBe('SyntaxError');
    expect(h(bad, dlqHeaders.attempts)).toBe('0');
    expect(h(bad, dlqHeaders.offset)).toBe('20');
    expect(h(bad, dlqHeaders.valueSchemaId)).toBe('7');
    expect(h(bad, 'origin')).toBe('test');
  });

  it('dead letters keep the exact bytes: empty value, null key, empty key, binary key and value', async () => {
    // Written and read with KafkaJS (pure JavaScript, an independent client that tells null from empty).
    const plain = new PlainKafka({ brokers: [brokers], logLevel: logLevel.NOTHING });
    const topic = uniqueName('dlv-dlq-bytes');
    const group = uniqueName('dlv-dlq-bytes-group');
    await createTopics(kafka, [topic, `${topic}.dlq`]);
    const binary = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const inputs: Array<{ key: Buffer | null; value: Buffer }> = [
      { key: Buffer.from('empty-value'), value: Buffer.alloc(0) },
      { key: null, value: binary },
      { key: Buffer.alloc(0), value: Buffer.from('empty-key') },
      { key: binary.subarray(250), value: binary.subarray(0, 7) },
    ];
    const writer = plain.producer();
    await writer.connect();
    await writer.send({ topic, messages: inputs });
    await writer.disconnect();

    const producer = kafka.producer({ ...producerDefaults, 'linger.ms': 5 });
    await producer.connect();
    const consumer = await connectedConsumer(kafka, group);
    const run = await runConsumer({
      consumer,
      topics: [topic],
      strategy: commitStrategies.perBatch(),
      handle: retryThenDeadLetter({
        decode: (r) => r,
        handle: () => Promise.reject(new Error('always fails')),
        deadLetter: new DeadLetterPublisher({ send: (r) => producer.send(r) }),
        retry: { retries: 0 },
      }),
    });
    await waitFor(
      '4 offsets committed',
      async () => (await committedTotal(kafka, group, topic)) >= 4,
      60_000,
    );
    await run.stop();
    await producer.disconnect();

    const reader = plain.consumer({ groupId: uniqueName('dlv-dlq-bytes-reader') });
    await reader.connect();
    await reader.subscribe({ topic: `${topic}.dlq`, fromBeginning: true });
    const dead: Array<{ key: Buffer | null; value: Buffer | null; offset: string | undefined }> = [];
    await new Promise<void>((resolve) => {
      void reader.run({
        eachMessage: async ({ message }) => {
          const offset = headerString(message.headers?.[dlqHeaders.offset]);
          dead.push({ key: message.key, value: message.value, offset });
          if (dead.length === inputs.length) resolve();
        },
      });
    });
    await reader.disconnect();
    dead.sort((a, b) => Number(a.offset) - Number(b.offset));
    expect(dead.map((d) => ({ key: d.key, value: d.value }))).toEqual(inputs);
    // toEqual would let an empty buffer pass for null: check null and empty explicitly.
    expect(dead[0]!.value).not.toBeNull();
    expect(dead[0]!.value!.length).toBe(0);
    expect(dead[1]!.key).toBeNull();
    expect(dead[2]!.key).not.toBeNull();
    expect(dead[2]!.key!.length).toBe(0);
  });
});
