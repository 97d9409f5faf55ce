import { decodeKey, decodeValue, encodeKey } from '../codec/internal-codec';
import { StreamsConfigError } from '../errors';
import type { BytesStore } from '../store/bytes-store';
import { FixedWindowNode, SessionWindowNode } from '../topology/aggregate-nodes';
import type { Node } from '../topology/node';
import { STREAM_TIME_KEY, splitTimedKey, timedKey } from '../topology/stream-time';
import type { Windowed } from '../dsl/records';

/** A read-only view of a table's store on this instance (committed state of its local partitions). */
export interface KeyValueStoreView<K, V> {
  /** The value of `key`, or undefined when absent (or held by another instance). */
  get(key: K): V | undefined;
  /** Every row held locally. */
  all(): Array<{ readonly key: K; readonly value: V }>;
  /** Rows held locally. */
  size(): number;
}

/** One window of a windowed store. */
export interface WindowRow<V> {
  readonly start: number;
  readonly end: number;
  readonly value: V;
}

/** A read-only view of a windowed (tumbling, hopping or session) store on this instance. */
export interface WindowStoreView<K, V> {
  /** Windows of `key` whose start lies in `[from, to]`, by start. */
  fetch(key: K, from: number, to: number): Array<WindowRow<V>>;
  /** Every window held locally. */
  all(): Array<{ readonly key: Windowed<K>; readonly value: V }>;
  /** Windows held locally. */
  size(): number;
}

function rows(stores: readonly BytesStore[]): Array<[Buffer, Buffer]> {
  return stores.flatMap((s) => [...s.all()].filter(([k]) => !k.equals(STREAM_TIME_KEY)));
}

/** A key-value view over the local partitions of a store. */
export function keyValueView<K, V>(stores: () => readonly BytesStore[]): KeyValueStoreView<K, V> {
  return {
    get(key) {
      const k = encodeKey(key);
      for (const s of stores()) {
        const v = s.get(k);
        if (v !== undefined) return decodeValue(v) as V;
      }
      return undefined;
    },
    all: () => rows(stores()).map(([k, v]) => ({ key: decodeKey(k) as K, value: decodeValue(v) as V })),
    size: () => rows(stores()).length,
  };
}

/** A window view over the local partitions of a fixed-window or session store. */
export function windowView<K, V>(node: Node, stores: () => readonly BytesStore[]): WindowStoreView<K, V> {
  if (!(node instanceof FixedWindowNode || node instanceof SessionWindowNode))
    throw new StreamsConfigError(
      `streams: ${node.kind} stores cannot be queried (tumbling, hopping and session stores can)`,
    );
  const row = (k: Buffer, v: Buffer): { key: unknown; start: number; end: number; value: V } => {
    const { keyBytes, times } = splitTimedKey(k);
    const start = times[0]!;
    const decoded = decodeValue(v);
    return node instanceof SessionWindowNode
      ? {
          key: decodeKey(keyBytes),
          start,
          end: (decoded as { end: number }).end,
          value: (decoded as { agg: V }).agg,
        }
      : { key: decodeKey(keyBytes), start, end: start + node.sizeMs, value: decoded as V };
  };
  return {
    fetch(key, from, to) {
      const kb = encodeKey(key);
      const out: Array<WindowRow<V>> = [];
      for (const s of stores())
        for (const [k, v] of s.range(timedKey(kb, Math.max(0, from)), timedKey(kb, to + 1)))
          if (k.length === kb.length + 8) {
            const r = row(k, v);
            out.push({ start: r.start, end: r.end, value: r.value });
          }
      return out.sort((a, b) => a.start - b.start);
    },
    all: () =>
      rows(stores()).map(([k, v]) => {
        const r = row(k, v);
        return { key: { key: r.key as K, start: r.start, end: r.end }, value: r.value };
      }),
    size: () => rows(stores()).length,
  };
}
