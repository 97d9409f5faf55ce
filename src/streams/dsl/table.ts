import type { TopicMap } from '../../topics';
import { StreamsConfigError } from '../errors';
import { link, type Node, StatelessNode } from '../topology/node';
import { FixedWindowNode, SessionWindowNode, SlidingWindowNode } from '../topology/aggregate-nodes';
import { TableTableJoinNode, type JoinKind } from '../topology/table-nodes';
import type { TopologyBuilder } from '../topology/topology';
import type { StreamRecord, Windowed } from './records';
import { streamOf, type KStream } from './stream';
import { attach, dslNode } from './dsl-node';

/** How `toStream` emits a table's changes. */
export interface ToStreamOptions<K> {
  /**
   * `updates` (default): every change of every row. `final` (windowed tables only): one record per window,
   * when it closes (window end + grace passed by stream time), with its final value.
   */
  readonly emit?: K extends Windowed<unknown> ? 'updates' | 'final' : 'updates';
}

/**
 * A changelog stream viewed as a table: the latest value per key. Made by `count` / `reduce` / `aggregate`
 * (materialized in a store, queryable with `app.store(table)`), by `app.table(topic)`, or by a table join.
 */
export class KTable<T extends TopicMap, K, V> {
  /** The store holding this table, when it is materialized (queryable). */
  readonly storeName: string | undefined;
  /** True for a windowed aggregate (keys are `Windowed<K>`). */
  readonly windowed: boolean;

  private constructor(storeName: string | undefined, windowed: boolean) {
    this.storeName = storeName;
    this.windowed = windowed;
  }

  private get builder(): TopologyBuilder {
    return dslNode(this).builder;
  }

  private get node(): Node {
    return dslNode(this).node;
  }

  /** The table's changes as a stream (see {@link ToStreamOptions}). */
  toStream(options: ToStreamOptions<K> = {}): KStream<T, K, V> {
    const emit = options.emit ?? 'updates';
    const pass = this.builder.add(
      new StatelessNode(this.builder.nextName(`to-stream-${emit}`), 'to-stream', (r, out) => out(r)),
    );
    if (emit === 'final') {
      const n = this.node;
      if (!(n instanceof FixedWindowNode || n instanceof SessionWindowNode || n instanceof SlidingWindowNode))
        throw new StreamsConfigError(
          `streams: toStream({ emit: 'final' }) needs a windowed aggregate, not ${n.kind}`,
        );
      n.finals.push(pass);
      pass.parents.push(n);
    } else link(this.node, pass);
    return streamOf<T, K, V>(this.builder, pass, false);
  }

  /** Keeps the rows for which `predicate` holds (downstream of this table). */
  filter(predicate: (record: StreamRecord<K, V>) => boolean): KTable<T, K, V> {
    const n = this.builder.add(
      new StatelessNode(this.builder.nextName('table-filter'), 'table-filter', (r, out) => {
        if (predicate(r as StreamRecord<K, V>)) out(r);
      }),
    );
    link(this.node, n);
    return tableOf<T, K, V>(this.builder, n, undefined, this.windowed);
  }

  /** Maps each row's value. */
  mapValues<R>(fn: (record: StreamRecord<K, V>) => R): KTable<T, K, R> {
    const n = this.builder.add(
      new StatelessNode(this.builder.nextName('table-map-values'), 'table-map-values', (r, out) =>
        out({ key: r.key, value: fn(r as StreamRecord<K, V>), timestamp: r.timestamp }),
      ),
    );
    link(this.node, n);
    return tableOf<T, K, R>(this.builder, n, undefined, this.windowed);
  }

  /** Inner table-table join: a row exists when both sides have the key. Both tables must be materialized. */
  join<VO, R>(other: KTable<T, K, VO>, joiner: (value: V, other: VO) => R): KTable<T, K, R> {
    return this.joinTable(other, joiner as (l: unknown, r: unknown) => unknown, 'inner');
  }

  /** Left table-table join: every row of this table, with the other side's value or `null`. */
  leftJoin<VO, R>(other: KTable<T, K, VO>, joiner: (value: V, other: VO | null) => R): KTable<T, K, R> {
    return this.joinTable(other, joiner as (l: unknown, r: unknown) => unknown, 'left');
  }

  /** Outer table-table join: a row when either side has the key (the missing side `null`). */
  outerJoin<VO, R>(
    other: KTable<T, K, VO>,
    joiner: (value: V | null, other: VO | null) => R,
  ): KTable<T, K, R> {
    return this.joinTable(other, joiner as (l: unknown, r: unknown) => unknown, 'outer');
  }

  private joinTable<R>(
    other: KTable<T, K, unknown>,
    joiner: (l: unknown, r: unknown) => unknown,
    how: JoinKind,
  ): KTable<T, K, R> {
    const [l, r] = [materialized(this), materialized(other)];
    const n = this.builder.add(
      new TableTableJoinNode(this.builder.nextName(`table-${how}-join`), l, r, joiner, how),
    );
    n.leftParent = this.node;
    link(this.node, n);
    link(dslNode(other).node, n);
    return tableOf<T, K, R>(this.builder, n, undefined, false);
  }
}

/** The store of a table a join reads; only materialized tables can be looked up. */
export function materialized(table: { readonly storeName: string | undefined }): string {
  if (table.storeName === undefined)
    throw new StreamsConfigError(
      `streams: joining ${dslNode(table).node.name} needs a materialized table (from app.table(), count, reduce or aggregate)`,
    );
  return table.storeName;
}

/** A table object at `node` of the topology (the constructor is private: tables come from the DSL). */
export function tableOf<T extends TopicMap, K, V>(
  builder: TopologyBuilder,
  node: Node,
  storeName: string | undefined,
  windowed: boolean,
): KTable<T, K, V> {
  const make = KTable as unknown as new (storeName: string | undefined, windowed: boolean) => KTable<T, K, V>;
  return attach(new make(storeName, windowed), { builder, node, keyChanged: false });
}
