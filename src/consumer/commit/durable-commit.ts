import type { KafkaJS } from '@confluentinc/kafka-javascript';
import { committingClientOf } from '../../kafka/internal-client';
import { KgenError } from '../../errors';
import type { CommitPosition } from './offset-tracker';

/** A commit the broker did not accept. */
export class CommitError extends KgenError {
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

/** Queues a commit (librdkafka sends it in the background); at-least-once strategies use this. */
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
