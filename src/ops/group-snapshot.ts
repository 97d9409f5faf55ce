import type { KafkaJS } from '@confluentinc/kafka-javascript';
import { retryRetriable } from '../kafka/broker-retry';
import { OpsError } from './ops-error';

/** One partition of a group at one moment: the group's committed offset and the log's bounds. */
export interface PartitionOffsets {
  readonly topic: string;
  readonly partition: number;
  /** Committed offset (next record to read), or null when the group has none. */
  readonly committed: string | null;
  readonly low: string;
  /** End offset (last stable offset for `read_committed`). */
  readonly high: string;
  /** The member the partition is assigned to, when one is. */
  readonly memberId: string | null;
}

/** A member of a group and where it runs. */
export interface GroupMember {
  readonly memberId: string;
  readonly clientId: string;
  readonly host: string;
}

/** What `kgen lag` reads for one group in one pass. */
export interface GroupSnapshot {
  readonly groupId: string;
  /** Broker-reported state: Stable, Empty, PreparingRebalance... */
  readonly state: string;
  readonly members: readonly GroupMember[];
  readonly partitions: readonly PartitionOffsets[];
  /** Epoch ms when the offsets were read. */
  readonly takenAt: number;
}

/** Which groups and topics to read. */
export interface SnapshotSelection {
  /** Groups to read; empty = every consumer group the cluster lists. */
  readonly groups: readonly string[];
  /** Topics to report; empty = every topic the group committed on or is assigned. */
  readonly topics: readonly string[];
  /** End offsets as `read_committed` consumers see them (default true). */
  readonly readCommitted?: boolean;
}

const STATE_NAMES = ['Unknown', 'PreparingRebalance', 'CompletingRebalance', 'Stable', 'Dead', 'Empty'];
const DEAD = 4;

/** Prefix of the throwaway consumers behind `connectOffsetsAdmin`: never worth reporting. */
const OFFSETS_READER_PREFIX = 'kgen-offsets-reader-';

/**
 * Reads the selected groups. `admin` must share a consumer's handle (`connectOffsetsAdmin`): group reads
 * through a plain admin can crash the process while a coordinator loads (see consumer/committed-offsets.ts).
 * Throws {@link OpsError} naming an unknown group or topic.
 */
export async function readGroupSnapshots(
  admin: KafkaJS.Admin,
  selection: SnapshotSelection,
): Promise<GroupSnapshot[]> {
  const groups = selection.groups.length > 0 ? [...selection.groups] : await listConsumerGroups(admin);
  if (groups.length === 0) return [];
  const described = await admin.describeGroups(groups);
  const ends = new Map<string, Promise<Array<{ partition: number; low: string; high: string }>>>();
  const endsOf = (topic: string): Promise<Array<{ partition: number; low: string; high: string }>> => {
    let found = ends.get(topic);
    if (!found) {
      found = admin
        .fetchTopicOffsets(topic, { isolationLevel: selection.readCommitted === false ? 0 : 1 })
        .catch((err: unknown) => {
          throw new OpsError('UNKNOWN_TOPIC', `topic "${topic}": cannot read its offsets: ${String(err)}`, {
            cause: err,
          });
        });
      ends.set(topic, found);
    }
    return found;
  };
  const out: GroupSnapshot[] = [];
  for (const groupId of groups) {
    const description = described.groups.find((g) => g.groupId === groupId);
    const committed = await committedOffsets(admin, groupId);
    const hasCommits = committed.some((t) => t.partitions.some((p) => Number(p.offset) >= 0));
    if (!description || description.error || (description.state === DEAD && !hasCommits)) {
      throw new OpsError(
        'UNKNOWN_GROUP',
        `consumer group "${groupId}" does not exist (no members and no committed offsets)`,
        { cause: description?.error },
      );
    }
    const owner = new Map<string, string>();
    for (const m of description.members)
      for (const tp of m.assignment?.topicPartitions ?? [])
        owner.set(`${tp.topic}:${tp.partition}`, m.memberId);
    const committedOf = new Map<string, string>();
    for (const t of committed)
      for (const p of t.partitions)
        if (Number(p.offset) >= 0 && (selection.topics.length === 0 || selection.topics.includes(t.topic)))
          committedOf.set(`${t.topic}:${p.partition}`, p.offset);
    const topics = new Set(selection.topics);
    if (topics.size === 0) {
      // The group's own topics: where it committed, and what its members are assigned.
      for (const key of [...committedOf.keys(), ...owner.keys()])
        topics.add(key.slice(0, key.lastIndexOf(':')));
    }
    const partitions: PartitionOffsets[] = [];
    for (const topic of [...topics].sort()) {
      for (const p of [...(await endsOf(topic))].sort((a, b) => a.partition - b.partition)) {
        const key = `${topic}:${p.partition}`;
        partitions.push({
          topic,
          partition: p.partition,
          committed: committedOf.get(key) ?? null,
          low: p.low,
          high: p.high,
          memberId: owner.get(key) ?? null,
        });
      }
    }
    out.push({
      groupId,
      state: STATE_NAMES[description.state] ?? String(description.state),
      members: description.members.map((m) => ({
        memberId: m.memberId,
        clientId: m.clientId,
        host: m.clientHost,
      })),
      partitions,
      takenAt: Date.now(),
    });
  }
  return out;
}

async function listConsumerGroups(admin: KafkaJS.Admin): Promise<string[]> {
  const { groups } = await admin.listGroups();
  return groups
    .filter(
      (g) =>
        (g.protocolType === 'consumer' || g.protocolType === '') &&
        !g.groupId.startsWith(OFFSETS_READER_PREFIX),
    )
    .map((g) => g.groupId)
    .sort();
}

/** Every committed offset of the group (all topics), retrying while its coordinator loads. */
export function committedOffsets(
  admin: KafkaJS.Admin,
  groupId: string,
): Promise<Array<{ topic: string; partitions: KafkaJS.FetchOffsetsPartition[] }>> {
  return retryRetriable(async () => {
    const res = await admin.fetchOffsets({ groupId });
    const failed = res.flatMap((t) => t.partitions).find((p) => p.error !== null && p.error !== undefined);
    if (failed?.error) throw failed.error;
    return res;
  }, 8);
}
