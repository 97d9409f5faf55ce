import type { KafkaJS } from '@confluentinc/kafka-javascript';
import { committedOffsets, type GroupMember } from './group-snapshot';
import { OpsError } from './ops-error';

/*
 * What `kgen streams reset <applicationId>` removes: the application's internal topics
 * (`<applicationId>-<name>-repartition` and `<applicationId>-<store>-changelog`) and its consumer group (whose
 * id is the application id) with every offset it committed. The input and output topics stay.
 */

/** One committed offset of the group. */
export interface CommittedOffset {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

/** What a reset would delete, read from the cluster. */
export interface StreamsResetPlan {
  readonly applicationId: string;
  /** Internal topics of this application, sorted. */
  readonly topics: readonly string[];
  /**
   * Topics that match the pattern but belong to another application whose id extends this one (the group
   * `order-stats` owns `order-stats-counts-changelog`, not the application `order`): left alone.
   */
  readonly otherApplications: ReadonlyArray<{ readonly topic: string; readonly applicationId: string }>;
  /** The group, or `undefined` when the cluster has none of that id (no members, no offsets). */
  readonly group:
    | {
        readonly state: string;
        readonly members: readonly GroupMember[];
        readonly offsets: readonly CommittedOffset[];
      }
    | undefined;
}

const STATE_NAMES = ['Unknown', 'PreparingRebalance', 'CompletingRebalance', 'Stable', 'Dead', 'Empty'];
const DEAD = 4;

/** Whether `topic` has the shape of an internal topic of `applicationId`. */
export function isInternalTopicOf(applicationId: string, topic: string): boolean {
  for (const suffix of ['-repartition', '-changelog']) {
    if (
      topic.startsWith(`${applicationId}-`) &&
      topic.endsWith(suffix) &&
      topic.length > applicationId.length + 1 + suffix.length
    )
      return true;
  }
  return false;
}

/**
 * Reads what a reset of `applicationId` would delete. `admin` must share a consumer's handle
 * (`connectOpsAdmin`): group reads through a plain admin can crash the process.
 */
export async function planStreamsReset(
  admin: KafkaJS.Admin,
  applicationId: string,
): Promise<StreamsResetPlan> {
  const [allTopics, { groups }] = await Promise.all([admin.listTopics(), admin.listGroups()]);
  // Longest first: a topic belongs to the most specific application id it extends.
  const longer = groups
    .map((g) => g.groupId)
    .filter((id) => id.startsWith(`${applicationId}-`))
    .sort((a, b) => b.length - a.length);
  const topics: string[] = [];
  const otherApplications: Array<{ topic: string; applicationId: string }> = [];
  for (const topic of allTopics.filter((t) => isInternalTopicOf(applicationId, t)).sort()) {
    const owner = longer.find((id) => isInternalTopicOf(id, topic));
    if (owner !== undefined) otherApplications.push({ topic, applicationId: owner });
    else topics.push(topic);
  }
  return { applicationId, topics, otherApplications, group: await readGroup(admin, applicationId) };
}

async function readGroup(admin: KafkaJS.Admin, groupId: string): Promise<StreamsResetPlan['group']> {
  const [described] = (await admin.describeGroups([groupId])).groups;
  const offsets = (await committedOffsets(admin, groupId))
    .flatMap((t) => t.partitions.map((p) => ({ topic: t.topic, partition: p.partition, offset: p.offset })))
    .filter((o) => Number(o.offset) >= 0)
    .sort((a, b) => (a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1));
  const members = (described?.members ?? []).map((m) => ({
    memberId: m.memberId,
    clientId: m.clientId,
    host: m.clientHost,
  }));
  if ((described === undefined || described.state === DEAD) && offsets.length === 0 && members.length === 0)
    return undefined;
  return {
    state: described ? (STATE_NAMES[described.state] ?? String(described.state)) : 'Unknown',
    members,
    offsets,
  };
}

/** Whether the plan has anything on the cluster to delete. */
export function hasClusterState(plan: StreamsResetPlan): boolean {
  return plan.topics.length > 0 || plan.group !== undefined;
}

/** Throws {@link OpsError} `GROUP_NOT_EMPTY` naming the members when the plan's group has live ones. */
export function assertNoActiveMembers(plan: StreamsResetPlan): void {
  if (plan.group !== undefined && plan.group.members.length > 0)
    throw notEmpty(plan.applicationId, plan.group.members);
}

/**
 * Deletes the plan's group (with its offsets) and internal topics. The group is checked again first: with
 * live members it throws {@link OpsError} `GROUP_NOT_EMPTY` naming them, and deletes nothing.
 */
export async function executeStreamsReset(admin: KafkaJS.Admin, plan: StreamsResetPlan): Promise<void> {
  if (plan.group !== undefined) {
    const now = await readGroup(admin, plan.applicationId);
    if (now !== undefined && now.members.length > 0) throw notEmpty(plan.applicationId, now.members);
    if (now !== undefined) {
      try {
        await admin.deleteGroups([plan.applicationId]);
      } catch (err) {
        const code = groupErrorCode(err);
        // GROUP_ID_NOT_FOUND (69): it went away meanwhile, which is what a reset wants.
        if (code === 68)
          throw notEmpty(plan.applicationId, (await readGroup(admin, plan.applicationId))?.members ?? []);
        if (code !== 69)
          throw new OpsError(
            'CLUSTER_UNREACHABLE',
            `cannot delete consumer group "${plan.applicationId}": ${err instanceof Error ? err.message : String(err)}`,
            { cause: err },
          );
      }
    }
  }
  if (plan.topics.length > 0) await admin.deleteTopics({ topics: [...plan.topics] });
}

/** The group-level error code of a failed DeleteGroups (the binding reports it per group). */
function groupErrorCode(err: unknown): number | undefined {
  const groups = (err as { groups?: Array<{ error?: { code?: number } }> } | null)?.groups;
  return groups?.[0]?.error?.code ?? (err as { code?: number } | null)?.code;
}

function notEmpty(groupId: string, members: readonly GroupMember[]): OpsError {
  const who = members.map((m) => `${m.clientId} on ${m.host} (${m.memberId})`).join(', ');
  return new OpsError(
    'GROUP_NOT_EMPTY',
    `consumer group "${groupId}" has ${members.length} active member(s): ${who || 'joining'}; stop every instance of the application first, then run the reset again`,
  );
}
