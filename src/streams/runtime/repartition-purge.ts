import type { KafkaJS } from '@confluentinc/kafka-javascript';

/**
 * Deletes the records of repartition topics this app has committed past (as Kafka Streams does): the topics
 * never expire by time (see ensureInternalTopics), so without this they would only grow. Committed offsets are
 * collected after each commit and deleted up to in one admin call per topic every interval; a failed call is
 * retried with the next interval's offsets (deleting less than committed is always safe).
 */
export class RepartitionPurge {
  readonly #admin: KafkaJS.Admin;
  readonly #topics: ReadonlySet<string>;
  /** Per repartition topic: partition → the committed offset (the next record to read). */
  readonly #committed = new Map<string, Map<number, string>>();
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;

  constructor(admin: KafkaJS.Admin, repartitionTopics: Iterable<string>) {
    this.#admin = admin;
    this.#topics = new Set(repartitionTopics);
  }

  /** Notes what a transaction committed (its input offsets); offsets of other topics are ignored. */
  committed(offsets: readonly KafkaJS.TopicOffsets[]): void {
    for (const { topic, partitions } of offsets) {
      if (!this.#topics.has(topic)) continue;
      let byPartition = this.#committed.get(topic);
      if (byPartition === undefined) this.#committed.set(topic, (byPartition = new Map()));
      for (const p of partitions) byPartition.set(p.partition, p.offset);
    }
  }

  /** Purges every `intervalMs` until {@link stop}. */
  start(intervalMs: number): void {
    if (this.#topics.size === 0) return;
    this.#timer = setInterval(() => {
      this.#running ??= this.purge().finally(() => (this.#running = undefined));
    }, intervalMs);
    this.#timer.unref();
  }

  /** Deletes up to the offsets committed since the last purge. */
  async purge(): Promise<void> {
    const due = [...this.#committed];
    this.#committed.clear();
    for (const [topic, byPartition] of due) {
      const partitions = [...byPartition].map(([partition, offset]) => ({ partition, offset }));
      try {
        await this.#admin.deleteTopicRecords({ topic, partitions });
      } catch {
        // Retried next time, unless a later commit replaced these offsets (then those are deleted up to).
        for (const { partition, offset } of partitions) {
          let later = this.#committed.get(topic);
          if (later === undefined) this.#committed.set(topic, (later = new Map()));
          if (!later.has(partition)) later.set(partition, offset);
        }
      }
    }
  }

  /** Stops purging (waits for a purge under way). */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }
}
