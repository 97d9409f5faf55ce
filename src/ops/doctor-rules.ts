import type { LagLevel } from '../consumer/lag';
import type { ClusterFacts, TopicFact } from './cluster-facts';

/** How much a finding matters: `info` never fails a run; `warning` exits 3, `critical` exits 4. */
export type FindingSeverity = 'info' | 'warning' | 'critical';

/** One thing `kgen doctor` noticed. */
export interface Finding {
  /** Stable id, e.g. `topic.rf-below-min-isr`. */
  readonly rule: string;
  readonly severity: FindingSeverity;
  /** What it is about: `cluster`, `broker 1`, `topic orders`. */
  readonly subject: string;
  readonly message: string;
  /** One line that fixes it. */
  readonly fix: string;
}

/** What doctor shows of each topic. */
export interface TopicSummary {
  readonly name: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  /** The topic's own value, else the broker's. */
  readonly minInsyncReplicas: number;
  readonly retentionMs: string | null;
  readonly cleanupPolicy: string;
}

/** The verdict over every finding. */
export interface DoctorReport {
  readonly clusterId: string | null;
  readonly brokers: number;
  readonly controllerId: number;
  readonly topics: readonly TopicSummary[];
  readonly findings: readonly Finding[];
  /** `healthy` when only `info` findings (or none). */
  readonly level: LagLevel;
}

const num = (v: string | null | undefined): number | undefined =>
  v === null || v === undefined || v === '' ? undefined : Number(v);

/** Pure: judges the facts. Thresholds assume production: 3 replicas, `min.insync.replicas` 2. */
export function diagnose(facts: ClusterFacts): DoctorReport {
  const findings: Finding[] = [...clusterFindings(facts), ...brokerFindings(facts)];
  const brokerMinIsr = num(facts.brokerConfig['min.insync.replicas']) ?? 1;
  for (const t of facts.topics) findings.push(...topicFindings(t, brokerMinIsr, facts.brokers.length));
  return {
    clusterId: facts.clusterId,
    brokers: facts.brokers.length,
    controllerId: facts.controllerId,
    topics: facts.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.length,
      replicationFactor: replicationFactorOf(t),
      minInsyncReplicas: num(t.config['min.insync.replicas']) ?? brokerMinIsr,
      retentionMs: t.config['retention.ms'] ?? null,
      cleanupPolicy: t.config['cleanup.policy'] ?? 'delete',
    })),
    findings,
    level: levelOf(findings),
  };
}

/** The report with more findings (e.g. the registry's), its level recomputed. */
export function withFindings(report: DoctorReport, more: readonly Finding[]): DoctorReport {
  const findings = [...report.findings, ...more];
  return { ...report, findings, level: levelOf(findings) };
}

function levelOf(findings: readonly Finding[]): LagLevel {
  if (findings.some((f) => f.severity === 'critical')) return 'critical';
  return findings.some((f) => f.severity === 'warning') ? 'warning' : 'healthy';
}

function clusterFindings(facts: ClusterFacts): Finding[] {
  const out: Finding[] = [];
  if (facts.controllerId < 0)
    out.push({
      rule: 'cluster.no-controller',
      severity: 'critical',
      subject: 'cluster',
      message: 'the cluster reports no active controller',
      fix: 'check the controller quorum (controller.quorum.voters) and the controllers’ logs',
    });
  if (facts.brokers.length === 1)
    out.push({
      rule: 'cluster.single-broker',
      severity: 'warning',
      subject: 'cluster',
      message: `one broker (id ${facts.brokers[0]!.id}): any restart makes every partition unavailable`,
      fix: 'run at least 3 brokers in production',
    });
  for (const t of facts.topics) {
    const offline = t.partitions.filter((p) => p.leader < 0).map((p) => p.partition);
    if (offline.length > 0)
      out.push({
        rule: 'cluster.offline-partitions',
        severity: 'critical',
        subject: `topic ${t.name}`,
        message: `partitions without a leader: ${offline.join(', ')}`,
        fix: 'bring the replicas’ brokers back (unclean election loses data)',
      });
    const under = t.partitions
      .filter((p) => p.leader >= 0 && p.isr.length < p.replicas.length)
      .map((p) => p.partition);
    if (under.length > 0)
      out.push({
        rule: 'cluster.under-replicated',
        severity: 'warning',
        subject: `topic ${t.name}`,
        message: `under-replicated partitions (ISR smaller than the replica set): ${under.join(', ')}`,
        fix: 'check the lagging replicas’ brokers (disk, network, replica.lag.time.max.ms)',
      });
  }
  return out;
}

function brokerFindings(facts: ClusterFacts): Finding[] {
  const c = facts.brokerConfig;
  const subject = `broker ${facts.brokerConfigOf ?? '?'}`;
  const out: Finding[] = [];
  const rf = num(c['default.replication.factor']);
  if (rf !== undefined && rf < 3)
    out.push({
      rule: 'broker.default-replication-factor',
      severity: 'warning',
      subject,
      message: `default.replication.factor=${rf}: topics created without an explicit factor get ${rf} replica(s)`,
      fix: 'set default.replication.factor=3',
    });
  const minIsr = num(c['min.insync.replicas']);
  if (minIsr !== undefined && minIsr < 2)
    out.push({
      rule: 'broker.min-insync-replicas',
      severity: 'warning',
      subject,
      message: `min.insync.replicas=${minIsr}: an acks=all write is acknowledged by a single replica`,
      fix: 'set min.insync.replicas=2 (with replication factor 3)',
    });
  if (c['unclean.leader.election.enable'] === 'true')
    out.push({
      rule: 'broker.unclean-leader-election',
      severity: 'critical',
      subject,
      message:
        'unclean.leader.election.enable=true: an out-of-sync replica may become leader and drop acknowledged writes',
      fix: 'set unclean.leader.election.enable=false',
    });
  if (c['auto.create.topics.enable'] === 'true')
    out.push({
      rule: 'broker.auto-create-topics',
      severity: 'warning',
      subject,
      message: 'auto.create.topics.enable=true: a typo in a topic name creates a topic with default settings',
      fix: 'set auto.create.topics.enable=false and create topics explicitly',
    });
  return out;
}

function topicFindings(t: TopicFact, brokerMinIsr: number, brokers: number): Finding[] {
  const subject = `topic ${t.name}`;
  const out: Finding[] = [];
  const rf = replicationFactorOf(t);
  const minIsr = num(t.config['min.insync.replicas']) ?? brokerMinIsr;
  if (t.partitions.length === 0) return out;
  if (rf < minIsr)
    out.push({
      rule: 'topic.rf-below-min-isr',
      severity: 'critical',
      subject,
      message: `replication factor ${rf} is below min.insync.replicas ${minIsr}: every acks=all write fails (NOT_ENOUGH_REPLICAS)`,
      fix: `raise the replication factor to ${Math.max(minIsr + 1, 3)} or lower min.insync.replicas`,
    });
  else if (rf === 1)
    out.push({
      rule: 'topic.replication-factor-1',
      severity: 'warning',
      subject,
      message: 'replication factor 1: losing one broker loses the data',
      fix: `recreate or reassign with replication factor ${Math.min(3, Math.max(brokers, 3))}`,
    });
  else if (rf === minIsr)
    out.push({
      rule: 'topic.rf-equals-min-isr',
      severity: 'warning',
      subject,
      message: `replication factor ${rf} equals min.insync.replicas: acks=all writes stop while any replica is down`,
      fix: `raise the replication factor to ${rf + 1} or set min.insync.replicas=${rf - 1}`,
    });
  if (t.config['unclean.leader.election.enable'] === 'true')
    out.push({
      rule: 'topic.unclean-leader-election',
      severity: 'critical',
      subject,
      message: 'unclean.leader.election.enable=true on the topic',
      fix: `kafka-configs --alter --entity-type topics --entity-name ${t.name} --delete-config unclean.leader.election.enable`,
    });
  const policy = t.config['cleanup.policy'] ?? 'delete';
  if (
    policy.split(',').includes('delete') &&
    t.config['retention.ms'] === '-1' &&
    (t.config['retention.bytes'] ?? '-1') === '-1'
  )
    out.push({
      rule: 'topic.unbounded-retention',
      severity: 'info',
      subject,
      message: 'cleanup.policy=delete with retention.ms=-1 and no retention.bytes: the log grows forever',
      fix: 'set retention.ms, or cleanup.policy=compact if the topic is a table',
    });
  return out;
}

/** The smallest replica set over the topic's partitions (0 for none). */
function replicationFactorOf(t: TopicFact): number {
  return t.partitions.length === 0 ? 0 : Math.min(...t.partitions.map((p) => p.replicas.length));
}
