import type { KeyInput, TopicMap, TopicName, ValueInput } from '../../topics';
import { durationMs, type Duration } from '../windows/windows';
import type { Rec } from '../topology/context';
import { RepartitionSinkNode, RepartitionSourceNode, SinkNode } from '../topology/io-nodes';
import { link, type Node, StatelessNode } from '../topology/node';
import { StreamStreamJoinNode, StreamTableJoinNode, type JoinKind } from '../topology/table-nodes';
import type { TopologyBuilder } from '../topology/topology';
import type { SinkRecord, StoreOptions, StreamRecord } from './records';
import { attach, dslNode } from './dsl-node';
import { KGroupedStream } from './grouped';
import { type KTable, materialized } from './table';

/** The time bounds of a stream-stream join. */
export interface JoinWindow {
  /** Records of the two sides join when their timestamps differ by at most this. */
  readonly within: Duration;
  /** How long after `within` (by stream time) late records still join. Default 0. */
  readonly grace?: Duration;
  /** Names of the two buffer stores (default derived from the join's name). */
  readonly name?: string;
}

/** `to(topic)` without a mapper only compiles when the stream's key and value already fit the topic. */
export type SinkMapper<T extends TopicMap, N extends TopicName<T>, K, V> = [K, V] extends [
  KeyInput<T, N>,
  ValueInput<T, N>,
]
  ? [as?: (record: StreamRecord<K, V>) => SinkRecord<T, N>]
  : [as: (record: StreamRecord<K, V>) => SinkRecord<T, N>];

/**
 * A record stream, typed by the topic map: `app.stream('orders')` gives the topic's key and value types,
 * and every operator carries them on. Stateless operators run in the task that reads the record;
 * `groupBy`/`map` + grouping re-key through an internal repartition topic.
 */
export class KStream<T extends TopicMap, K, V> {
  private constructor() {
    // Made by `app.stream()` and the operators (`KStream.of`), never directly.
  }

  private get builder(): TopologyBuilder {
    return dslNode(this).builder;
  }

  private get node(): Node {
    return dslNode(this).node;
  }

  private get keyChanged(): boolean {
    return dslNode(this).keyChanged;
  }

  private step<K2, V2>(
    kind: string,
    fn: (rec: Rec, emit: (r: Rec) => void) => void,
    keyChanged: boolean,
  ): KStream<T, K2, V2> {
    const n = this.builder.add(new StatelessNode(this.builder.nextName(kind), kind, fn));
    link(this.node, n);
    return streamOf<T, K2, V2>(this.builder, n, keyChanged || this.keyChanged);
  }

  /** Keeps the records for which `predicate` holds. */
  filter(predicate: (record: StreamRecord<K, V>) => boolean): KStream<T, K, V> {
    return this.step(
      'filter',
      (r, emit) => {
        if (predicate(r as StreamRecord<K, V>)) emit(r);
      },
      false,
    );
  }

  /** Maps each record to a new key and value (a later grouping or join repartitions). */
  map<K2, V2>(
    fn: (record: StreamRecord<K, V>) => { readonly key: K2; readonly value: V2 },
  ): KStream<T, K2, V2> {
    return this.step(
      'map',
      (r, emit) => {
        const out = fn(r as StreamRecord<K, V>);
        emit({ key: out.key, value: out.value, timestamp: r.timestamp });
      },
      true,
    );
  }

  /** Maps each record's value; the key stays (no repartition). */
  mapValues<V2>(fn: (record: StreamRecord<K, V>) => V2): KStream<T, K, V2> {
    return this.step(
      'map-values',
      (r, emit) => emit({ key: r.key, value: fn(r as StreamRecord<K, V>), timestamp: r.timestamp }),
      false,
    );
  }

  /** One record → zero or more records with new keys. */
  flatMap<K2, V2>(
    fn: (record: StreamRecord<K, V>) => Iterable<{ readonly key: K2; readonly value: V2 }>,
  ): KStream<T, K2, V2> {
    return this.step(
      'flat-map',
      (r, emit) => {
        for (const out of fn(r as StreamRecord<K, V>))
          emit({ key: out.key, value: out.value, timestamp: r.timestamp });
      },
      true,
    );
  }

  /** One record → zero or more values under the same key. */
  flatMapValues<V2>(fn: (record: StreamRecord<K, V>) => Iterable<V2>): KStream<T, K, V2> {
    return this.step(
      'flat-map-values',
      (r, emit) => {
        for (const value of fn(r as StreamRecord<K, V>)) emit({ key: r.key, value, timestamp: r.timestamp });
      },
      false,
    );
  }

  /** Calls `fn` for each record (logging, metrics) and passes it on unchanged. */
  peek(fn: (record: StreamRecord<K, V>) => void): KStream<T, K, V> {
    return this.step(
      'peek',
      (r, emit) => {
        fn(r as StreamRecord<K, V>);
        emit(r);
      },
      false,
    );
  }

  /** Groups by the current key (repartitioning first if an earlier `map` may have changed it). */
  groupByKey(options: StoreOptions = {}): KGroupedStream<T, K, V> {
    return new KGroupedStream<T, K, V>(this.keyChanged ? this.repartition(options.name) : this, options.name);
  }

  /**
   * Groups by a new key: records are re-keyed and written to the internal topic
   * `<applicationId>-<name>-repartition`, so each key's records meet in one task.
   */
  groupBy<K2>(
    keyOf: (record: StreamRecord<K, V>) => K2,
    options: StoreOptions = {},
  ): KGroupedStream<T, K2, V> {
    const rekeyed = this.step<K2, V>(
      'group-by',
      (r, emit) => emit({ key: keyOf(r as StreamRecord<K, V>), value: r.value, timestamp: r.timestamp }),
      true,
    );
    return new KGroupedStream<T, K2, V>(rekeyed.repartition(options.name), options.name);
  }

  /** Writes this stream to a repartition topic and reads it back, partitioned by key. */
  private repartition(name: string | undefined): KStream<T, K, V> {
    const base = name ?? this.builder.nextName('repartition');
    const topic = this.builder.repartitionTopic(base);
    const sink = this.builder.add(new RepartitionSinkNode(`${base}-sink`, topic));
    link(this.node, sink);
    const source = this.builder.add(new RepartitionSourceNode(`${base}-source`, topic));
    return streamOf<T, K, V>(this.builder, source, false);
  }

  /** Stream-table inner join: each record joins the table's current value for its key (none: dropped). */
  join<VT, R>(table: KTable<T, K, VT>, joiner: (value: V, tableValue: VT) => R): KStream<T, K, R>;
  /** Windowed stream-stream inner join: records of the two streams within `window.within` of each other. */
  join<VO, R>(
    other: KStream<T, K, VO>,
    joiner: (value: V, other: VO) => R,
    window: JoinWindow,
  ): KStream<T, K, R>;
  join(
    other: KTable<T, K, unknown> | KStream<T, K, unknown>,
    joiner: (l: never, r: never) => unknown,
    window?: JoinWindow,
  ): KStream<T, K, unknown> {
    return other instanceof KStream
      ? this.joinStream(other, joiner as (l: unknown, r: unknown) => unknown, 'inner', window!)
      : this.joinTable(other, joiner as (l: unknown, r: unknown) => unknown, false);
  }

  /** Stream-table left join: every record, with the table's value or `null`. */
  leftJoin<VT, R>(table: KTable<T, K, VT>, joiner: (value: V, tableValue: VT | null) => R): KStream<T, K, R>;
  /** Windowed stream-stream left join: unmatched records of this stream are emitted with `null` when their window closes. */
  leftJoin<VO, R>(
    other: KStream<T, K, VO>,
    joiner: (value: V, other: VO | null) => R,
    window: JoinWindow,
  ): KStream<T, K, R>;
  leftJoin(
    other: KTable<T, K, unknown> | KStream<T, K, unknown>,
    joiner: (l: never, r: never) => unknown,
    window?: JoinWindow,
  ): KStream<T, K, unknown> {
    return other instanceof KStream
      ? this.joinStream(other, joiner as (l: unknown, r: unknown) => unknown, 'left', window!)
      : this.joinTable(other, joiner as (l: unknown, r: unknown) => unknown, true);
  }

  /** Windowed stream-stream outer join: unmatched records of either side are emitted with `null` when their window closes. */
  outerJoin<VO, R>(
    other: KStream<T, K, VO>,
    joiner: (value: V | null, other: VO | null) => R,
    window: JoinWindow,
  ): KStream<T, K, R> {
    return this.joinStream(other, joiner as (l: unknown, r: unknown) => unknown, 'outer', window);
  }

  private joinTable<R>(
    table: KTable<T, K, unknown>,
    joiner: (l: unknown, r: unknown) => unknown,
    left: boolean,
  ): KStream<T, K, R> {
    const me = this.keyChanged ? this.repartition(undefined) : this;
    const n = this.builder.add(
      new StreamTableJoinNode(
        this.builder.nextName(left ? 'stream-table-left-join' : 'stream-table-join'),
        materialized(table),
        joiner,
        left,
      ),
    );
    link(me.node, n);
    return streamOf<T, K, R>(this.builder, n, false);
  }

  private joinStream<R>(
    other: KStream<T, K, unknown>,
    joiner: (l: unknown, r: unknown) => unknown,
    how: JoinKind,
    window: JoinWindow,
  ): KStream<T, K, R> {
    const me = this.keyChanged ? this.repartition(undefined) : this;
    const them = dslNode(other).keyChanged ? other.repartition(undefined) : other;
    const name = window.name ?? this.builder.nextName(`stream-stream-${how}-join`);
    const stores = { left: `${name}-left`, right: `${name}-right` };
    this.builder.addStore({ name: stores.left, windowed: true });
    this.builder.addStore({ name: stores.right, windowed: true });
    const n = this.builder.add(
      new StreamStreamJoinNode(
        name,
        stores,
        joiner,
        how,
        durationMs(window.within, 'join within'),
        durationMs(window.grace ?? 0, 'join grace'),
      ),
    );
    n.leftParent = me.node;
    link(me.node, n);
    link(dslNode(them).node, n);
    return streamOf<T, K, R>(this.builder, n, false);
  }

  /**
   * Writes every record to `topic` of the topic map; `as` shapes it into the topic's key and value types
   * (checked at compile time; it may be left out when the stream's key and value already fit).
   */
  to<N extends TopicName<T>>(topic: N, ...as: SinkMapper<T, N, K, V>): void {
    const mapper = as[0] as ((r: StreamRecord<K, V>) => SinkRecord<T, N>) | undefined;
    const n = this.builder.add(
      new SinkNode(this.builder.nextName('sink'), topic, (r) =>
        mapper ? mapper(r as StreamRecord<K, V>) : { key: r.key, value: r.value },
      ),
    );
    link(this.node, n);
  }
}

/**
 * A stream object at `node` of the topology. The constructor is private so applications only get streams
 * from the app and the operators; this is the one place that makes them.
 */
export function streamOf<T extends TopicMap, K, V>(
  builder: TopologyBuilder,
  node: Node,
  keyChanged: boolean,
): KStream<T, K, V> {
  const make = KStream as unknown as new () => KStream<T, K, V>;
  return attach(new make(), { builder, node, keyChanged });
}
