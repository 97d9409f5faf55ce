import { KafkaJS } from '@confluentinc/kafka-javascript';
import type { RecordSerde } from '../../../src/pipeline/record-serde';
import type { RawRecord } from '../../../src/consumer/dlq/raw-record';

/** A promisified-API client for the given brokers with logging quiet. */
export function kafkaFor(brokers: string): KafkaJS.Kafka {
  return new KafkaJS.Kafka({ kafkaJS: { brokers: [brokers], logLevel: KafkaJS.logLevel.NOTHING } });
}

export async function createTopics(
  kafka: KafkaJS.Kafka,
  topics: readonly string[],
  numPartitions = 1,
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: topics.map((topic) => ({ topic, numPartitions })) });
  } finally {
    await admin.disconnect();
  }
}

/** JSON values and UTF-8 keys: enough serde to count records end to end. Throws on bytes that are not JSON. */
export const jsonSerde: RecordSerde = {
  encode: (_topic, key, value) => ({
    key: key === null || key === undefined ? null : Buffer.from(String(key)),
    value: Buffer.from(JSON.stringify(value)),
  }),
  decode: (record: RawRecord) => ({
    key: record.key?.toString() ?? null,
    value: JSON.parse(record.value?.toString() ?? 'null') as unknown,
  }),
};

export function headerString(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  if (Array.isArray(v)) return headerString(v[0]);
  return Buffer.isBuffer(v) ? v.toString() : String(v);
}
