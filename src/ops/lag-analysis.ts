import { classifyLag, defaultLagThresholds, type LagLevel, type LagThresholds } from '../consumer/lag';
import type { GroupSnapshot } from './group-snapshot';

/** One partition of a group, classified. */
export interface PartitionLagRow {
  readonly topic: string;
  readonly partition: number;
  /** Committed offset, or null when the group has none (lag then counts from the log start). */
  readonly committed: string | null;
  readonly high: string;
  readonly lag: number;
  readonly memberId: string | null;
  /** Lag > 0 and the committed offset has not moved for at least `stuckAfterMs`. */
  readonly stuck: boolean;
}

/** Lag carried by one member (its assigned partitions). */
export interface MemberLag {
  readonly memberId: string;
  readonly clientId: string;
  readonly host: string;
  readonly partitions: number;
  readonly lag: number;
}

/** Change since the previous snapshot of the same group. */
export interface LagTrend {
  readonly seconds: number;
  /** Total lag now minus before. */
  readonly lagDelta: number;
  readonly direction: 'growing' | 'shrinking' | 'steady';
  /** Records committed per second over the interval. */
  readonly consumedPerSecond: number;
  /** Records appended per second over the interval. */
  readonly producedPerSecond: number;
}

/** A group's lag, classified. */
export interface GroupLag {
  readonly groupId: string;
  readonly state: string;
  /** By the total lag against the thresholds; at least `warning` when a partition is stuck. */
  readonly level: LagLevel;
  readonly total: number;
  readonly max: number;
  readonly partitions: readonly PartitionLagRow[];
  readonly members: readonly MemberLag[];
  /** Partitions without a committed offset. */
  readonly uncommitted: number;
  readonly stuck: number;
  readonly trend: LagTrend | null;
}

/** Every group of one pass. */
export interface LagAnalysis {
  readonly takenAt: number;
  readonly thresholds: LagThresholds;
  readonly groups: readonly GroupLag[];
  /** The worst group's level (`healthy` when there are none). */
  readonly level: LagLevel;
}

/** Options of {@link analyzeLag}. */
export interface LagAnalysisOptions {
  readonly thresholds?: LagThresholds;
  /** How long a committed offset must stay unmoved (with lag) to count as stuck; none = never stuck. */
  readonly stuckAfterMs?: number;
}

/**
 * Since when each partition's committed offset has held its value: what tells a stuck partition from a
 * slow one. Feed it every snapshot in order.
 */
export class CommitHistory {
  readonly #since = new Map<string, { committed: string | null; since: number }>();
  readonly #previous = new Map<string, GroupSnapshot>();

  /** Records `snapshot`; returns the group's previous snapshot, if any. */
  record(snapshot: GroupSnapshot): GroupSnapshot | undefined {
    for (const p of snapshot.partitions) {
      const key = `${snapshot.groupId}\u0000${p.topic}:${p.partition}`;
      const seen = this.#since.get(key);
      if (!seen || seen.committed !== p.committed)
        this.#since.set(key, { committed: p.committed, since: snapshot.takenAt });
    }
    const previous = this.#previous.get(snapshot.groupId);
    this.#previous.set(snapshot.groupId, snapshot);
    return previous;
  }

  /** Epoch ms since which the partition's committed offset is unchanged. */
  unchangedSince(groupId: string, topic: string, partition: number): number | undefined {
    return this.#since.get(`${groupId}\u0000${topic}:${partition}`)?.since;
  }
}

const LEVEL_ORDER: Record<LagLevel, number> = { healthy: 0, warning: 1, critical: 2 };

/** The worse of two levels. */
export function worseLevel(a: LagLevel, b: LagLevel): LagLevel {
  return LEVEL_ORDER[b] > LEVEL_ORDER[a] ? b : a;
}

function lagOf(committed: string | null, low: string, high: string): number {
  const from = BigInt(committed ?? low);
  const end = BigInt(high);
  return Number(end > from ? end - from : 0n);
}

/** Pure: classifies snapshots (already recorded in `history`) into a report. */
export function analyzeLag(
  snapshots: readonly GroupSnapshot[],
  history: CommitHistory,
  previousOf: (groupId: string) => GroupSnapshot | undefined,
  options: LagAnalysisOptions = {},
): LagAnalysis {
  const thresholds = options.thresholds ?? defaultLagThresholds;
  const groups = snapshots.map((s) => analyzeGroup(s, history, previousOf(s.groupId), thresholds, options));
  return {
    takenAt: Math.max(0, ...snapshots.map((s) => s.takenAt)),
    thresholds,
    groups,
    level: groups.reduce<LagLevel>((w, g) => worseLevel(w, g.level), 'healthy'),
  };
}

function analyzeGroup(
  s: GroupSnapshot,
  history: CommitHistory,
  previous: GroupSnapshot | undefined,
  thresholds: LagThresholds,
  options: LagAnalysisOptions,
): GroupLag {
  const partitions: PartitionLagRow[] = s.partitions.map((p) => {
    const lag = lagOf(p.committed, p.low, p.high);
    const since = history.unchangedSince(s.groupId, p.topic, p.partition);
    const stuck =
      lag > 0 &&
      options.stuckAfterMs !== undefined &&
      since !== undefined &&
      s.takenAt - since >= options.stuckAfterMs;
    return {
      topic: p.topic,
      partition: p.partition,
      committed: p.committed,
      high: p.high,
      lag,
      memberId: p.memberId,
      stuck,
    };
  });
  const total = partitions.reduce((n, p) => n + p.lag, 0);
  const stuck = partitions.filter((p) => p.stuck).length;
  const members = s.members.map((m) => {
    const own = partitions.filter((p) => p.memberId === m.memberId);
    return { ...m, partitions: own.length, lag: own.reduce((n, p) => n + p.lag, 0) };
  });
  members.sort((a, b) => b.lag - a.lag);
  const level = classifyLag(total, thresholds);
  return {
    groupId: s.groupId,
    state: s.state,
    level: stuck > 0 ? worseLevel(level, 'warning') : level,
    total,
    max: partitions.reduce((n, p) => Math.max(n, p.lag), 0),
    partitions,
    members,
    uncommitted: partitions.filter((p) => p.committed === null).length,
    stuck,
    trend: previous ? trendOf(previous, s) : null,
  };
}

function trendOf(before: GroupSnapshot, now: GroupSnapshot): LagTrend | null {
  const seconds = (now.takenAt - before.takenAt) / 1000;
  if (seconds <= 0) return null;
  const old = new Map(before.partitions.map((p) => [`${p.topic}:${p.partition}`, p]));
  let consumed = 0n;
  let produced = 0n;
  let lagBefore = 0;
  let lagNow = 0;
  for (const p of now.partitions) {
    const o = old.get(`${p.topic}:${p.partition}`);
    if (!o) continue;
    lagBefore += lagOf(o.committed, o.low, o.high);
    lagNow += lagOf(p.committed, p.low, p.high);
    if (o.committed !== null && p.committed !== null && BigInt(p.committed) > BigInt(o.committed))
      consumed += BigInt(p.committed) - BigInt(o.committed);
    if (BigInt(p.high) > BigInt(o.high)) produced += BigInt(p.high) - BigInt(o.high);
  }
  const lagDelta = lagNow - lagBefore;
  return {
    seconds,
    lagDelta,
    direction: lagDelta > 0 ? 'growing' : lagDelta < 0 ? 'shrinking' : 'steady',
    consumedPerSecond: Number(consumed) / seconds,
    producedPerSecond: Number(produced) / seconds,
  };
}
