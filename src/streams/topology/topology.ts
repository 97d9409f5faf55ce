import { StreamsConfigError } from '../errors';
import { FixedWindowNode, SessionWindowNode, SlidingWindowNode } from './aggregate-nodes';
import { RepartitionSinkNode, RepartitionSourceNode, SourceNode } from './io-nodes';
import { type Node, type NodeDescription } from './node';
import { StreamStreamJoinNode } from './table-nodes';

/** A state store of the topology. */
export interface StoreSpec {
  readonly name: string;
  /** Windowed stores' changelogs are `compact,delete` (old windows age out); others `compact`. */
  readonly windowed: boolean;
}

/** A connected part of the topology: the operators one task (one partition) runs. */
export interface Subtopology {
  readonly id: number;
  readonly nodes: readonly Node[];
  /** Source operators by topic (user topics and repartition topics). */
  readonly sources: ReadonlyMap<string, SourceNode>;
  readonly stores: readonly string[];
}

/** What `app.describe()` returns. */
export interface TopologyDescription {
  readonly subtopologies: ReadonlyArray<{
    readonly id: number;
    readonly sourceTopics: readonly string[];
    readonly stores: readonly string[];
    readonly nodes: readonly NodeDescription[];
  }>;
  /** Internal topics: repartition topics and store changelogs. */
  readonly internalTopics: readonly string[];
  /** Topics of the topic map the topology writes. */
  readonly outputTopics: readonly string[];
}

/** The mutable graph the DSL builds; frozen into subtopologies at start. */
export class TopologyBuilder {
  readonly applicationId: string;
  readonly nodes: Node[] = [];
  readonly stores = new Map<string, StoreSpec>();
  private counter = 0;
  private frozen: Subtopology[] | undefined;

  constructor(applicationId: string) {
    this.applicationId = applicationId;
  }

  /** A name unique in the topology: `<kind>-<NNNN>` (stable while the topology's shape is). */
  nextName(kind: string): string {
    return `${kind}-${String(++this.counter).padStart(4, '0')}`;
  }

  add<N extends Node>(node: N): N {
    if (this.frozen) throw new StreamsConfigError('streams: the topology cannot change after start()');
    if (this.nodes.some((n) => n.name === node.name))
      throw new StreamsConfigError(`streams: two operators are named ${node.name}`);
    this.nodes.push(node);
    return node;
  }

  addStore(spec: StoreSpec): void {
    if (this.stores.has(spec.name))
      throw new StreamsConfigError(`streams: two stores are named ${spec.name}`);
    if (!/^[A-Za-z0-9._-]+$/.test(spec.name))
      throw new StreamsConfigError(
        `streams: store name ${spec.name} must match [A-Za-z0-9._-]+ (it names a topic)`,
      );
    this.stores.set(spec.name, spec);
  }

  repartitionTopic(name: string): string {
    return `${this.applicationId}-${name}-repartition`;
  }

  changelogTopic(store: string): string {
    return `${this.applicationId}-${store}-changelog`;
  }

  /** Splits the graph into subtopologies: operators joined by edges or by a shared store run together. */
  subtopologies(freeze = true): Subtopology[] {
    if (this.frozen) return this.frozen;
    const parent = new Map<Node, Node>(this.nodes.map((n) => [n, n]));
    const find = (n: Node): Node => {
      let r = n;
      while (parent.get(r) !== r) r = parent.get(r)!;
      parent.set(n, r);
      return r;
    };
    const union = (a: Node, b: Node): void => {
      parent.set(find(a), find(b));
    };
    const byStore = new Map<string, Node>();
    for (const n of this.nodes) {
      for (const c of n.children) union(n, c);
      if (n instanceof FixedWindowNode || n instanceof SessionWindowNode || n instanceof SlidingWindowNode)
        for (const c of n.finals) union(n, c);
      for (const s of n.stores()) {
        const other = byStore.get(s);
        if (other) union(n, other);
        else byStore.set(s, n);
      }
    }
    const groups = new Map<Node, Node[]>();
    for (const n of this.nodes) {
      const r = find(n);
      groups.set(r, [...(groups.get(r) ?? []), n]);
    }
    const result: Subtopology[] = [...groups.values()].map((nodes, id) => {
      const sources = new Map<string, SourceNode>();
      for (const n of nodes) {
        if (!(n instanceof SourceNode)) continue;
        if (sources.has(n.topic))
          throw new StreamsConfigError(
            `streams: topic ${n.topic} is read twice in one topology; read it once and reuse the stream`,
          );
        sources.set(n.topic, n);
      }
      const stores = [...new Set(nodes.flatMap((n) => n.stores()))];
      return { id, nodes, sources, stores };
    });
    const seen = new Map<string, number>();
    for (const s of result)
      for (const t of s.sources.keys()) {
        if (seen.has(t))
          throw new StreamsConfigError(
            `streams: topic ${t} is read twice in one topology; read it once and reuse the stream`,
          );
        seen.set(t, s.id);
      }
    if (freeze) this.frozen = result;
    return result;
  }

  /** Topics of the topic map read by the topology. */
  userSourceTopics(): string[] {
    return this.nodes
      .filter((n) => n instanceof SourceNode && !(n instanceof RepartitionSourceNode))
      .map((n) => (n as SourceNode).topic);
  }

  repartitionTopics(): string[] {
    return this.nodes
      .filter((n): n is RepartitionSinkNode => n instanceof RepartitionSinkNode)
      .map((n) => n.topic);
  }

  outputTopics(): string[] {
    return [...new Set(this.nodes.filter((n) => n.kind === 'sink').flatMap((n) => n.topics()))];
  }

  describe(): TopologyDescription {
    return {
      subtopologies: this.subtopologies(false).map((s) => ({
        id: s.id,
        sourceTopics: [...s.sources.keys()],
        stores: s.stores,
        nodes: s.nodes.map((n) => n.describe()),
      })),
      internalTopics: [
        ...this.repartitionTopics(),
        ...[...this.stores.keys()].map((s) => this.changelogTopic(s)),
      ],
      outputTopics: this.outputTopics(),
    };
  }

  /** True when a stream-stream join reads `store` (its buffers need `compact,delete` like windows). */
  isJoinBuffer(store: string): boolean {
    return this.nodes.some(
      (n) => n instanceof StreamStreamJoinNode && (n.leftStore === store || n.rightStore === store),
    );
  }
}
