// Topics, clients and the typed topic map shared by the end-to-end produce/consume benchmarks.
import { releaseConsumerLockStorage } from '../../src/kafka/lock-storage';
import { KafkaJS } from '@confluentinc/kafka-javascript';
import { SchemaRegistryClient } from '@confluentinc/schemaregistry';
import { avroSchema, createClient, defineTopics, stringSerde } from 'kgen';
import { avroText, type BenchOrder } from './avro-fixture';
import { brokers, registryUrl, unique } from './stack';

/** Messages per end-to-end run (`BENCH_MESSAGES` overrides). */
export const MESSAGES = Number(process.env['BENCH_MESSAGES'] ?? 200_000);

/** The same librdkafka producer settings for every impl: batching on, a queue that holds a whole run. */
export const producerConfig = {
  'linger.ms': 5,
  'batch.num.messages': 10_000,
  'queue.buffering.max.messages': 1_000_000,
} as const;

/**
 * The raw @confluentinc/kafka-javascript client of the peer impls. Its consumers get kgen's workaround for the
 * KafkaJS layer's AsyncLocalStorage leak (src/kafka/lock-storage.ts): else each raw consumer a run disconnects
 * would make every promise of every later run dearer, and the impls run after it would pay for it.
 */
export function rawKafka(): KafkaJS.Kafka {
  return releaseConsumerLockStorage(
    new KafkaJS.Kafka({ kafkaJS: { brokers: [brokers], logLevel: KafkaJS.logLevel.ERROR } }),
  );
}

export async function createTopic(topic: string, partitions: number): Promise<void> {
  const admin = rawKafka().admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }] });
  await admin.disconnect();
}

/** A fresh topic with its value subject registered, and a kgen client typed for it. */
export async function benchTopic(prefix: string) {
  const topic = unique(prefix);
  await createTopic(topic, 3);
  await new SchemaRegistryClient({ baseURLs: [registryUrl] }).register(
    `${topic}-value`,
    { schemaType: 'AVRO', schema: avroText },
    false,
  );
  const topics = defineTopics({
    [topic]: {
      key: stringSerde,
      value: avroSchema<BenchOrder>({
        name: 'bench.BenchOrder',
        schema: avroText,
        references: [],
        options: {
          long: 'number',
          unions: 'wrapped',
          timestamps: 'number',
          date: 'number',
          decimal: 'bytes',
        },
      }),
    },
  });
  return {
    topic,
    kgen: createClient({ brokers, registry: { url: registryUrl }, topics, logLevel: 'error' }),
  };
}

/** Distinct keys, so partitioning does real work. */
export function keyOf(i: number): string {
  return `order-${i}`;
}
