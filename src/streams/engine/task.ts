import type { BytesStore } from '../store/bytes-store';
import { type ChangelogWrite, TxStore } from '../store/tx-store';
import { FixedWindowNode, SessionWindowNode, SlidingWindowNode } from '../topology/aggregate-nodes';
import type { Emitted, Rec, TaskContext } from '../topology/context';
import type { StreamsMetrics } from '../topology/metrics';
import type { Subtopology } from '../topology/topology';
import { StreamsConfigError } from '../errors';
import { RecordCache } from './record-cache';

/**
 * One partition of one subtopology: its operators and its stores. The broker runtime and the test driver
 * both feed records through `process` and collect what the operators emit; writes stay in the stores'
 * overlays until `apply` (committed) or `discard` (aborted).
 */
export class Task {
  readonly sub: Subtopology;
  readonly partition: number;
  readonly stores: ReadonlyMap<string, TxStore>;
  private sink: (out: Emitted) => void = () => undefined;
  private readonly ctx: TaskContext;

  constructor(
    sub: Subtopology,
    partition: number,
    stores: ReadonlyMap<string, BytesStore>,
    metrics: StreamsMetrics,
    cacheMaxEntries = 0,
  ) {
    this.sub = sub;
    this.partition = partition;
    this.stores = new Map([...stores].map(([name, s]) => [name, new TxStore(s)]));
    const txStores = this.stores;
    this.ctx = {
      partition,
      metrics,
      scratch: new Map(),
      cache: new RecordCache(cacheMaxEntries),
      store: (name) => {
        const s = txStores.get(name);
        if (!s) throw new StreamsConfigError(`streams: store ${name} is not in this task`);
        return s;
      },
      emit: (out) => this.sink(out),
    };
  }

  get id(): string {
    return `${this.sub.id}_${this.partition}`;
  }

  /** Runs one record of `topic` through the subtopology; `emit` receives every record it writes. */
  process(topic: string, rec: Rec, emit: (out: Emitted) => void): void {
    const source = this.sub.sources.get(topic);
    if (!source) throw new StreamsConfigError(`streams: task ${this.id} does not read ${topic}`);
    this.sink = emit;
    source.process(rec, this.ctx);
  }

  /** Moves every windowed operator's stream time to `now` (test driver: closes windows without a record). */
  advanceStreamTime(now: number, emit: (out: Emitted) => void): void {
    this.sink = emit;
    for (const n of this.sub.nodes)
      if (n instanceof FixedWindowNode || n instanceof SessionWindowNode || n instanceof SlidingWindowNode)
        n.advanceTo(now, this.ctx);
  }

  /**
   * Forwards the updates the record cache holds (before a commit: what they emit, and what operators further
   * down write, belong to the transaction).
   */
  flushCache(emit: (out: Emitted) => void): void {
    if (this.ctx.cache.size === 0) return;
    this.sink = emit;
    this.ctx.cache.flush(this.ctx);
  }

  /** Writes of the open transaction, per store (last write per key), for the changelogs. */
  writes(): Array<{ store: string; writes: ChangelogWrite[] }> {
    return [...this.stores]
      .map(([store, s]) => ({ store, writes: s.writes() }))
      .filter((w) => w.writes.length > 0);
  }

  apply(): void {
    for (const s of this.stores.values()) s.apply();
  }

  discard(): void {
    for (const s of this.stores.values()) s.discard();
    this.ctx.scratch.clear();
    this.ctx.cache.clear();
  }
}
