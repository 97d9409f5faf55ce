import type { KafkaJS } from '@confluentinc/kafka-javascript';
import { BrokerError } from '../kafka/broker-error';
import type { NativeMessage } from '../kafka/internal-client';
import { countDelivery, type DeliveryMetrics } from '../metrics/delivery-metrics';
import type { RawRecord } from '../kafka/raw-record';
import { NativeBatchLoop, type PartitionSlice } from '../consumer/native/batch-loop';
import { rawRecordOfFetched } from '../consumer/native/fetched-record';
import { drain, type StopResult } from '../consumer/shutdown';
import { Committer } from '../consumer/commit/committer';
import { commitAcknowledged, commitDurably } from '../consumer/commit/durable-commit';
import type { CommitStrategy } from '../consumer/commit/strategy';
import { consumeTelemetry } from '../telemetry/observe-process';
import { observeFetched, timedCommit, traceReceive } from '../consumer/native/observe-fetched';

/** Options of {@link runConsumer}. */
export interface RunConsumerOptions {
  /**
   * A connected consumer of the official client's promisified API, created with `kafkaJS.autoCommit: false`
   * (kgen commits). Records are fetched through its native client in batches of `batchSize`.
   */
  readonly consumer: KafkaJS.Consumer;
  /**
   * Records fetched at once (default 500): one `per-batch` batch, committed (and acknowledged by the broker)
   * before the next is fetched, so a crash replays at most this many records.
   */
  readonly batchSize?: number;
  /** Topics to consume. */
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
  /** Counts committed offsets (`committed`). */
  readonly metrics?: DeliveryMetrics;
  /** Errors of background commits (every-n, every-t, n-or-t, manual); their offsets stay pending and are retried. */
  readonly onError?: (error: unknown) => void;
}

/** A running consumer loop. */
export interface DeliveryRun {
  /**
   * Stops fetching, waits up to `timeoutMs` (default 30 s) for in-flight handlers, commits what finished and
   * disconnects the consumer.
   */
  stop(opts?: { readonly timeoutMs?: number }): Promise<StopResult>;
  /** Handlers running now. */
  inFlight(): number;
  /** Consumed positions (`topic:partition` → next offset), e.g. for `consumerLag(..., { consumed })`. */
  positions(): Map<string, string>;
}

/** A running {@link runConsumer} loop, with its committer. */
export interface ConsumerRun extends DeliveryRun {
  /** The committer (commit strategy and offset tracker) of this run. */
  readonly committer: Committer;
}

/** Records fetched at once by {@link runConsumer} unless `batchSize` says otherwise. */
export const DEFAULT_COMMIT_BATCH = 500;

async function pool<T>(
  items: readonly T[],
  from: number,
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<unknown[]> {
  const errors: unknown[] = [];
  let next = from;
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
  await Promise.all(Array.from({ length: Math.min(limit, items.length - from) }, worker));
  return errors;
}

/**
 * Runs a consumer with a commit strategy: commits follow the strategy and never pass a record whose handler
 * (or `ack`) has not finished. Subscribes to `topics` and starts at once. Fetches on librdkafka's native batch
 * call; revoked partitions get their finished records committed (acknowledged) before they are given up.
 */
export async function runConsumer(opts: RunConsumerOptions): Promise<ConsumerRun> {
  const { consumer, metrics } = opts;
  const loop = NativeBatchLoop.of(consumer);
  if (loop === undefined)
    throw new BrokerError('subscribe', {}, new Error('runConsumer needs a connected consumer'));
  const committer = new Committer({
    strategy: opts.strategy,
    commit: timedCommit((positions, durable) =>
      durable ? commitDurably(consumer, positions) : commitAcknowledged(consumer, positions),
    ),
    onCommitted: (positions) => countDelivery(metrics, 'committed', positions.length),
    ...(opts.onError ? { onTimerError: opts.onError } : {}),
  });
  const { tracker } = committer;
  const concurrency = Math.max(1, opts.concurrency ?? 1);
  const partitionsAtOnce = Math.max(1, opts.partitionsConsumedConcurrently ?? 1);
  let stopping = false;

  const report = (error: unknown, slice: PartitionSlice): void => {
    if (opts.onError) opts.onError(error);
    else
      consumer
        .logger()
        .error(
          `kgen runConsumer: handler failed on ${slice.topic}[${slice.partition}], its records are read again: ${String(error)}`,
        );
  };

  const handleSlice = async (slice: PartitionSlice): Promise<void> => {
    const { topic, partition, messages } = slice;
    if (stopping || slice.stale) return;
    // A rewind (revoked and re-assigned, or replay after a failed batch): start the partition afresh.
    if (tracker.isRewind(topic, partition, String(messages[0]!.offset))) tracker.forget(topic, partition);
    await committer.beforeBatch(topic, partition, String(messages[messages.length - 1]!.offset));
    let begun = 0;
    const telemetry = consumeTelemetry();
    const errors = await pool(messages, 0, concurrency, async (m: NativeMessage) => {
      if (stopping || slice.stale) return;
      begun++;
      const offset = String(m.offset);
      committer.begin(topic, partition, offset);
      const handle = (): Promise<unknown> =>
        opts.handle(rawRecordOfFetched(m), () => committer.ack(topic, partition, offset));
      if (telemetry === undefined) await handle();
      else await observeFetched(telemetry, m, undefined, handle);
      await committer.finished(topic, partition, offset);
    });
    if (errors.length === 0 && !slice.stale && !stopping) {
      slice.done = messages.length;
      return;
    }
    // Stopped part-way or failed: the loop reads again from the first record not finished. Manual acks may
    // come later: the tracker, not the fetch position, holds those records back.
    if (committer.manual && errors.length === 0) slice.done = begun;
    else {
      const pos = tracker.position(topic, partition);
      const next = pos === undefined ? -1 : Number(pos);
      let done = 0;
      while (done < messages.length && messages[done]!.offset < next) done++;
      slice.done = done;
    }
    if (errors.length > 0) {
      slice.stale = true;
      await committer.commitNow();
      tracker.forget(topic, partition);
      report(errors[0], slice);
    }
  };

  if (opts.subscribe !== false) await consumer.subscribe({ topics: [...opts.topics] });
  loop.start(
    {
      // Acknowledged commits between batches block the event loop (librdkafka's synchronous commit): no fetch
      // may run beside them (see BatchHandlers.prefetch).
      prefetch: !committer.durable,
      onBatch: async (slices) => {
        traceReceive(slices);
        if (partitionsAtOnce === 1 || slices.length === 1) for (const s of slices) await handleSlice(s);
        else await pool(slices, 0, partitionsAtOnce, handleSlice);
        if (!stopping) await committer.afterBatch();
      },
      onRevoke: async (partitions) => {
        await committer.commitNow({ durable: true });
        for (const p of partitions) tracker.forget(p.topic, p.partition);
      },
    },
    opts.batchSize ?? DEFAULT_COMMIT_BATCH,
  );

  return {
    committer,
    inFlight: () => tracker.inFlight(),
    positions: () => new Map(tracker.positions().map((p) => [`${p.topic}:${p.partition}`, p.offset])),
    async stop(stopOpts = {}) {
      stopping = true;
      const loopStopped = loop.stop();
      const drained = await drain(() => tracker.inFlight(), stopOpts.timeoutMs ?? 30_000);
      if (drained) await loopStopped;
      const abandoned = tracker.inFlight();
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
