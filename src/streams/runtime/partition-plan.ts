import { CopartitioningError, StreamsConfigError } from '../errors';
import { RepartitionSourceNode } from '../topology/io-nodes';
import type { Subtopology, TopologyBuilder } from '../topology/topology';

/** Partition counts: of every source topic (user and repartition) and of every subtopology. */
export interface PartitionPlan {
  readonly topics: ReadonlyMap<string, number>;
  readonly subtopologies: ReadonlyMap<number, number>;
}

/**
 * Decides partition counts from the user topics' counts: the source topics of one subtopology must be
 * co-partitioned (equal counts, else CopartitioningError naming them); a repartition topic takes the count
 * of the user topics it is joined with downstream, else the largest count upstream of it.
 */
export function planPartitions(
  builder: TopologyBuilder,
  userCounts: ReadonlyMap<string, number>,
): PartitionPlan {
  const subs = builder.subtopologies();
  const topics = new Map(userCounts);
  const subCount = new Map<number, number>();
  const upstreamOf = new Map<string, Subtopology>();
  for (const s of subs)
    for (const n of s.nodes) if (n.kind === 'repartition-sink') upstreamOf.set(n.topics()[0]!, s);
  const countOf = (s: Subtopology, seen: Set<number>): number => {
    const known = subCount.get(s.id);
    if (known !== undefined) return known;
    if (seen.has(s.id)) throw new StreamsConfigError('streams: the topology has a repartition cycle');
    seen.add(s.id);
    const user = [...s.sources.values()]
      .filter((n) => !(n instanceof RepartitionSourceNode))
      .map((n) => n.topic);
    let count: number;
    if (user.length > 0) {
      const counts = Object.fromEntries(user.map((t) => [t, userCounts.get(t)!]));
      const distinct = new Set(Object.values(counts));
      if (distinct.size > 1)
        throw new CopartitioningError(`subtopology ${s.id} (reading ${user.join(', ')})`, counts);
      count = Object.values(counts)[0]!;
    } else {
      count = Math.max(
        ...[...s.sources.keys()].map((t) => {
          const up = upstreamOf.get(t);
          if (!up) throw new StreamsConfigError(`streams: nothing writes repartition topic ${t}`);
          return countOf(up, seen);
        }),
      );
    }
    subCount.set(s.id, count);
    for (const t of s.sources.keys()) topics.set(t, count);
    return count;
  };
  for (const s of subs) countOf(s, new Set());
  return { topics, subtopologies: subCount };
}
