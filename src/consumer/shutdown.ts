import { KgenError } from '../errors';

/** Anything that stops gracefully: a consumer run, a pipeline, a producer wrapper. */
export interface Stoppable {
  /** Stops gracefully; resolves when stopped. */
  stop(): Promise<unknown>;
}

/** What a graceful stop achieved. */
export interface StopResult {
  /** True when every in-flight handler finished within the timeout. */
  readonly drained: boolean;
  /** Handlers still running when the timeout hit (their records are not committed and will be replayed). */
  readonly abandoned: number;
}

/** Thrown by the signal handler's `stop` calls that failed, collected. */
export class ShutdownError extends KgenError {
  /** The error of every `stop` call that failed. */
  readonly errors: readonly unknown[];
  constructor(errors: readonly unknown[]) {
    super('SHUTDOWN', `graceful shutdown failed: ${errors.map(String).join('; ')}`);
    this.errors = errors;
  }
}

/** Waits until `inFlight()` is 0 or `timeoutMs` passes; true when drained. */
export async function drain(inFlight: () => number, timeoutMs: number, pollMs = 10): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (inFlight() > 0) {
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, pollMs));
  }
  return true;
}

/** Options of {@link installShutdownHandler}. */
export interface ShutdownHandlerOptions {
  /** Signals to handle; default SIGTERM and SIGINT. */
  readonly signals?: readonly NodeJS.Signals[];
  /** Exit the process after stopping (code 0, or 1 if a stop failed); default true. */
  readonly exit?: boolean;
  /** Called with the outcome (e.g. to log it) before exiting. */
  readonly onStopped?: (error: ShutdownError | undefined) => void;
}

/**
 * Opt-in: on SIGTERM/SIGINT, stops every target (in parallel) and then exits. A second signal while stopping
 * exits at once. Returns a function that removes the handlers.
 */
export function installShutdownHandler(
  targets: Stoppable | readonly Stoppable[],
  opts: ShutdownHandlerOptions = {},
): () => void {
  const list = Array.isArray(targets) ? (targets as readonly Stoppable[]) : [targets as Stoppable];
  const signals = opts.signals ?? ['SIGTERM', 'SIGINT'];
  let stopping = false;
  const handler = (): void => {
    if (stopping) {
      process.exit(130);
    }
    stopping = true;
    void Promise.allSettled(list.map((t) => t.stop())).then((results) => {
      const errors = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
      const error = errors.length > 0 ? new ShutdownError(errors) : undefined;
      opts.onStopped?.(error);
      if (opts.exit ?? true) process.exit(error ? 1 : 0);
    });
  };
  for (const s of signals) process.on(s, handler);
  return () => {
    for (const s of signals) process.off(s, handler);
  };
}
