import { type KafkaJS } from '@confluentinc/kafka-javascript';
import avro from 'avsc';
import { createClient, type KgenClient } from 'kgen';
import { consumeUntilIdle } from '../../helpers/consume';
import { stackEnv, uniqueName } from '../../helpers/stack-env';
import { suffixedTopics, topicNames } from '../../unit/streams/fixtures';

/** The writer schema of the unit fixtures' `stats` topic (acme.Stat), for reading it back with avsc. */
export const STAT_SCHEMA = JSON.stringify({
  type: 'record',
  name: 'Stat',
  namespace: 'acme',
  fields: [
    { name: 'count', type: 'long' },
    { name: 'total', type: 'double' },
  ],
});

/** A small deterministic PRNG (mulberry32), so every run sees the same input. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function createTopics(kafka: KafkaJS.Kafka, topics: Record<string, number>): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({
      topics: Object.entries(topics).map(([topic, numPartitions]) => ({
        topic,
        numPartitions,
        replicationFactor: 1,
        // The streams tests use event times of 2023: under the broker's 7-day retention, its next check (every
        // 5 minutes) would delete their records mid-test.
        configEntries: [{ name: 'retention.ms', value: '-1' }],
      })),
    });
  } finally {
    await admin.disconnect();
  }
}

/**
 * Reads a topic with read_committed and decodes it WITHOUT kgen: the key as UTF-8, the value by stripping
 * the 5-byte Confluent frame and decoding the Avro body with avsc (the independent reader).
 */
export async function readAvro<V>(
  kafka: KafkaJS.Kafka,
  topic: string,
  avroSchema: string,
  expectAtLeast: number,
  opts: { idleMs?: number; timeoutMs?: number } = {},
): Promise<Array<{ key: string; value: V; partition: number }>> {
  const type = avro.Type.forSchema(JSON.parse(avroSchema) as avro.Schema);
  const got = await consumeUntilIdle(kafka, {
    topic,
    isolation: 'read_committed',
    expectAtLeast,
    idleMs: opts.idleMs ?? 3000,
    timeoutMs: opts.timeoutMs ?? 90_000,
  });
  return got.map((m) => {
    if (m.value![0] !== 0) throw new Error(`not Confluent framing on ${topic}@${m.offset}`);
    return {
      key: m.key!.toString('utf8'),
      value: type.fromBuffer(m.value!.subarray(5)) as V,
      partition: m.partition,
    };
  });
}

/** Waits until `done()` holds (polling), or fails after `timeoutMs` naming `what`. */
export async function waitFor(
  what: string,
  done: () => boolean,
  timeoutMs = 60_000,
  state?: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${state ? `: ${state()}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A client of the local stack over the unit topic map under unique names (`tag` in them), with their orders and
 * stats topics created (3 partitions each). The suffix is typed '-run' so that topic names stay literal types.
 */
export async function suffixedClient(tag: string): Promise<{
  names: ReturnType<typeof topicNames<'-run'>>;
  client: KgenClient<ReturnType<typeof suffixedTopics<'-run'>>>;
  suffix: '-run';
}> {
  const { brokers, registryUrl } = stackEnv();
  const suffix = uniqueName(`-${tag}`) as '-run';
  const names = topicNames(suffix);
  const client = createClient({
    brokers,
    registry: { url: registryUrl },
    schemas: { autoRegister: true },
    topics: suffixedTopics(suffix),
    logLevel: 'error',
  });
  await createTopics(client.kafka, { [names.orders]: 3, [names.stats]: 3 });
  return { names, client, suffix };
}
