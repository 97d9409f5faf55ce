import type { KafkaConsumer, Producer } from '@confluentinc/kafka-javascript';
import { OpsError } from './ops-error';
import { withTimeout } from '../kafka/with-timeout';

/** Node-style callback call as a promise. */
export function call<T>(fn: (cb: (err: unknown, value: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => fn((err, value) => (err ? reject(err) : resolve(value))));
}

/**
 * Connects a librdkafka client and returns the partition ids of `topic`. An unreachable cluster is an
 * {@link OpsError} `CLUSTER_UNREACHABLE` within `timeoutMs`; a topic it does not have is `UNKNOWN_TOPIC`
 * (read from the full metadata: asking for one topic would auto-create it on a broker that allows that).
 */
export async function connectToTopic(
  client: KafkaConsumer | Producer,
  brokers: readonly string[],
  topic: string,
  timeoutMs: number,
): Promise<number[]> {
  const where = brokers.join(',');
  const unreachable = (err?: unknown): OpsError =>
    new OpsError(
      'CLUSTER_UNREACHABLE',
      `cannot reach the Kafka cluster at ${where}${err === undefined ? ` within ${timeoutMs} ms` : `: ${String(err)}`}`,
      { cause: err },
    );
  await withTimeout(
    call((cb) => client.connect({ timeout: timeoutMs }, cb)).catch((err: unknown) => {
      throw unreachable(err);
    }),
    timeoutMs,
    () => unreachable(),
  );
  const metadata = await withTimeout(
    call<{ topics: Array<{ name: string; partitions: Array<{ id: number }> }> }>((cb) =>
      client.getMetadata({ allTopics: true, timeout: timeoutMs }, cb),
    ),
    timeoutMs,
    () => unreachable(),
  );
  const found = metadata.topics.find((t) => t.name === topic);
  if (!found) throw new OpsError('UNKNOWN_TOPIC', `topic "${topic}" does not exist on ${where}`);
  return found.partitions.map((p) => p.id).sort((a, b) => a - b);
}

/** Disconnects, ignoring a client that never connected. */
export function disconnect(client: KafkaConsumer | Producer): Promise<void> {
  return new Promise((resolve) => {
    try {
      client.disconnect(() => resolve());
    } catch {
      resolve();
    }
  });
}
