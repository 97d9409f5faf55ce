import { isKgenError } from '../../../../src/errors';
import {
  RetryPolicyError,
  backoffDelay,
  retrying,
  retryPolicy,
} from '../../../../src/consumer/retry/backoff';

describe('retry policy and backoff', () => {
  it('doubles from the initial delay up to the cap; jitter spreads within ±jitter', () => {
    const p = retryPolicy({ initialDelayMs: 100, maxDelayMs: 350, multiplier: 2, jitter: 0 });
    expect([1, 2, 3, 4].map((r) => backoffDelay(p, r))).toEqual([100, 200, 350, 350]);
    const j = retryPolicy({ initialDelayMs: 100, jitter: 0.5 });
    expect(backoffDelay(j, 1, () => 0)).toBe(50);
    expect(backoffDelay(j, 1, () => 1)).toBe(150);
  });

  it.each([
    [{ retries: -1 }, /retries must be an integer >= 0, got -1/],
    [{ initialDelayMs: 10, maxDelayMs: 5 }, /maxDelayMs \(5\) must be >= initialDelayMs \(10\)/],
    [{ multiplier: 0.5 }, /multiplier must be >= 1/],
    [{ jitter: 2 }, /jitter must be within 0..1/],
  ])('rejects %p', (partial, message) => {
    let thrown: unknown;
    try {
      retryPolicy(partial);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(RetryPolicyError);
    expect(isKgenError(thrown)).toBe(true);
    expect((thrown as Error).message).toMatch(message);
  });

  it('retrying: succeeds after failures, bounded, with the delays of the policy', async () => {
    const slept: number[] = [];
    const retries: number[] = [];
    const policy = retryPolicy({ retries: 3, initialDelayMs: 10, jitter: 0 });
    let calls = 0;
    const ok = await retrying(
      async () => {
        if (++calls < 3) throw new Error(`fail ${calls}`);
        return 'done';
      },
      policy,
      { sleep: async (ms) => void slept.push(ms), onRetry: (_e, r) => retries.push(r) },
    );
    expect(ok).toEqual({ ok: true, value: 'done', attempts: 3 });
    expect(slept).toEqual([10, 20]);
    expect(retries).toEqual([1, 2]);

    const failed = await retrying(() => Promise.reject(new Error('always')), policy, {
      sleep: async () => undefined,
    });
    expect(failed).toMatchObject({ ok: false, attempts: 4 });
    expect((failed as { error: Error }).error.message).toBe('always');
  });

  it('retrying: a non-retriable error ends at once', async () => {
    let calls = 0;
    const out = await retrying(
      async () => {
        calls++;
        throw new TypeError('bug');
      },
      retryPolicy({ retries: 5 }),
      { isRetriable: (e) => !(e instanceof TypeError), sleep: async () => undefined },
    );
    expect(out).toMatchObject({ ok: false, attempts: 1 });
    expect(calls).toBe(1);
  });
});
