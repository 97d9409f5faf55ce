import type { TopicMap } from '../../topics';
import {
  type AggregateFns,
  FixedWindowNode,
  KeyAggregateNode,
  SessionWindowNode,
  SlidingWindowNode,
} from '../topology/aggregate-nodes';
import type { Rec } from '../topology/context';
import { link } from '../topology/node';
import type { FixedWindows, SessionWindows, SlidingWindows } from '../windows/windows';
import type { StoreOptions, StreamRecord, Windowed } from './records';
import type { KStream } from './stream';
import { tableOf, type KTable } from './table';
import { dslNode } from './dsl-node';

/** Marks "no aggregate yet" for reduce (the first value becomes the aggregate). */
const NONE = Symbol('none');

function reduceFns<V>(reducer: (acc: V, value: V) => V): AggregateFns {
  return {
    init: () => NONE,
    add: (acc, rec) => (acc === NONE ? rec.value : reducer(acc as V, rec.value as V)),
    merge: (a, b) => (a === NONE ? b : b === NONE ? a : reducer(a as V, b as V)),
  };
}

const countFns: AggregateFns = {
  init: () => 0,
  add: (acc) => (acc as number) + 1,
  merge: (a, b) => (a as number) + (b as number),
};

function aggregateFns<K, V, A>(
  init: () => A,
  add: (acc: A, record: StreamRecord<K, V>) => A,
  merge?: (a: A, b: A) => A,
): AggregateFns {
  return {
    init,
    add: (acc, rec: Rec) => add(acc as A, rec as StreamRecord<K, V>),
    ...(merge ? { merge: (a: unknown, b: unknown) => merge(a as A, b as A) } : {}),
  };
}

/** A stream grouped by key: aggregate it into a table, or window it first. */
export class KGroupedStream<T extends TopicMap, K, V> {
  private readonly stream: KStream<T, K, V>;
  private readonly baseName: string | undefined;

  /** @internal */
  constructor(stream: KStream<T, K, V>, baseName: string | undefined) {
    this.stream = stream;
    this.baseName = baseName;
  }

  private table<A>(kind: string, fns: AggregateFns, options: StoreOptions): KTable<T, K, A> {
    const { builder: b, node: from } = dslNode(this.stream);
    const name = options.name ?? (this.baseName ? `${this.baseName}-${kind}` : b.nextName(kind));
    b.addStore({ name, windowed: false });
    const n = b.add(new KeyAggregateNode(`${name}-node`, name, fns));
    link(from, n);
    return tableOf<T, K, A>(b, n, name, false);
  }

  /** Records per key. */
  count(options: StoreOptions = {}): KTable<T, K, number> {
    return this.table('count', countFns, options);
  }

  /** Combines the values of each key with `reducer` (the first value starts the aggregate). */
  reduce(reducer: (acc: V, value: V) => V, options: StoreOptions = {}): KTable<T, K, V> {
    return this.table('reduce', reduceFns(reducer), options);
  }

  /** Folds each key's records into an aggregate of any type, starting from `init()`. */
  aggregate<A>(
    init: () => A,
    add: (acc: A, record: StreamRecord<K, V>) => A,
    options: StoreOptions = {},
  ): KTable<T, K, A> {
    return this.table('aggregate', aggregateFns(init, add), options);
  }

  /** Windows each key's records by event time (tumbling, hopping or sliding). */
  windowedBy(windows: FixedWindows | SlidingWindows): TimeWindowedStream<T, K, V>;
  /** Windows each key's records into sessions. */
  windowedBy(windows: SessionWindows): SessionWindowedStream<T, K, V>;
  windowedBy(
    windows: FixedWindows | SlidingWindows | SessionWindows,
  ): TimeWindowedStream<T, K, V> | SessionWindowedStream<T, K, V> {
    return windows.kind === 'session'
      ? new SessionWindowedStream<T, K, V>(this.stream, windows, this.baseName)
      : new TimeWindowedStream<T, K, V>(this.stream, windows, this.baseName);
  }
}

type WindowSpec = FixedWindows | SlidingWindows | SessionWindows;

function windowedTable<T extends TopicMap, K, V, A>(
  stream: KStream<T, K, V>,
  windows: WindowSpec,
  kind: string,
  fns: AggregateFns,
  options: StoreOptions,
  baseName: string | undefined,
): KTable<T, Windowed<K>, A> {
  const { builder: b, node: from } = dslNode(stream);
  const name = options.name ?? (baseName ? `${baseName}-${kind}` : b.nextName(`${windows.kind}-${kind}`));
  b.addStore({ name, windowed: true });
  const nodeName = `${name}-node`;
  const n =
    windows.kind === 'session'
      ? new SessionWindowNode(nodeName, name, fns, windows)
      : windows.kind === 'sliding'
        ? new SlidingWindowNode(nodeName, name, fns, windows)
        : new FixedWindowNode(nodeName, name, fns, windows);
  b.add(n);
  link(from, n);
  return tableOf<T, Windowed<K>, A>(b, n, name, true);
}

/** A grouped stream windowed by time: aggregates give one row per (key, window). */
export class TimeWindowedStream<T extends TopicMap, K, V> {
  private readonly stream: KStream<T, K, V>;
  private readonly windows: FixedWindows | SlidingWindows;
  private readonly baseName: string | undefined;

  /** @internal */
  constructor(
    stream: KStream<T, K, V>,
    windows: FixedWindows | SlidingWindows,
    baseName: string | undefined,
  ) {
    this.stream = stream;
    this.windows = windows;
    this.baseName = baseName;
  }

  /** Records per key and window. */
  count(options: StoreOptions = {}): KTable<T, Windowed<K>, number> {
    return windowedTable(this.stream, this.windows, 'count', countFns, options, this.baseName);
  }

  /** Combines the values of each key and window with `reducer`. */
  reduce(reducer: (acc: V, value: V) => V, options: StoreOptions = {}): KTable<T, Windowed<K>, V> {
    return windowedTable(this.stream, this.windows, 'reduce', reduceFns(reducer), options, this.baseName);
  }

  /** Folds each key's records of each window into an aggregate starting from `init()`. */
  aggregate<A>(
    init: () => A,
    add: (acc: A, record: StreamRecord<K, V>) => A,
    options: StoreOptions = {},
  ): KTable<T, Windowed<K>, A> {
    return windowedTable(
      this.stream,
      this.windows,
      'aggregate',
      aggregateFns(init, add),
      options,
      this.baseName,
    );
  }
}

/** A grouped stream windowed into sessions: when a record bridges two sessions, `merge` combines them. */
export class SessionWindowedStream<T extends TopicMap, K, V> {
  private readonly stream: KStream<T, K, V>;
  private readonly windows: SessionWindows;
  private readonly baseName: string | undefined;

  /** @internal */
  constructor(stream: KStream<T, K, V>, windows: SessionWindows, baseName: string | undefined) {
    this.stream = stream;
    this.windows = windows;
    this.baseName = baseName;
  }

  /** Records per key and session. */
  count(options: StoreOptions = {}): KTable<T, Windowed<K>, number> {
    return windowedTable(this.stream, this.windows, 'count', countFns, options, this.baseName);
  }

  /** Combines the values of each session with `reducer` (also used to merge sessions). */
  reduce(reducer: (acc: V, value: V) => V, options: StoreOptions = {}): KTable<T, Windowed<K>, V> {
    return windowedTable(this.stream, this.windows, 'reduce', reduceFns(reducer), options, this.baseName);
  }

  /** Folds each session's records into an aggregate; `merge` combines the aggregates of merging sessions. */
  aggregate<A>(
    init: () => A,
    add: (acc: A, record: StreamRecord<K, V>) => A,
    merge: (a: A, b: A) => A,
    options: StoreOptions = {},
  ): KTable<T, Windowed<K>, A> {
    return windowedTable(
      this.stream,
      this.windows,
      'aggregate',
      aggregateFns(init, add, merge),
      options,
      this.baseName,
    );
  }
}
