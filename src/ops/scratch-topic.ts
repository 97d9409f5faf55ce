import { KafkaJS } from '@confluentinc/kafka-javascript';
import { OpsError } from './ops-error';
import { withTimeout } from '../kafka/with-timeout';

/** A topic a command creates for itself (kgen bench) and deletes when done. */
export interface ScratchTopic {
  readonly name: string;
  delete(): Promise<void>;
}

/** Creates `name`; an unreachable cluster is an {@link OpsError} within `timeoutMs`. */
export async function createScratchTopic(
  brokers: readonly string[],
  name: string,
  partitions: number,
  timeoutMs = 10_000,
): Promise<ScratchTopic> {
  const admin = new KafkaJS.Kafka({
    kafkaJS: { brokers: [...brokers], logLevel: KafkaJS.logLevel.NOTHING, connectionTimeout: timeoutMs },
  }).admin();
  const unreachable = (err?: unknown): OpsError =>
    new OpsError(
      'CLUSTER_UNREACHABLE',
      `cannot reach the Kafka cluster at ${brokers.join(',')}${err === undefined ? ` within ${timeoutMs} ms` : `: ${String(err)}`}`,
      { cause: err },
    );
  try {
    await withTimeout(admin.connect(), timeoutMs, () => unreachable());
    await withTimeout(
      admin.createTopics({ topics: [{ topic: name, numPartitions: partitions }] }),
      timeoutMs,
      () => unreachable(),
    );
  } catch (err) {
    await admin.disconnect().catch(() => undefined);
    throw err instanceof OpsError ? err : unreachable(err);
  }
  return {
    name,
    delete: async () => {
      await admin.deleteTopics({ topics: [name] }).catch(() => undefined);
      await admin.disconnect().catch(() => undefined);
    },
  };
}
