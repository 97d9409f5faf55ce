import type { KafkaJS } from '@confluentinc/kafka-javascript';
import { KgenError } from '../errors';
import { fetchCommittedOffsets } from './committed-offsets';

/** How worrying a lag is. */
export type LagLevel = 'healthy' | 'warning' | 'critical';

/** Lag thresholds in records: `healthy` below `warning`, `warning` below `critical`, `critical` from there. */
export interface LagThresholds {
  /** Lag (records) from which a partition is `warning`. */
  readonly warning: number;
  /** Lag (records) from which a partition is `critical`. */
  readonly critical: number;
}

/** The thresholds users expect: healthy below 1 000, warning below 10 000, critical above. */
export const defaultLagThresholds: LagThresholds = { warning: 1_000, critical: 10_000 };

/** Classifies one lag value. */
export function classifyLag(lag: number, thresholds: LagThresholds = defaultLagThresholds): LagLevel {
  if (lag < thresholds.warning) return 'healthy';
  if (lag < thresholds.critical) return 'warning';
  return 'critical';
}

/** Lag of one partition for a consumer group. */
export interface PartitionLag {
  /** The topic. */
  readonly topic: string;
  /** The partition number. */
  readonly partition: number;
  /** The group's committed offset (next to read), or null when it has none. */
  readonly committed: string | null;
  /** The position this process consumed up to (next to read), when the caller tracked it. */
  readonly consumed: string | null;
  /** Log start offset. */
  readonly low: string;
  /** End offset (last stable offset for `read_committed`). */
  readonly high: string;
  /** Records between the committed position (or the log start, when none) and the end. */
  readonly lag: number;
  /** `lag` classified by the report's thresholds. */
  readonly level: LagLevel;
}

/** Lag of a group over some topics. */
export interface LagReport {
  /** The consumer group measured. */
  readonly groupId: string;
  /** One entry per partition of the topics asked for. */
  readonly partitions: readonly PartitionLag[];
  /** Sum over partitions. */
  readonly total: number;
  /** The worst partition's level (`healthy` when there are none). */
  readonly level: LagLevel;
}

/** Thrown when offsets cannot be read (unknown topic, broker down...). */
export class LagError extends KgenError {
  /** The group whose offsets could not be read. */
  readonly groupId: string;
  constructor(groupId: string, message: string, cause: unknown) {
    super('LAG', `lag of group ${groupId}: ${message}`, { cause });
    this.groupId = groupId;
  }
}

/** Options of {@link consumerLag}. */
export interface ConsumerLagOptions {
  /** Where lag turns `warning` and `critical`; default `defaultLagThresholds`. */
  readonly thresholds?: LagThresholds;
  /** End offsets as `read_committed` consumers see them (default true). */
  readonly readCommitted?: boolean;
  /** Consumed positions this process knows (e.g. a commit tracker's), keyed `topic:partition`. */
  readonly consumed?: ReadonlyMap<string, string>;
}

const LEVEL_ORDER: Record<LagLevel, number> = { healthy: 0, warning: 1, critical: 2 };

/** Pure: combines committed and end offsets into a classified report. */
export function lagReport(
  groupId: string,
  committed: ReadonlyArray<{
    topic: string;
    partitions: ReadonlyArray<{ partition: number; offset: string }>;
  }>,
  ends: ReadonlyArray<{
    topic: string;
    partitions: ReadonlyArray<{ partition: number; low: string; high: string }>;
  }>,
  opts: ConsumerLagOptions = {},
): LagReport {
  const thresholds = opts.thresholds ?? defaultLagThresholds;
  const committedOf = new Map<string, string>();
  for (const t of committed)
    for (const p of t.partitions)
      if (Number(p.offset) >= 0) committedOf.set(`${t.topic}:${p.partition}`, p.offset);
  const partitions: PartitionLag[] = [];
  for (const t of ends)
    for (const p of [...t.partitions].sort((a, b) => a.partition - b.partition)) {
      const key = `${t.topic}:${p.partition}`;
      const c = committedOf.get(key) ?? null;
      const from = BigInt(c ?? p.low);
      const high = BigInt(p.high);
      const lag = Number(high > from ? high - from : 0n);
      partitions.push({
        topic: t.topic,
        partition: p.partition,
        committed: c,
        consumed: opts.consumed?.get(key) ?? null,
        low: p.low,
        high: p.high,
        lag,
        level: classifyLag(lag, thresholds),
      });
    }
  const level = partitions.reduce<LagLevel>(
    (w, p) => (LEVEL_ORDER[p.level] > LEVEL_ORDER[w] ? p.level : w),
    'healthy',
  );
  return { groupId, partitions, total: partitions.reduce((s, p) => s + p.lag, 0), level };
}

/**
 * Reads a group's committed offsets and the topics' end offsets and classifies the lag. `admin` must share a
 * consumer's handle (`connectOffsetsAdmin`, or `consumer.dependentAdmin()`): with a plain
 * `kafka.admin()` librdkafka can crash the process while the group's coordinator loads (see
 * committed-offsets.ts).
 */
export async function consumerLag(
  admin: KafkaJS.Admin,
  groupId: string,
  topics: readonly string[],
  opts: ConsumerLagOptions = {},
): Promise<LagReport> {
  try {
    const isolationLevel = opts.readCommitted === false ? 0 : 1; // IsolationLevel.READ_(UN)COMMITTED
    const [committed, ends] = await Promise.all([
      fetchCommittedOffsets(admin, groupId, topics),
      Promise.all(
        topics.map(async (topic) => ({
          topic,
          partitions: await admin.fetchTopicOffsets(topic, { isolationLevel }),
        })),
      ),
    ]);
    return lagReport(groupId, committed, ends, opts);
  } catch (e) {
    throw new LagError(groupId, `cannot read offsets of ${topics.join(', ')}: ${String(e)}`, e);
  }
}
