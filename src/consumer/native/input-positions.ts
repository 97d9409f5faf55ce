import type { KafkaJS } from '@confluentinc/kafka-javascript';
import type { NativeBatchLoop } from './batch-loop';

interface PartitionPositions {
  readonly topic: string;
  readonly partition: number;
  /** First offset of the partition in the open transaction: where an abort rewinds to. */
  readonly start: number;
  /** Last processed + 1: what the transaction commits for the group. */
  next: number;
}

/**
 * The input positions of one open consume-transform-produce transaction, per partition: what it commits for the
 * group, and where an abort rewinds to. Shared by the pipeline and the streams runtime.
 */
export class InputPositions {
  readonly #byPartition = new Map<string, PartitionPositions>();

  /** Partitions with input in the transaction. */
  get size(): number {
    return this.#byPartition.size;
  }

  /** Records `first`..`last` of a partition went into the transaction. */
  add(topic: string, partition: number, first: number, last: number): void {
    const key = `${topic}\u0000${partition}`;
    const seen = this.#byPartition.get(key);
    if (seen !== undefined) seen.next = last + 1;
    else this.#byPartition.set(key, { topic, partition, start: first, next: last + 1 });
  }

  /** The group offsets to send with the transaction, grouped by topic (empty when no input went in). */
  offsets(): KafkaJS.TopicOffsets[] {
    const byTopic = new Map<string, KafkaJS.PartitionOffset[]>();
    for (const p of this.#byPartition.values()) {
      const list = byTopic.get(p.topic) ?? [];
      list.push({ partition: p.partition, offset: String(p.next) });
      byTopic.set(p.topic, list);
    }
    return [...byTopic].map(([topic, partitions]) => ({ topic, partitions }));
  }

  /**
   * After an abort: seeks each partition back to its first record in the transaction, before the next fetch
   * (records of it still in hand or prefetched are dropped), so the input is replayed.
   */
  rewind(loop: NativeBatchLoop | undefined): void {
    for (const p of this.#byPartition.values()) {
      try {
        loop?.seek(p.topic, p.partition, p.start);
      } catch {
        // not connected any more: the group's committed offset is where a restart resumes anyway
      }
    }
  }
}
