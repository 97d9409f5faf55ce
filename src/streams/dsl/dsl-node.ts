import type { Node } from '../topology/node';
import type { TopologyBuilder } from '../topology/topology';

/** Where a stream or table object sits in the topology it builds (kept off the public types). */
export interface DslNode {
  readonly builder: TopologyBuilder;
  readonly node: Node;
  /** True after an operator that may change the key: grouping or joining repartitions first. */
  readonly keyChanged: boolean;
}

const nodes = new WeakMap<object, DslNode>();

/** Ties `dsl` to `o` and returns `o`. */
export function attach<O extends object>(o: O, dsl: DslNode): O {
  nodes.set(o, dsl);
  return o;
}

/** The topology position of a stream or table object made by the DSL. */
export function dslNode(o: object): DslNode {
  const d = nodes.get(o);
  if (!d) throw new TypeError('streams: not a stream or table made by a streams app');
  return d;
}
