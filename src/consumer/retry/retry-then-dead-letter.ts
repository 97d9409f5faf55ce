import type { DeliveryMetrics } from '../../metrics/delivery-metrics';
import type { DeadLetterPublisher } from '../dlq/dead-letter-publisher';
import type { RawRecord } from '../../kafka/raw-record';
import { retrying, retryPolicy, type RetryPolicy, type RetryingOptions } from './backoff';

/** Options of {@link retryThenDeadLetter}. */
export interface RetryThenDeadLetterOptions<T> {
  /** Raw record → typed value. A throw sends the record straight to the dead-letter topic (no retries). */
  readonly decode: (record: RawRecord) => T | Promise<T>;
  /** The user's handler. A throw is retried in place per `retry`, then the record is dead-lettered. */
  readonly handle: (value: T, record: RawRecord) => Promise<void>;
  /** Where failed records go. */
  readonly deadLetter: DeadLetterPublisher;
  /** Bounded in-place retries; default 3 retries from 100 ms, doubling. */
  readonly retry?: Partial<RetryPolicy>;
  /** Errors not worth retrying (go to the dead-letter topic at once); default: retry everything. */
  readonly isRetriable?: (error: unknown) => boolean;
  /** Counts retries (`retried`) and records that failed for good (`failed`). */
  readonly metrics?: DeliveryMetrics;
  /** Injectable sleep (tests). */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** How a record ended: handled, or dead-lettered (and why). */
export type RecordOutcome = 'handled' | 'dead-lettered:undecodable' | 'dead-lettered:handler-failed';

/**
 * Wraps a handler so that a record is handled, or retried a bounded number of times and then written to the
 * dead-letter topic; either way the function resolves, so the consumer commits past it and a poison record
 * never loops. It rejects only when the dead letter itself cannot be written (then the record is not
 * committed and is read again: nothing is lost).
 */
export function retryThenDeadLetter<T>(
  opts: RetryThenDeadLetterOptions<T>,
): (record: RawRecord) => Promise<RecordOutcome> {
  const policy = retryPolicy(opts.retry);
  const retryOpts: RetryingOptions = {
    onRetry: () => opts.metrics?.increment('retried'),
    ...(opts.isRetriable ? { isRetriable: opts.isRetriable } : {}),
    ...(opts.sleep ? { sleep: opts.sleep } : {}),
  };
  return async (record) => {
    let value: T;
    try {
      const decoded = opts.decode(record);
      value = decoded instanceof Promise ? await decoded : decoded;
    } catch (error) {
      await opts.deadLetter.publish(record, error, 'undecodable', 0);
      return 'dead-lettered:undecodable';
    }
    const outcome = await retrying(() => opts.handle(value, record), policy, retryOpts);
    if (outcome.ok) return 'handled';
    opts.metrics?.increment('failed');
    await opts.deadLetter.publish(record, outcome.error, 'handler-failed', outcome.attempts);
    return 'dead-lettered:handler-failed';
  };
}
