import { decodeKey, decodeValue, encodeKey, encodeValue } from '../codec/internal-codec';
import type { CachingNode } from '../engine/record-cache';
import type { FixedWindows, SessionWindows, SlidingWindows } from '../windows/windows';
import { windowStartsFor } from '../windows/windows';
import type { Rec, TaskContext } from './context';
import { Node } from './node';
import { keyRange, setStreamTime, splitTimedKey, STREAM_TIME_KEY, streamTime, timedKey } from './stream-time';

/** How an aggregate starts, adds a record, and (sessions) merges two aggregates. */
export interface AggregateFns {
  readonly init: () => unknown;
  readonly add: (acc: unknown, rec: Rec) => unknown;
  readonly merge?: (a: unknown, b: unknown) => unknown;
}

/** The key of a windowed result. */
export interface WindowKey {
  readonly key: unknown;
  readonly start: number;
  readonly end: number;
}

/** Operators with a store of their own; their updates may wait in the task's record cache. */
abstract class StoreNode extends Node implements CachingNode {
  readonly storeName: string;
  constructor(name: string, storeName: string) {
    super(name);
    this.storeName = storeName;
  }
  override stores(): readonly string[] {
    return [this.storeName];
  }

  forwardUpdate(rec: Rec, ctx: TaskContext): void {
    this.forward(rec, ctx);
  }
}

/** count / reduce / aggregate per key: a table whose updates flow on (through the task's record cache). */
export class KeyAggregateNode extends StoreNode {
  readonly kind = 'aggregate';
  private readonly fns: AggregateFns;

  constructor(name: string, storeName: string, fns: AggregateFns) {
    super(name, storeName);
    this.fns = fns;
  }

  process(rec: Rec, ctx: TaskContext): void {
    if (rec.key === null || rec.key === undefined) return; // like Kafka Streams: null keys are not grouped
    const store = ctx.store(this.storeName);
    const k = encodeKey(rec.key);
    const old = store.get(k);
    const acc = this.fns.add(old === undefined ? this.fns.init() : decodeValue(old), rec);
    store.put(k, encodeValue(acc));
    if (this.children.length === 0) return;
    const update: Rec = { key: rec.key, value: acc, timestamp: rec.timestamp };
    if (!ctx.cache.hold(this, k, update, ctx)) this.forward(update, ctx);
  }
}

/**
 * Windowed operators: results flow to `children` on every update and to `finals` when windows close. Updates
 * given a `cacheKey` (one per window) go through the task's record cache; a window's held update goes on
 * before its final result.
 */
abstract class WindowedNode extends StoreNode {
  readonly finals: Node[] = [];
  protected readonly fns: AggregateFns;

  constructor(name: string, storeName: string, fns: AggregateFns) {
    super(name, storeName);
    this.fns = fns;
  }

  protected emitUpdate(
    key: unknown,
    start: number,
    end: number,
    value: unknown,
    t: number,
    ctx: TaskContext,
    cacheKey?: Buffer,
  ): void {
    if (this.children.length === 0) return;
    const update: Rec = { key: { key, start, end } satisfies WindowKey, value, timestamp: t };
    if (cacheKey === undefined || !ctx.cache.hold(this, cacheKey, update, ctx)) this.forward(update, ctx);
  }

  protected emitFinal(
    key: unknown,
    start: number,
    end: number,
    value: unknown,
    ctx: TaskContext,
    cacheKey?: Buffer,
  ): void {
    if (cacheKey !== undefined) ctx.cache.release(this, cacheKey, ctx);
    const rec: Rec = { key: { key, start, end } satisfies WindowKey, value, timestamp: end };
    for (const c of this.finals) c.process(rec, ctx, this);
  }

  process(rec: Rec, ctx: TaskContext): void {
    if (rec.key === null || rec.key === undefined) return;
    const store = ctx.store(this.storeName);
    const before = streamTime(store);
    const now = Math.max(before, rec.timestamp);
    if (now !== before) setStreamTime(store, now);
    this.add(rec, encodeKey(rec.key), now, store, ctx);
    if (now > before) this.advance(before, now, ctx);
  }

  /** Moves stream time to `now` without a record (the test driver's `advanceStreamTime`). */
  advanceTo(now: number, ctx: TaskContext): void {
    const store = ctx.store(this.storeName);
    const before = streamTime(store);
    if (now <= before) return;
    setStreamTime(store, now);
    this.advance(before, now, ctx);
  }

  protected abstract add(
    rec: Rec,
    keyBytes: Buffer,
    now: number,
    store: ReturnType<TaskContext['store']>,
    ctx: TaskContext,
  ): void;

  /**
   * Stream time moved from `before` to `now`: emit windows that closed in between (final results) and drop
   * those past retention. Scans only when `now` reaches the earliest pending close/expiry (kept in scratch;
   * unknown after a restore or abort, so the first advance scans).
   */
  protected advance(before: number, now: number, ctx: TaskContext): void {
    const next = ctx.scratch.get(this.id) as number | undefined;
    if (next !== undefined && now < next) return;
    const store = ctx.store(this.storeName);
    let earliest = Infinity;
    const expired: Buffer[] = [];
    for (const [k, v] of store.all()) {
      if (k.equals(STREAM_TIME_KEY)) continue;
      const next = this.expire(k, v, before, now, ctx);
      if (next <= now) expired.push(k);
      else earliest = Math.min(earliest, next);
    }
    // Dropped after the scan: a closing sliding window still folds over records expiring at the same time.
    for (const k of expired) store.put(k, undefined);
    ctx.scratch.set(this.id, earliest);
  }

  /**
   * Handles one stored entry at a stream-time advance (emits it if it closed); returns its next event time
   * (close, then expiry): an expiry at or before `now` drops the entry.
   */
  protected abstract expire(k: Buffer, v: Buffer, before: number, now: number, ctx: TaskContext): number;

  /** Notes a new pending event time (a window created), so `advance` does not skip it. */
  protected pendingAt(t: number, ctx: TaskContext): void {
    const next = ctx.scratch.get(this.id) as number | undefined;
    if (next !== undefined && t < next) ctx.scratch.set(this.id, t);
  }

  private static ids = 0;
  readonly id = WindowedNode.ids++;
}

/** Tumbling and hopping windows: one entry per (key, window start). */
export class FixedWindowNode extends WindowedNode {
  readonly kind: string;
  private readonly w: FixedWindows;
  get sizeMs(): number {
    return this.w.sizeMs;
  }

  constructor(name: string, storeName: string, fns: AggregateFns, w: FixedWindows) {
    super(name, storeName, fns);
    this.w = w;
    this.kind = `${w.kind}-window-aggregate`;
  }

  protected add(
    rec: Rec,
    keyBytes: Buffer,
    now: number,
    store: ReturnType<TaskContext['store']>,
    ctx: TaskContext,
  ): void {
    for (const start of windowStartsFor(this.w, rec.timestamp)) {
      const end = start + this.w.sizeMs;
      if (end + this.w.graceMs <= now) {
        ctx.metrics.lateRecordsDropped++;
        continue;
      }
      const k = timedKey(keyBytes, start);
      const old = store.get(k);
      if (old === undefined) this.pendingAt(end + this.w.graceMs, ctx);
      const acc = this.fns.add(old === undefined ? this.fns.init() : decodeValue(old), rec);
      store.put(k, encodeValue(acc));
      this.emitUpdate(rec.key, start, end, acc, rec.timestamp, ctx, k);
    }
  }

  protected expire(k: Buffer, v: Buffer, before: number, now: number, ctx: TaskContext): number {
    const { keyBytes, times } = splitTimedKey(k);
    const start = times[0]!;
    const end = start + this.w.sizeMs;
    const close = end + this.w.graceMs;
    const expiry = start + this.w.retentionMs;
    if (close > before && close <= now)
      this.emitFinal(decodeKey(keyBytes), start, end, decodeValue(v), ctx, k);
    return close > now ? close : expiry;
  }
}

interface SessionValue {
  readonly end: number;
  readonly agg: unknown;
}

/**
 * Session windows: entry (key, session start) → { end, aggregate }. A record within `gap` of one or more
 * sessions of its key merges them (aggregates combined with `merge`) into one. A session closes at
 * end + gap + grace (stream time) and is final from then on; a record whose merged session would already
 * be closed is late.
 */
export class SessionWindowNode extends WindowedNode {
  readonly kind = 'session-window-aggregate';
  private readonly w: SessionWindows;

  constructor(name: string, storeName: string, fns: AggregateFns, w: SessionWindows) {
    super(name, storeName, fns);
    this.w = w;
  }

  protected add(
    rec: Rec,
    keyBytes: Buffer,
    now: number,
    store: ReturnType<TaskContext['store']>,
    ctx: TaskContext,
  ): void {
    const t = rec.timestamp;
    const merging: [Buffer, number, SessionValue][] = [];
    for (const [k, v] of keyRange(store, keyBytes, 0, t + this.w.gapMs + 1)) {
      const s = decodeValue(v) as SessionValue;
      // A closed session is final (already emitted): a record near it starts a new session instead.
      const closed = s.end + this.w.gapMs + this.w.graceMs <= now;
      if (s.end >= t - this.w.gapMs && !closed) merging.push([k, splitTimedKey(k).times[0]!, s]);
    }
    let start = t;
    let end = t;
    for (const [, s, v] of merging) {
      start = Math.min(start, s);
      end = Math.max(end, v.end);
    }
    if (end + this.w.gapMs + this.w.graceMs <= now) {
      ctx.metrics.lateRecordsDropped++;
      return;
    }
    const merge = this.fns.merge!;
    let acc = this.fns.init();
    for (const [k, , v] of merging) {
      acc = merge(acc, v.agg);
      store.put(k, undefined);
    }
    acc = this.fns.add(acc, rec);
    store.put(timedKey(keyBytes, start), encodeValue({ end, agg: acc } satisfies SessionValue));
    this.pendingAt(end + this.w.gapMs + this.w.graceMs, ctx);
    // Not through the record cache: a growing session changes its window key (its end) with every update.
    this.emitUpdate(rec.key, start, end, acc, t, ctx);
  }

  protected expire(k: Buffer, v: Buffer, before: number, now: number, ctx: TaskContext): number {
    const { keyBytes, times } = splitTimedKey(k);
    const s = decodeValue(v) as SessionValue;
    const close = s.end + this.w.gapMs + this.w.graceMs;
    const expiry = s.end + this.w.retentionMs;
    if (close > before && close <= now) this.emitFinal(decodeKey(keyBytes), times[0]!, s.end, s.agg, ctx);
    return close > now ? close : expiry;
  }
}

/**
 * Sliding windows: one window `[t - size, t]` per distinct record timestamp `t` of a key. The store keeps
 * the records themselves (key, timestamp) → values in arrival order, and a window's aggregate is folded over
 * them, so an out-of-order record updates every open window it falls in. Windows include their end, so
 * one closes when stream time passes end + grace; a record whose own window has closed is late.
 */
export class SlidingWindowNode extends WindowedNode {
  readonly kind = 'sliding-window-aggregate';
  private readonly w: SlidingWindows;

  constructor(name: string, storeName: string, fns: AggregateFns, w: SlidingWindows) {
    super(name, storeName, fns);
    this.w = w;
  }

  /** A window ending at `end` (inclusive) closes once stream time passes end + grace. */
  private closeOf(end: number): number {
    return end + this.w.graceMs + 1;
  }

  private fold(
    store: ReturnType<TaskContext['store']>,
    keyBytes: Buffer,
    key: unknown,
    end: number,
  ): unknown {
    let acc = this.fns.init();
    for (const [k, v] of keyRange(store, keyBytes, end - this.w.sizeMs, end + 1)) {
      const t = splitTimedKey(k).times[0]!;
      for (const value of decodeValue(v) as unknown[]) acc = this.fns.add(acc, { key, value, timestamp: t });
    }
    return acc;
  }

  protected add(
    rec: Rec,
    keyBytes: Buffer,
    now: number,
    store: ReturnType<TaskContext['store']>,
    ctx: TaskContext,
  ): void {
    const t = rec.timestamp;
    if (this.closeOf(t) <= now) {
      ctx.metrics.lateRecordsDropped++;
      return;
    }
    const k = timedKey(keyBytes, t);
    const old = store.get(k);
    store.put(k, encodeValue([...(old === undefined ? [] : (decodeValue(old) as unknown[])), rec.value]));
    this.pendingAt(this.closeOf(t), ctx);
    if (this.children.length === 0) return;
    // Every open window that now contains the record: those ending at record timestamps in [t, t + size].
    for (const [wk] of keyRange(store, keyBytes, t, t + this.w.sizeMs + 1)) {
      const end = splitTimedKey(wk).times[0]!;
      if (this.closeOf(end) <= now) continue;
      const update = this.fold(store, keyBytes, rec.key, end);
      this.emitUpdate(rec.key, end - this.w.sizeMs, end, update, t, ctx, wk);
    }
  }

  protected expire(k: Buffer, _v: Buffer, before: number, now: number, ctx: TaskContext): number {
    const { keyBytes, times } = splitTimedKey(k);
    const t = times[0]!;
    const store = ctx.store(this.storeName);
    const close = this.closeOf(t);
    if (close > before && close <= now && this.finals.length > 0) {
      const key = decodeKey(keyBytes);
      this.emitFinal(key, t - this.w.sizeMs, t, this.fold(store, keyBytes, key, t), ctx, k);
    }
    // One ms past retention: a window closing at the same time still folds over this record first.
    return close > now ? close : t + this.w.retentionMs + 1;
  }
}
