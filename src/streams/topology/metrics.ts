/** Counters of a streams app (all instances' tasks on this process). */
export interface StreamsMetricsSnapshot {
  /** Input records processed (committed or not yet). */
  readonly recordsProcessed: number;
  /** (record, window) pairs dropped because the window had closed (past its grace period). */
  readonly lateRecordsDropped: number;
  /** Records skipped for a missing or invalid timestamp (only with `invalidTimestamps: 'skip'`). */
  readonly invalidTimestampsSkipped: number;
  /** Records written to output and internal topics. */
  readonly recordsEmitted: number;
  /** Committed transactions. */
  readonly commits: number;
  /** Aborted transactions (their input is replayed). */
  readonly aborts: number;
  /** Changelog records replayed into stores while restoring. */
  readonly restoredRecords: number;
  /** Per store name and partition: restore progress (records replayed of the changelog's end offset). */
  readonly restores: Readonly<
    Record<string, { readonly restored: number; readonly endOffset: number; readonly done: boolean }>
  >;
  /** Entries per local store (name → entries over its local partitions). */
  readonly storeSizes: Readonly<Record<string, number>>;
}

/** Mutable counters behind {@link StreamsMetricsSnapshot}. */
export class StreamsMetrics {
  recordsProcessed = 0;
  lateRecordsDropped = 0;
  invalidTimestampsSkipped = 0;
  recordsEmitted = 0;
  commits = 0;
  aborts = 0;
  restoredRecords = 0;
  readonly restores: Record<string, { restored: number; endOffset: number; done: boolean }> = {};

  snapshot(storeSizes: Record<string, number>): StreamsMetricsSnapshot {
    return {
      recordsProcessed: this.recordsProcessed,
      lateRecordsDropped: this.lateRecordsDropped,
      invalidTimestampsSkipped: this.invalidTimestampsSkipped,
      recordsEmitted: this.recordsEmitted,
      commits: this.commits,
      aborts: this.aborts,
      restoredRecords: this.restoredRecords,
      restores: structuredClone(this.restores),
      storeSizes,
    };
  }
}
