import type { RecordCache } from '../engine/record-cache';
import type { TxStore } from '../store/tx-store';
import type { StreamsMetrics } from './metrics';

/** A record between operators: decoded key and value, and its event time (ms). */
export interface Rec {
  readonly key: unknown;
  readonly value: unknown;
  readonly timestamp: number;
}

/** What a task hands the runtime to write in its transaction. */
export type Emitted =
  | {
      readonly kind: 'topic';
      readonly topic: string;
      readonly key: unknown;
      readonly value: unknown;
      readonly timestamp: number;
      readonly headers?: Readonly<Record<string, string | Buffer>>;
    }
  | {
      readonly kind: 'repartition';
      readonly topic: string;
      readonly key: unknown;
      readonly value: unknown;
      readonly timestamp: number;
    };

/** What an operator sees of the task running it. */
export interface TaskContext {
  readonly partition: number;
  store(name: string): TxStore;
  emit(out: Emitted): void;
  readonly metrics: StreamsMetrics;
  /** Per-operator scratch state that an abort may leave stale (it is cleared then). */
  readonly scratch: Map<number, unknown>;
  /** Aggregates' updates held until the commit (off unless the app sets `cache`). */
  readonly cache: RecordCache;
}
