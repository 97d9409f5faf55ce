import { randomBytes } from 'node:crypto';
import type { KafkaJS } from '@confluentinc/kafka-javascript';
import { retryRetriable } from '../kafka/broker-retry';

/*
 * Why not `kafka.admin().fetchOffsets()`: librdkafka (confluentinc/librdkafka#5040, still in the version the
 * official client bundles) dereferences the client's consumer-group handle when a ListConsumerGroupOffsets
 * response says NOT_COORDINATOR, which a broker answers while it loads the group's `__consumer_offsets`
 * partition (after a start or a failover). A plain admin client has no such handle: the process segfaults.
 * `describeGroups` in the same window crashes the binding too. An admin that shares a consumer's handle gets
 * a retriable error instead, so kgen reads committed offsets only through one.
 */

/** An admin client safe for group offset reads, backed by a consumer that never joins a group. */
export interface OffsetsAdmin {
  /** The admin client; use it for offset reads only. */
  readonly admin: KafkaJS.Admin;
  /** Disconnects the admin and the consumer behind it. */
  disconnect(): Promise<void>;
}

/**
 * Connects an {@link OffsetsAdmin}: a consumer (own throwaway `group.id`, never subscribed, so it joins
 * nothing) and the admin that shares its librdkafka handle.
 */
export async function connectOffsetsAdmin(kafka: KafkaJS.Kafka): Promise<OffsetsAdmin> {
  const consumer = kafka.consumer({
    kafkaJS: { groupId: `kgen-offsets-reader-${randomBytes(6).toString('hex')}` },
  });
  await consumer.connect();
  const admin = consumer.dependentAdmin();
  try {
    await admin.connect();
  } catch (err) {
    await consumer.disconnect();
    throw err;
  }
  return {
    admin,
    async disconnect() {
      try {
        await admin.disconnect();
      } finally {
        await consumer.disconnect();
      }
    },
  };
}

/** Options of {@link fetchCommittedOffsets}. */
export interface CommittedOffsetsOptions {
  /**
   * Fail (after retries) instead of answering while a transaction's offsets are pending (`require_stable`).
   * Default false: the offsets of the last committed transaction.
   */
  readonly requireStableOffsets?: boolean;
}

/**
 * The group's committed offsets on `topics`, retrying retriable errors (a coordinator still loading, an
 * offset still unstable). A partition-level error is thrown, not returned as offset -1. Pass an admin that
 * shares a consumer's handle: {@link connectOffsetsAdmin}'s, or `consumer.dependentAdmin()`.
 */
export function fetchCommittedOffsets(
  admin: KafkaJS.Admin,
  groupId: string,
  topics: readonly string[],
  options: CommittedOffsetsOptions = {},
): Promise<Array<{ topic: string; partitions: KafkaJS.FetchOffsetsPartition[] }>> {
  return retryRetriable(async () => {
    const res = await admin.fetchOffsets({
      groupId,
      topics: [...topics],
      ...(options.requireStableOffsets === true ? { requireStableOffsets: true } : {}),
    });
    const failed = res.flatMap((t) => t.partitions).find((p) => p.error !== null && p.error !== undefined);
    if (failed?.error) throw failed.error;
    return res;
  }, 8);
}
