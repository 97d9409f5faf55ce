import { decodeKey, decodeValue, encodeKey, encodeValue } from '../codec/internal-codec';
import type { Rec, TaskContext } from './context';
import { Node } from './node';
import { SourceNode } from './io-nodes';
import { keyRange, setStreamTime, splitTimedKey, streamTime, timedKey, STREAM_TIME_KEY } from './stream-time';

/** A table read from a topic: the latest value per key, kept in its store (a null value deletes). */
export class TableSourceNode extends SourceNode {
  override readonly kind = 'table-source';
  readonly storeName: string;

  constructor(name: string, topic: string, storeName: string) {
    super(name, topic);
    this.storeName = storeName;
  }

  override stores(): readonly string[] {
    return [this.storeName];
  }

  override process(rec: Rec, ctx: TaskContext): void {
    if (rec.key === null || rec.key === undefined) return;
    const k = encodeKey(rec.key);
    const deleting = rec.value === null || rec.value === undefined;
    ctx.store(this.storeName).put(k, deleting ? undefined : encodeValue(rec.value));
    if (!deleting) this.forward(rec, ctx);
  }
}

/** Reads the current value of `key` in a table store (undefined when absent). */
function lookup(ctx: TaskContext, storeName: string, key: unknown): unknown {
  const b = ctx.store(storeName).get(encodeKey(key));
  return b === undefined ? undefined : decodeValue(b);
}

/** Stream-table join: each stream record looks its key up in the table's store (inner or left). */
export class StreamTableJoinNode extends Node {
  readonly kind: string;
  private readonly table: string;
  private readonly joiner: (value: unknown, tableValue: unknown) => unknown;
  private readonly left: boolean;

  constructor(name: string, tableStore: string, joiner: (v: unknown, t: unknown) => unknown, left: boolean) {
    super(name);
    this.table = tableStore;
    this.joiner = joiner;
    this.left = left;
    this.kind = left ? 'stream-table-left-join' : 'stream-table-join';
  }

  override stores(): readonly string[] {
    return [this.table];
  }

  process(rec: Rec, ctx: TaskContext): void {
    if (rec.key === null || rec.key === undefined) return;
    const t = lookup(ctx, this.table, rec.key);
    if (t === undefined && !this.left) return;
    this.forward({ key: rec.key, value: this.joiner(rec.value, t ?? null), timestamp: rec.timestamp }, ctx);
  }
}

/** Join kinds of two tables or two streams. */
export type JoinKind = 'inner' | 'left' | 'outer';

/** Table-table join: an update on either side looks the other side up and emits the joined row. */
export class TableTableJoinNode extends Node {
  readonly kind: string;
  private readonly leftStore: string;
  private readonly rightStore: string;
  private readonly joiner: (l: unknown, r: unknown) => unknown;
  private readonly how: JoinKind;
  leftParent: Node | undefined;

  constructor(
    name: string,
    leftStore: string,
    rightStore: string,
    joiner: (l: unknown, r: unknown) => unknown,
    how: JoinKind,
  ) {
    super(name);
    this.leftStore = leftStore;
    this.rightStore = rightStore;
    this.joiner = joiner;
    this.how = how;
    this.kind = `table-table-${how}-join`;
  }

  override stores(): readonly string[] {
    return [this.leftStore, this.rightStore];
  }

  process(rec: Rec, ctx: TaskContext, from: Node | undefined): void {
    const fromLeft = from === this.leftParent;
    const other = lookup(ctx, fromLeft ? this.rightStore : this.leftStore, rec.key);
    const [l, r] = fromLeft ? [rec.value, other] : [other, rec.value];
    if (l === undefined && this.how !== 'outer') return;
    if (r === undefined && this.how === 'inner') return;
    this.forward({ key: rec.key, value: this.joiner(l ?? null, r ?? null), timestamp: rec.timestamp }, ctx);
  }
}

interface Buffered {
  readonly value: unknown;
  matched: boolean;
}

/**
 * Windowed stream-stream join: records of both sides are buffered per (key, timestamp); a record joins every
 * record of the other side within `within` ms of it. Left/outer joins emit an unmatched record with `null`
 * once its join window has closed (t + within + grace <= stream time), so the result is final, not
 * retracted. A record arriving after its own join window closed is late (dropped and counted).
 */
export class StreamStreamJoinNode extends Node {
  readonly kind: string;
  readonly leftStore: string;
  readonly rightStore: string;
  private readonly joiner: (l: unknown, r: unknown) => unknown;
  private readonly how: JoinKind;
  private readonly withinMs: number;
  private readonly graceMs: number;
  leftParent: Node | undefined;

  constructor(
    name: string,
    stores: { left: string; right: string },
    joiner: (l: unknown, r: unknown) => unknown,
    how: JoinKind,
    withinMs: number,
    graceMs: number,
  ) {
    super(name);
    this.leftStore = stores.left;
    this.rightStore = stores.right;
    this.joiner = joiner;
    this.how = how;
    this.withinMs = withinMs;
    this.graceMs = graceMs;
    this.kind = `stream-stream-${how}-join`;
  }

  override stores(): readonly string[] {
    return [this.leftStore, this.rightStore];
  }

  process(rec: Rec, ctx: TaskContext, from: Node | undefined): void {
    if (rec.key === null || rec.key === undefined) return;
    const fromLeft = from === this.leftParent;
    const own = ctx.store(fromLeft ? this.leftStore : this.rightStore);
    const other = ctx.store(fromLeft ? this.rightStore : this.leftStore);
    // Stream time is shared by both sides: kept in the left store.
    const timeStore = ctx.store(this.leftStore);
    const before = streamTime(timeStore);
    const now = Math.max(before, rec.timestamp);
    if (now !== before) setStreamTime(timeStore, now);
    const t = rec.timestamp;
    if (t + this.withinMs + this.graceMs <= now) {
      ctx.metrics.lateRecordsDropped++;
    } else {
      const kb = encodeKey(rec.key);
      let matched = false;
      for (const [k, v] of keyRange(other, kb, t - this.withinMs, t + this.withinMs + 1)) {
        const list = decodeValue(v) as Buffered[];
        for (const o of list) {
          matched = true;
          o.matched = true;
          const [l, r] = fromLeft ? [rec.value, o.value] : [o.value, rec.value];
          const ts = Math.max(t, splitTimedKey(k).times[0]!);
          this.forward({ key: rec.key, value: this.joiner(l, r), timestamp: ts }, ctx);
        }
        other.put(k, encodeValue(list));
      }
      const k = timedKey(kb, t);
      const old = own.get(k);
      const list = old === undefined ? [] : (decodeValue(old) as Buffered[]);
      list.push({ value: rec.value, matched });
      own.put(k, encodeValue(list));
    }
    if (now > before) {
      this.expire(ctx, own === timeStore ? own : timeStore, true, before, now);
      this.expire(ctx, ctx.store(this.rightStore), false, before, now);
    }
  }

  /** Emits unmatched records whose window closed (left/outer) and drops closed buffers. */
  private expire(
    ctx: TaskContext,
    store: ReturnType<TaskContext['store']>,
    left: boolean,
    before: number,
    now: number,
  ): void {
    const emitUnmatched = this.how === 'outer' || (this.how === 'left' && left);
    for (const [k, v] of store.all()) {
      if (k.equals(STREAM_TIME_KEY)) continue;
      const { keyBytes, times } = splitTimedKey(k);
      const t = times[0]!;
      const close = t + this.withinMs + this.graceMs;
      if (close > now) continue;
      if (emitUnmatched && close > before)
        for (const o of decodeValue(v) as Buffered[])
          if (!o.matched)
            this.forward(
              {
                key: decodeKey(keyBytes),
                value: left ? this.joiner(o.value, null) : this.joiner(null, o.value),
                timestamp: t,
              },
              ctx,
            );
      store.put(k, undefined);
    }
  }
}
