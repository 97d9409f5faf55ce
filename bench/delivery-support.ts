/** Shared set-up of the delivery benchmarks: broker address, topics, input data, quiet clients. */
import { randomBytes } from 'node:crypto';
import { KafkaJS } from '@confluentinc/kafka-javascript';
import { fetchCommittedOffsets } from '../src/consumer/committed-offsets';
import { producerDefaults } from '../src/producer/presets';

export const brokers = process.env['KAFKA_BROKERS'] ?? '127.0.0.1:19092';

export function kafka(): KafkaJS.Kafka {
  return new KafkaJS.Kafka({ kafkaJS: { brokers: [brokers], logLevel: KafkaJS.logLevel.NOTHING } });
}

export function name(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

export async function createTopics(
  k: KafkaJS.Kafka,
  topics: readonly string[],
  numPartitions: number,
): Promise<void> {
  const admin = k.admin();
  await admin.connect();
  await admin.createTopics({ topics: topics.map((topic) => ({ topic, numPartitions })) });
  await admin.disconnect();
}

/** `count` JSON records `{ id, n, note }` (about 80 bytes) keyed by id. */
export async function produceInput(k: KafkaJS.Kafka, topic: string, count: number): Promise<void> {
  const p = k.producer({ ...producerDefaults, 'linger.ms': 20 });
  await p.connect();
  const pending: Promise<unknown>[] = [];
  for (let i = 0; i < count; i += 5000) {
    const messages: KafkaJS.Message[] = [];
    for (let j = i; j < Math.min(count, i + 5000); j++)
      messages.push({
        key: String(j),
        value: JSON.stringify({ id: j, n: j * 3, note: 'kgen delivery bench record' }),
      });
    pending.push(p.send({ topic, messages }));
  }
  await Promise.all(pending);
  await p.disconnect();
}

/** Sum of a group's committed offsets over a topic's partitions. */
export async function committed(admin: KafkaJS.Admin, groupId: string, topic: string): Promise<number> {
  const res = await fetchCommittedOffsets(admin, groupId, [topic]);
  return res.flatMap((t) => t.partitions).reduce((s, p) => s + Math.max(0, Number(p.offset)), 0);
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Prints one result line of the bench output contract. */
export function report(
  fields: { bench: string; impl: string; msgs_per_s: number } & Record<string, unknown>,
): void {
  console.log(
    JSON.stringify({ ...fields, msgs_per_s: Math.round(fields.msgs_per_s), node: process.version }),
  );
}
