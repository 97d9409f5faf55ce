import type { ClusterFacts, PartitionFact, TopicFact } from '../../../src/ops/cluster-facts';
import { diagnose } from '../../../src/ops/doctor-rules';
import { formatDoctor } from '../../../codegen/ops/doctor-format';

const replicated = (
  partition: number,
  replicas: number[],
  isr = replicas,
  leader = replicas[0] ?? -1,
): PartitionFact => ({
  partition,
  leader,
  replicas,
  isr,
  offline: [],
});

function topic(name: string, partitions: PartitionFact[], config: Record<string, string> = {}): TopicFact {
  return {
    name,
    internal: false,
    partitions,
    config: { 'cleanup.policy': 'delete', 'retention.ms': '604800000', ...config },
  };
}

const healthyBroker = {
  'default.replication.factor': '3',
  'min.insync.replicas': '2',
  'unclean.leader.election.enable': 'false',
  'auto.create.topics.enable': 'false',
};

function cluster(
  topics: TopicFact[],
  brokerConfig: Record<string, string> = healthyBroker,
  brokers = 3,
): ClusterFacts {
  return {
    clusterId: 'c1',
    controllerId: 1,
    brokers: Array.from({ length: brokers }, (_, i) => ({
      id: i + 1,
      host: 'h',
      port: 9092 + i,
      rack: null,
    })),
    brokerConfig,
    brokerConfigOf: 1,
    topics,
  };
}

const rules = (facts: ClusterFacts): string[] =>
  diagnose(facts).findings.map((f) => `${f.rule} ${f.subject}`);

describe('diagnose', () => {
  it('passes a production-shaped cluster and topic (RF 3, min ISR 2)', () => {
    const report = diagnose(cluster([topic('orders', [replicated(0, [1, 2, 3]), replicated(1, [2, 3, 1])])]));
    expect([report.findings, report.level]).toEqual([[], 'healthy']);
    expect(report.topics).toEqual([
      {
        name: 'orders',
        partitions: 2,
        replicationFactor: 3,
        minInsyncReplicas: 2,
        retentionMs: '604800000',
        cleanupPolicy: 'delete',
      },
    ]);
  });

  it('a topic whose replication factor is below min.insync.replicas is critical', () => {
    const report = diagnose(cluster([topic('t', [replicated(0, [1])], { 'min.insync.replicas': '2' })]));
    expect(report.findings.map((f) => [f.rule, f.severity])).toEqual([
      ['topic.rf-below-min-isr', 'critical'],
    ]);
    expect(report.findings[0]!.message).toContain('replication factor 1 is below min.insync.replicas 2');
    expect(report.level).toBe('critical');
  });

  it('RF 1 alone is a warning; RF equal to min ISR too', () => {
    const facts = cluster([
      topic('one', [replicated(0, [1])], { 'min.insync.replicas': '1' }),
      topic('two', [replicated(0, [1, 2])]),
    ]);
    expect(rules(facts)).toEqual([
      'topic.replication-factor-1 topic one',
      'topic.rf-equals-min-isr topic two',
    ]);
    expect(diagnose(facts).level).toBe('warning');
  });

  it('flags risky broker settings and a single broker', () => {
    const facts = cluster(
      [],
      {
        'default.replication.factor': '1',
        'min.insync.replicas': '1',
        'unclean.leader.election.enable': 'true',
        'auto.create.topics.enable': 'true',
      },
      1,
    );
    expect(rules(facts)).toEqual([
      'cluster.single-broker cluster',
      'broker.default-replication-factor broker 1',
      'broker.min-insync-replicas broker 1',
      'broker.unclean-leader-election broker 1',
      'broker.auto-create-topics broker 1',
    ]);
    expect(diagnose(facts).level).toBe('critical');
  });

  it('offline and under-replicated partitions, and no controller', () => {
    const facts = {
      ...cluster([topic('t', [replicated(0, [1, 2, 3], [1, 2]), replicated(1, [2, 3, 1], [], -1)])]),
      controllerId: -1,
    };
    expect(rules(facts)).toEqual([
      'cluster.no-controller cluster',
      'cluster.offline-partitions topic t',
      'cluster.under-replicated topic t',
    ]);
    expect(diagnose(facts).findings.find((f) => f.rule === 'cluster.offline-partitions')!.message).toBe(
      'partitions without a leader: 1',
    );
  });

  it('unbounded retention on a delete topic is info only (still healthy); compacted topics are exempt', () => {
    const facts = cluster([
      topic('forever', [replicated(0, [1, 2, 3])], { 'retention.ms': '-1' }),
      topic('table', [replicated(0, [1, 2, 3])], { 'retention.ms': '-1', 'cleanup.policy': 'compact' }),
    ]);
    expect(rules(facts)).toEqual(['topic.unbounded-retention topic forever']);
    expect(diagnose(facts).level).toBe('healthy');
  });
});

describe('doctor formats', () => {
  const report = diagnose(cluster([topic('t', [replicated(0, [1])], { 'min.insync.replicas': '2' })]));

  it('table lists topics and each finding with its fix', () => {
    const text = formatDoctor(report, 'table');
    expect(text).toContain('cluster c1: 3 broker(s), controller 1, 1 topic(s): CRITICAL');
    expect(text).toMatch(/CRITICAL\s+topic\.rf-below-min-isr\s+topic t\s+replication factor 1/);
    expect(text).toContain('fix: raise the replication factor to 3 or lower min.insync.replicas');
  });

  it('github, junit and json', () => {
    expect(formatDoctor(report, 'github')).toMatch(
      /^::error title=kgen doctor topic\.rf-below-min-isr::topic t%3A replication factor 1/,
    );
    const xml = formatDoctor(report, 'junit');
    expect(xml).toContain('tests="1" failures="1"');
    expect(xml).toContain('<testcase classname="kgen.doctor.topic.rf-below-min-isr" name="topic t">');
    expect(JSON.parse(formatDoctor(report, 'json'))).toEqual(JSON.parse(JSON.stringify(report)));
    expect(formatDoctor(diagnose(cluster([])), 'junit')).toContain('failures="0"');
  });
});
