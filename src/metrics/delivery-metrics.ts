import { EventEmitter } from 'node:events';

/** The counters kgen keeps for a producer, consumer or pipeline. */
export interface DeliveryCounters {
  /** Records acknowledged by the broker (or committed within a transaction). */
  readonly sent: number;
  /** Records whose send failed, and handler runs that failed for good. */
  readonly failed: number;
  /** In-place handler retries. */
  readonly retried: number;
  /** Records written to a dead-letter topic. */
  readonly deadLettered: number;
  /** Offsets committed (one per partition per commit). */
  readonly committed: number;
}

/** Name of a counter. */
export type CounterName = keyof DeliveryCounters;

/** Event payload: which counter moved, by how much, and the totals after the move. */
export interface CounterEvent {
  /** The counter that moved. */
  readonly counter: CounterName;
  /** How much it moved by. */
  readonly by: number;
  /** Every counter after the move. */
  readonly snapshot: DeliveryCounters;
}

/**
 * Counters exposed both ways: `snapshot()` for polling (e.g. a /metrics endpoint) and events for pushing:
 * `metrics.on('deadLettered', (e) => ...)` per counter, or `metrics.on('change', ...)` for all.
 */
export class DeliveryMetrics extends EventEmitter<{ [K in CounterName | 'change']: [CounterEvent] }> {
  private readonly counts: { -readonly [K in CounterName]: number } = {
    sent: 0,
    failed: 0,
    retried: 0,
    deadLettered: 0,
    committed: 0,
  };

  /** Adds `by` (default 1) to a counter and emits its event and `change`. */
  increment(counter: CounterName, by = 1): void {
    if (by === 0) return;
    this.counts[counter] += by;
    if (this.listenerCount(counter) === 0 && this.listenerCount('change') === 0) return;
    const event: CounterEvent = { counter, by, snapshot: this.snapshot() };
    this.emit(counter, event);
    this.emit('change', event);
  }

  /** A copy of the counters now. */
  snapshot(): DeliveryCounters {
    return { ...this.counts };
  }
}
