import { KgenError } from '../../errors';

/**
 * How an ordinary consumer commits, named after what it guarantees. Every strategy except `at-most-once`
 * is at-least-once: an offset is committed only after its handler finished (gap-tracked with concurrency),
 * so a crash replays unfinished records and never skips them.
 */
export type CommitStrategy =
  /** Commits a fetched batch's end BEFORE handling it: a crash loses the batch, never duplicates it. */
  | { readonly kind: 'at-most-once' }
  /** Commits after every record: the fewest replays after a crash, the slowest. */
  | { readonly kind: 'per-record' }
  /** Commits once per fetched batch, after all its handlers finished. */
  | { readonly kind: 'per-batch' }
  /** Commits after every `records` finished records (and at shutdown). */
  | { readonly kind: 'every-n'; readonly records: number }
  /** Commits every `intervalMs` if anything finished (and at shutdown). */
  | { readonly kind: 'every-t'; readonly intervalMs: number }
  /** Commits after `records` finished records or `intervalMs`, whichever comes first. */
  | { readonly kind: 'n-or-t'; readonly records: number; readonly intervalMs: number }
  /**
   * The handler calls `ack()`; acknowledged records are committed every `intervalMs`. A record never acked
   * holds the partition's commit point where it is (gap tracking), so it is replayed after a restart.
   */
  | { readonly kind: 'manual'; readonly intervalMs: number }
  /** The handler calls `await ack()`, which commits at once (up to the first unacknowledged record). */
  | { readonly kind: 'manual-immediate' };

/** Name of a commit strategy. */
export type CommitStrategyName = CommitStrategy['kind'];

/** Thrown for a strategy whose numbers make no sense (zero records, negative interval...). */
export class CommitStrategyError extends KgenError {
  constructor(message: string) {
    super('COMMIT_STRATEGY', message);
  }
}

function positive(kind: string, field: string, v: number): number {
  if (!Number.isInteger(v) || v <= 0)
    throw new CommitStrategyError(`commit strategy ${kind}: ${field} must be a positive integer, got ${v}`);
  return v;
}

/** Constructors for every strategy; each validates its numbers. */
export const commitStrategies = {
  atMostOnce: (): CommitStrategy => ({ kind: 'at-most-once' }),
  perRecord: (): CommitStrategy => ({ kind: 'per-record' }),
  perBatch: (): CommitStrategy => ({ kind: 'per-batch' }),
  everyN: (records: number): CommitStrategy => ({
    kind: 'every-n',
    records: positive('every-n', 'records', records),
  }),
  everyT: (intervalMs: number): CommitStrategy => ({
    kind: 'every-t',
    intervalMs: positive('every-t', 'intervalMs', intervalMs),
  }),
  nOrT: (records: number, intervalMs: number): CommitStrategy => ({
    kind: 'n-or-t',
    records: positive('n-or-t', 'records', records),
    intervalMs: positive('n-or-t', 'intervalMs', intervalMs),
  }),
  manual: (intervalMs = 1000): CommitStrategy => ({
    kind: 'manual',
    intervalMs: positive('manual', 'intervalMs', intervalMs),
  }),
  manualImmediate: (): CommitStrategy => ({ kind: 'manual-immediate' }),
} as const;

/** Validates a strategy given as a plain object (e.g. from config). */
export function validateCommitStrategy(s: CommitStrategy): CommitStrategy {
  switch (s.kind) {
    case 'every-n':
      return commitStrategies.everyN(s.records);
    case 'every-t':
      return commitStrategies.everyT(s.intervalMs);
    case 'n-or-t':
      return commitStrategies.nOrT(s.records, s.intervalMs);
    case 'manual':
      return commitStrategies.manual(s.intervalMs);
    case 'at-most-once':
    case 'per-record':
    case 'per-batch':
    case 'manual-immediate':
      return s;
    default:
      throw new CommitStrategyError(
        `unknown commit strategy ${JSON.stringify((s as { kind?: unknown }).kind)}`,
      );
  }
}

/** Whether the handler acknowledges records itself. */
export function isManual(s: CommitStrategy): boolean {
  return s.kind === 'manual' || s.kind === 'manual-immediate';
}
