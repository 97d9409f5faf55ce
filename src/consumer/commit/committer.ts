import { OffsetTracker, type CommitPosition } from './offset-tracker';
import { isManual, validateCommitStrategy, type CommitStrategy } from './strategy';

/**
 * What the committer needs from a consumer: commit these positions (next offset to read, per partition), and
 * resolve once the broker acknowledged them. `durable`: handling waits for this commit (at-most-once,
 * per-record, per-batch, manual-immediate, shutdown); otherwise it runs in the background while handling goes
 * on, one at a time. A commit that resolves when merely queued (KafkaJS `commitOffsets`) breaks that bound:
 * fast handlers then queue commits faster than the broker acknowledges them, and a crash drops the queue.
 */
export type CommitFn = (positions: readonly CommitPosition[], durable: boolean) => Promise<void>;

/**
 * Strategies whose commit must be acknowledged before handling goes on. per-batch promises that a crash
 * replays at most the batch in flight: a commit only queued in librdkafka does not keep that promise, since
 * fast handlers queue commits faster than the broker acknowledges them and a crash drops the whole queue.
 */
const DURABLE = new Set(['at-most-once', 'per-record', 'per-batch', 'manual-immediate']);

/** Options of a {@link Committer}. */
export interface CommitterOptions {
  /** When to commit; see {@link CommitStrategy}. */
  readonly strategy: CommitStrategy;
  /** Performs the commit, e.g. `(p) => consumer.commitOffsets([...p])`. */
  readonly commit: CommitFn;
  /** Called after every successful commit (metrics). */
  readonly onCommitted?: (positions: readonly CommitPosition[]) => void;
  /**
   * Called when a background commit fails (timer strategies, every-n / n-or-t thresholds); commits awaited by a
   * caller reject there instead. The positions stay pending: the next commit retries them.
   */
  readonly onTimerError?: (error: unknown) => void;
}

/**
 * Applies a commit strategy over an {@link OffsetTracker}. The consumer loop calls `beforeBatch` /
 * `begin` / `finished` (or the handler calls `ack`) / `afterBatch`; the committer decides when to commit and
 * never commits past a record whose handler has not finished. Commits are serialised, and at most one
 * background commit is unacknowledged: a timer tick meanwhile is skipped (the next one covers it), an every-n
 * threshold waits for it. So a crash replays fewer than 2n records with every-n (the commit in flight and the
 * records finished since), about two intervals' worth with the timer strategies.
 */
export class Committer {
  /** The per-partition positions this committer commits from. */
  readonly tracker = new OffsetTracker();
  /** When commits happen. */
  readonly strategy: CommitStrategy;
  private readonly opts: CommitterOptions;
  private sinceCommit = 0;
  private chain: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  /** The background commit not yet acknowledged, if any. */
  private background: Promise<void> | undefined;

  constructor(opts: CommitterOptions) {
    this.strategy = validateCommitStrategy(opts.strategy);
    this.opts = opts;
    const s = this.strategy;
    const interval =
      s.kind === 'every-t' || s.kind === 'n-or-t' || s.kind === 'manual' ? s.intervalMs : undefined;
    if (interval !== undefined) {
      this.timer = setInterval(() => {
        if (this.background === undefined) this.startBackground();
      }, interval);
      this.timer.unref();
    }
  }

  /**
   * Whether handling waits for commits (at-most-once, per-record, per-batch, manual-immediate). Those commits
   * use librdkafka's synchronous commit, which blocks the event loop for a broker round trip.
   */
  get durable(): boolean {
    return DURABLE.has(this.strategy.kind);
  }

  /** Whether handlers must call `ack()` themselves. */
  get manual(): boolean {
    return isManual(this.strategy);
  }

  /** Before a fetched batch is handled. At-most-once commits the batch's end here, before any handler runs. */
  async beforeBatch(topic: string, partition: number, lastOffset: string): Promise<void> {
    if (this.strategy.kind !== 'at-most-once') return;
    const position = { topic, partition, offset: (BigInt(lastOffset) + 1n).toString() };
    await this.serialised(async () => {
      await this.opts.commit([position], true);
      this.tracker.markCommitted([position]);
      this.opts.onCommitted?.([position]);
    });
  }

  /** A record is handed to its handler. */
  begin(topic: string, partition: number, offset: string): void {
    this.tracker.begin(topic, partition, offset);
  }

  /** A record's handler returned. For manual strategies this is a no-op: only `ack` counts. */
  async finished(topic: string, partition: number, offset: string): Promise<void> {
    if (this.manual) return;
    await this.done(topic, partition, offset);
  }

  /** Manual strategies: the handler acknowledges a record. `manual-immediate` commits before resolving. */
  async ack(topic: string, partition: number, offset: string): Promise<void> {
    await this.done(topic, partition, offset);
  }

  private async done(topic: string, partition: number, offset: string): Promise<void> {
    this.tracker.complete(topic, partition, offset);
    this.sinceCommit++;
    const s = this.strategy;
    if (s.kind === 'per-record' || s.kind === 'manual-immediate') await this.commitNow();
    else if ((s.kind === 'every-n' || s.kind === 'n-or-t') && this.sinceCommit >= s.records) {
      // The previous threshold's commit must be acknowledged first: this bounds what a crash replays.
      if (this.background !== undefined) await this.background;
      if (this.background === undefined && this.sinceCommit >= s.records) this.startBackground();
    }
  }

  /** Starts a commit that handling does not wait for; failures go to `onTimerError`. */
  private startBackground(): void {
    const commit: Promise<void> = this.commitNow()
      .catch((e: unknown) => this.opts.onTimerError?.(e))
      .finally(() => {
        if (this.background === commit) this.background = undefined;
      });
    this.background = commit;
  }

  /** After every handler of a batch finished. */
  async afterBatch(): Promise<void> {
    if (this.strategy.kind === 'per-batch') await this.commitNow();
  }

  /** Commits everything committable now (timers, thresholds; `durable` for shutdown and revocation). */
  commitNow(opts: { readonly durable?: boolean } = {}): Promise<void> {
    return this.serialised(async () => {
      const positions = this.tracker.pending();
      if (positions.length === 0) return;
      this.sinceCommit = 0;
      await this.opts.commit(positions, opts.durable ?? DURABLE.has(this.strategy.kind));
      this.tracker.markCommitted(positions);
      this.opts.onCommitted?.(positions);
    });
  }

  private serialised(fn: () => Promise<void>): Promise<void> {
    const next = this.chain.then(fn);
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Stops the timer. Call `commitNow()` first to keep what finished. */
  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
