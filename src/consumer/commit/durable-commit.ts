import type { KafkaJS } from '@confluentinc/kafka-javascript';
import { acknowledgingClientOf, committingClientOf } from '../../kafka/internal-client';
import { KgenError } from '../../errors';
import type { CommitPosition } from './offset-tracker';

/** A commit the broker did not accept. */
export class CommitError extends KgenError {
  /** The offsets whose commit failed (still uncommitted). */
  readonly positions: readonly CommitPosition[];
  constructor(positions: readonly CommitPosition[], cause: unknown) {
    const where = positions.map((p) => `${p.topic}[${p.partition}]@${p.offset}`).join(', ');
    super('COMMIT', `commit of ${where} failed: ${String(cause)}`, { cause });
    this.positions = positions;
  }
}

/**
 * Commits and returns only once the broker acknowledged it. The promisified `commitOffsets()` of the official
 * client resolves when the commit is QUEUED (librdkafka `commitAsync`): fine for at-least-once, not for
 * at-most-once (commit before processing) nor for an `ack()` that promises "committed". This uses the
 * underlying client's synchronous commit (it blocks the event loop for one broker round trip).
 */
export async function commitDurably(
  consumer: KafkaJS.Consumer,
  positions: readonly CommitPosition[],
): Promise<void> {
  const client = committingClientOf(consumer);
  try {
    if (!client) {
      await consumer.commitOffsets(positions.map((p) => ({ ...p })));
      return;
    }
    client.commitSync(
      positions.map((p) => ({ topic: p.topic, partition: p.partition, offset: Number(p.offset) })),
    );
  } catch (e) {
    throw new CommitError(positions, e);
  }
}

/** Read-backs of the committed offsets before a commit counts as not acknowledged. */
const ACK_READS = 5;
/** Time allowed to one read-back of the committed offsets (a broker round trip). */
const ACK_READ_TIMEOUT_MS = 10_000;

/**
 * Commits without blocking the event loop and resolves once the broker has the offsets: the background commits
 * of every-n, every-t, n-or-t and manual. librdkafka's asynchronous commit is queued, then the committed offsets
 * are read back (on the binding's worker thread) until they reach the positions: the coordinator answers
 * requests in order, so one read-back normally suffices. Offsets that never arrive (the commit was refused, a
 * rebalance) make it reject; they stay pending and the next commit retries them. Without the binding's client
 * (a test double) it falls back to {@link commitQueued}.
 */
export async function commitAcknowledged(
  consumer: KafkaJS.Consumer,
  positions: readonly CommitPosition[],
): Promise<void> {
  const client = acknowledgingClientOf(consumer);
  if (!client) return commitQueued(consumer, positions);
  const offsets = positions.map((p) => ({
    topic: p.topic,
    partition: p.partition,
    offset: Number(p.offset),
  }));
  try {
    client.commit(offsets);
    for (let read = 1; ; read++) {
      const committed = await new Promise<ReadonlyArray<{ offset?: number }>>((resolve, reject) => {
        client.committed(
          offsets.map(({ topic, partition }) => ({ topic, partition })),
          ACK_READ_TIMEOUT_MS,
          (err, tps) => (err ? reject(err) : resolve(tps)),
        );
      });
      if (offsets.every((o, i) => (committed[i]?.offset ?? -1) >= o.offset)) return;
      if (read === ACK_READS) throw new Error(`the broker did not acknowledge it (${ACK_READS} read-backs)`);
    }
  } catch (e) {
    throw new CommitError(positions, e);
  }
}

/**
 * Queues a commit (librdkafka sends it in the background; resolves before the broker answered). Nothing bounds
 * how many such commits a fast consumer has queued when it crashes: runConsumer uses `commitAcknowledged`.
 */
export async function commitQueued(
  consumer: KafkaJS.Consumer,
  positions: readonly CommitPosition[],
): Promise<void> {
  try {
    await consumer.commitOffsets(positions.map((p) => ({ ...p })));
  } catch (e) {
    throw new CommitError(positions, e);
  }
}
