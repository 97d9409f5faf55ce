import * as os from 'node:os';
import { KafkaJS } from '@confluentinc/kafka-javascript';
import { Kafka, logLevel } from 'kafkajs';
import type { CommandIo } from '../../../codegen/cli/command-io';

/** A CommandIo collecting stdout and stderr lines. */
export function captureIo(
  cwd = os.tmpdir(),
  env: NodeJS.ProcessEnv = {},
  stdin?: string,
): {
  io: CommandIo & { readonly stdin?: string };
  out: string[];
  err: string[];
} {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: {
      cwd,
      env,
      stdout: (l) => out.push(l),
      stderr: (l) => err.push(l),
      ...(stdin !== undefined ? { stdin } : {}),
    },
    out,
    err,
  };
}

export async function createTopics(brokers: string, topics: string[], partitions = 1): Promise<void> {
  const admin = new KafkaJS.Kafka({
    kafkaJS: { brokers: [brokers], logLevel: KafkaJS.logLevel.NOTHING },
  }).admin();
  await admin.connect();
  await admin.createTopics({
    topics: topics.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: 1 })),
  });
  await admin.disconnect();
}

/** Every record of a topic read with KafkaJS (pure JavaScript: independent of librdkafka), from the start. */
export async function readWithKafkaJs(
  brokers: string,
  topic: string,
  count: number,
): Promise<
  Array<{
    partition: number;
    offset: number;
    key: Buffer | null;
    value: Buffer | null;
    headers: Record<string, string>;
  }>
> {
  const kafka = new Kafka({ brokers: [brokers], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const total = ends.reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
  if (total !== count) throw new Error(`topic ${topic} holds ${total} records, expected ${count}`);
  const out: Array<{
    partition: number;
    offset: number;
    key: Buffer | null;
    value: Buffer | null;
    headers: Record<string, string>;
  }> = [];
  if (count === 0) return out;
  const consumer = kafka.consumer({ groupId: `kafkajs-reader-${Date.now()}-${Math.random()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await new Promise<void>((resolve) => {
    void consumer.run({
      eachMessage: async ({ partition, message }) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(message.headers ?? {})) headers[k] = String(v);
        out.push({
          partition,
          offset: Number(message.offset),
          key: message.key,
          value: message.value,
          headers,
        });
        if (out.length === count) resolve();
      },
    });
  });
  await consumer.disconnect();
  return out.sort((a, b) => a.partition - b.partition || a.offset - b.offset);
}
