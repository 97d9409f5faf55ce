import type { KafkaJS } from '@confluentinc/kafka-javascript';
import type { DeliveryMetrics } from '../../metrics/delivery-metrics';
import { rawRecordOf, type RawRecord } from '../dlq/raw-record';
import { drain, type StopResult } from '../shutdown';
import { Committer } from './committer';
import { commitDurably, commitQueued } from './durable-commit';
import type { CommitStrategy } from './strategy';

/** Options of {@link runConsumer}. */
export interface RunConsumerOptions {
  /**
   * A connected consumer of the official client's promisified API, created with `kafkaJS.autoCommit: false`
   * (kgen commits). `js.consumer.max.batch.size` sets the size of a `per-batch` batch.
   */
  readonly consumer: KafkaJS.Consumer;
  readonly topics: readonly string[];
  /** Subscribe to `topics` (default true); false when the consumer is already subscribed (SDK consumers). */
  readonly subscribe?: boolean;
  /** When offsets are committed; see {@link CommitStrategy}. */
  readonly strategy: CommitStrategy;
  /**
   * Records of one fetched batch handled at the same time (default 1: strictly in order). Above 1, records
   * of a partition finish out of order; gap tracking keeps commits behind the first unfinished one.
   */
  readonly concurrency?: number;
  /** Partitions handled at the same time (default 1). */
  readonly partitionsConsumedConcurrently?: number;
  /**
   * Handles one raw record. With a manual strategy, call `ack()` when the record is done (the promise
   * settles after the commit for `manual-immediate`). A throw stops the batch and replays it from its first
   * unfinished record (wrap the handler with `retryThenDeadLetter` so one bad record cannot loop).
   */
  readonly handle: (record: RawRecord, ack: () => Promise<void>) => Promise<unknown>;
  readonly metrics?: DeliveryMetrics;
  /** Errors of background commits (timer strategies). */
  readonly onError?: (error: unknown) => void;
}

/** A running consumer loop. */
export interface ConsumerRun {
  /**
   * Stops fetching, waits up to `timeoutMs` (default 30 s) for in-flight handlers, commits what finished and
   * disconnects the consumer.
   */
  stop(opts?: { readonly timeoutMs?: number }): Promise<StopResult>;
  /** Handlers running now. */
  inFlight(): number;
  /** Consumed positions (`topic:partition` → next offset), e.g. for `consumerLag(..., { consumed })`. */
  positions(): Map<string, string>;
  /** The committer (commit strategy and offset tracker) of this run. */
  readonly committer: Committer;
}

async function pool<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<unknown[]> {
  const errors: unknown[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && errors.length === 0) {
      const item = items[next++]!;
      try {
        await fn(item);
      } catch (e) {
        errors.push(e);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return errors;
}

/**
 * Runs a consumer with a commit strategy: commits follow the strategy and never pass a record whose handler
 * (or `ack`) has not finished. Subscribes to `topics` and starts at once.
 */
export async function runConsumer(opts: RunConsumerOptions): Promise<ConsumerRun> {
  const { consumer, metrics } = opts;
  const committer = new Committer({
    strategy: opts.strategy,
    commit: (positions, durable) =>
      durable ? commitDurably(consumer, positions) : commitQueued(consumer, positions),
    onCommitted: (positions) => metrics?.increment('committed', positions.length),
    ...(opts.onError ? { onTimerError: opts.onError } : {}),
  });
  const concurrency = Math.max(1, opts.concurrency ?? 1);
  let stopping = false;

  if (opts.subscribe !== false) await consumer.subscribe({ topics: [...opts.topics] });
  await consumer.run({
    partitionsConsumedConcurrently: opts.partitionsConsumedConcurrently ?? 1,
    eachBatchAutoResolve: false,
    eachBatch: async ({ batch, resolveOffset }) => {
      if (stopping || batch.messages.length === 0) return;
      const { topic, partition } = batch;
      const first = batch.messages[0]!;
      // A rewind (revoked and re-assigned, or replay after a failed batch): start the partition afresh.
      if (committer.tracker.isRewind(topic, partition, first.offset))
        committer.tracker.forget(topic, partition);
      await committer.beforeBatch(topic, partition, batch.lastOffset());
      const errors = await pool(batch.messages, concurrency, async (message) => {
        if (stopping) return;
        committer.begin(topic, partition, message.offset);
        const record = rawRecordOf(topic, partition, message);
        await opts.handle(record, () => committer.ack(topic, partition, message.offset));
        await committer.finished(topic, partition, message.offset);
      });
      // Tell the client how far this batch got, so it refetches only what is not finished.
      // Manual acks may come later: the tracker, not the client, holds those records back.
      const pos = committer.manual ? undefined : committer.tracker.position(topic, partition);
      if (committer.manual && errors.length === 0) resolveOffset(batch.lastOffset());
      else if (pos !== undefined) resolveOffset((BigInt(pos) - 1n).toString());
      if (errors.length > 0) {
        await committer.commitNow();
        committer.tracker.forget(topic, partition);
        throw errors[0];
      }
      await committer.afterBatch();
    },
  });

  return {
    committer,
    inFlight: () => committer.tracker.inFlight(),
    positions: () =>
      new Map(committer.tracker.positions().map((p) => [`${p.topic}:${p.partition}`, p.offset])),
    async stop(stopOpts = {}) {
      stopping = true;
      try {
        consumer.pause(opts.topics.map((topic) => ({ topic })));
      } catch {
        // not connected any more: nothing to pause
      }
      const drained = await drain(() => committer.tracker.inFlight(), stopOpts.timeoutMs ?? 30_000);
      const abandoned = committer.tracker.inFlight();
      try {
        await committer.commitNow({ durable: true });
      } finally {
        committer.close();
        await consumer.disconnect();
      }
      return { drained, abandoned };
    },
  };
}
