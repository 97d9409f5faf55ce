/** librdkafka error codes (lib/error.js of the official client) that a later attempt can succeed on. */
export const RETRIABLE_BROKER_CODES: ReadonlySet<number> = new Set([
  -185 /* _TIMED_OUT */, -195 /* _TRANSPORT */, 7 /* REQUEST_TIMED_OUT */, 13 /* NETWORK_EXCEPTION */,
  14 /* COORDINATOR_LOAD_IN_PROGRESS */, 15 /* COORDINATOR_NOT_AVAILABLE */, 16 /* NOT_COORDINATOR */,
  51 /* CONCURRENT_TRANSACTIONS */, 88 /* UNSTABLE_OFFSET_COMMIT */,
]);

/** Whether a broker error says "try again": its `retriable`/`isRetriable` flag or a retriable code. */
export function isRetriableBrokerError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as Record<string, unknown>;
  if (e['retriable'] === true || e['isRetriable'] === true) return true;
  return typeof e['code'] === 'number' && RETRIABLE_BROKER_CODES.has(e['code']);
}

/**
 * Runs `op`, again after a short, growing pause while it fails retriably (a group or transaction
 * coordinator still loading after a broker start, a leader moving), at most `attempts` times in all.
 */
export async function retryRetriable<T>(op: () => Promise<T>, attempts = 5, firstPauseMs = 200): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await op();
    } catch (err) {
      if (attempt >= attempts || !isRetriableBrokerError(err)) throw err;
      await new Promise((resolve) => setTimeout(resolve, firstPauseMs * 2 ** (attempt - 1)));
    }
  }
}
