import { KgenError } from '../../errors';

/** Bounded in-place retries with exponential backoff. */
export interface RetryPolicy {
  /** Retries after the first attempt (0 = no retry). */
  readonly retries: number;
  /** Delay before the first retry, in ms. */
  readonly initialDelayMs: number;
  /** Upper bound of one delay, in ms. */
  readonly maxDelayMs: number;
  /** Factor applied to the delay after each retry. */
  readonly multiplier: number;
  /** Randomises each delay by up to ±this fraction (0..1) so many consumers do not retry in step. */
  readonly jitter: number;
}

/** 3 retries: 100 ms, 200 ms, 400 ms (±20 %). */
export const defaultRetryPolicy: RetryPolicy = {
  retries: 3,
  initialDelayMs: 100,
  maxDelayMs: 5_000,
  multiplier: 2,
  jitter: 0.2,
};

/** Thrown for a policy that cannot work (negative retries, jitter above 1...). */
export class RetryPolicyError extends KgenError {
  constructor(message: string) {
    super('RETRY_POLICY', message);
  }
}

/** Fills a partial policy from the defaults and checks it. */
export function retryPolicy(partial: Partial<RetryPolicy> = {}): RetryPolicy {
  const p = { ...defaultRetryPolicy, ...partial };
  if (!Number.isInteger(p.retries) || p.retries < 0)
    throw new RetryPolicyError(`retry policy: retries must be an integer >= 0, got ${p.retries}`);
  if (!(p.initialDelayMs >= 0))
    throw new RetryPolicyError(`retry policy: initialDelayMs must be >= 0, got ${p.initialDelayMs}`);
  if (!(p.maxDelayMs >= p.initialDelayMs))
    throw new RetryPolicyError(
      `retry policy: maxDelayMs (${p.maxDelayMs}) must be >= initialDelayMs (${p.initialDelayMs})`,
    );
  if (!(p.multiplier >= 1))
    throw new RetryPolicyError(`retry policy: multiplier must be >= 1, got ${p.multiplier}`);
  if (!(p.jitter >= 0 && p.jitter <= 1))
    throw new RetryPolicyError(`retry policy: jitter must be within 0..1, got ${p.jitter}`);
  return p;
}

/** Delay before retry number `retry` (1-based). `random` is injectable for tests. */
export function backoffDelay(policy: RetryPolicy, retry: number, random: () => number = Math.random): number {
  const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.multiplier ** (retry - 1));
  const spread = base * policy.jitter * (random() * 2 - 1);
  return Math.max(0, Math.round(Math.min(policy.maxDelayMs, base + spread)));
}

/** Outcome of {@link retrying}: the value, or the last error after every attempt failed. */
export type RetryOutcome<T> =
  | { readonly ok: true; readonly value: T; readonly attempts: number }
  | { readonly ok: false; readonly error: unknown; readonly attempts: number };

/** Options of {@link retrying}. */
export interface RetryingOptions {
  /** Called before each retry (metrics, logs). */
  readonly onRetry?: (error: unknown, retry: number, delayMs: number) => void;
  /** Errors for which retrying is pointless go straight to the outcome; default: retry everything. */
  readonly isRetriable?: (error: unknown) => boolean;
  /** Injectable sleep (tests). */
  readonly sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Runs `fn` up to `1 + policy.retries` times with backoff; never throws, returns the outcome. */
export async function retrying<T>(
  fn: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  opts: RetryingOptions = {},
): Promise<RetryOutcome<T>> {
  const sleep = opts.sleep ?? realSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return { ok: true, value: await fn(attempt), attempts: attempt };
    } catch (error) {
      const retriable = opts.isRetriable?.(error) ?? true;
      if (!retriable || attempt > policy.retries) return { ok: false, error, attempts: attempt };
      const delay = backoffDelay(policy, attempt);
      opts.onRetry?.(error, attempt, delay);
      await sleep(delay);
    }
  }
}
