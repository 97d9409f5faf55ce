import * as os from 'node:os';
import { KafkaJS } from '@confluentinc/kafka-javascript';
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
