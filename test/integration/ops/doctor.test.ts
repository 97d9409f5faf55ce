import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { KafkaJS } from '@confluentinc/kafka-javascript';
import { runDoctor, type DoctorArgs } from '../../../codegen/cli/doctor';
import type { CommandIo } from '../../../codegen/cli/command-io';
import type { DoctorReport } from '../../../src/ops/doctor-rules';
import { stackEnv, uniqueName } from '../../helpers/stack-env';

jest.setTimeout(90_000);

async function doctor(
  args: DoctorArgs,
  cwd = os.tmpdir(),
): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = {
    cwd,
    stdout: (l) => out.push(l),
    stderr: (l) => err.push(l),
    env: {},
  };
  const code = await runDoctor({ brokers: stackEnv().brokers, ...args }, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('kgen doctor on the single-node stack', () => {
  const { brokers } = stackEnv();
  const plain = uniqueName('ops-doctor-rf1');
  const strict = uniqueName('ops-doctor-minisr2');

  beforeAll(async () => {
    const admin = new KafkaJS.Kafka({
      kafkaJS: { brokers: [brokers], logLevel: KafkaJS.logLevel.NOTHING },
    }).admin();
    await admin.connect();
    await admin.createTopics({
      topics: [
        { topic: plain, numPartitions: 3, replicationFactor: 1 },
        {
          topic: strict,
          numPartitions: 1,
          replicationFactor: 1,
          configEntries: [
            { name: 'min.insync.replicas', value: '2' },
            { name: 'retention.ms', value: '-1' },
          ],
        },
      ],
    });
    await admin.disconnect();
  });

  it('reports the single broker, its RF 1 / min ISR 1 defaults and each RF 1 topic (warning, exit 3)', async () => {
    const { code, out } = await doctor({ topics: [plain], format: 'json' });
    const report = JSON.parse(out) as DoctorReport;
    expect(report.brokers).toBe(1);
    expect(report.controllerId).toBeGreaterThanOrEqual(0);
    expect(report.topics).toEqual([
      {
        name: plain,
        partitions: 3,
        replicationFactor: 1,
        minInsyncReplicas: 1,
        retentionMs: '604800000',
        cleanupPolicy: 'delete',
      },
    ]);
    const rules = report.findings.map((f) => `${f.rule} ${f.subject}`);
    expect(rules).toEqual(
      expect.arrayContaining([
        'cluster.single-broker cluster',
        'broker.default-replication-factor broker 1',
        'broker.min-insync-replicas broker 1',
        `topic.replication-factor-1 topic ${plain}`,
      ]),
    );
    expect(report.findings.every((f) => f.severity !== 'critical')).toBe(true);
    expect([report.level, code]).toEqual(['warning', 3]);
  });

  it('flags a topic whose replication factor 1 is under its min.insync.replicas 2 as critical (exit 4)', async () => {
    const { code, out } = await doctor({ topics: [plain, strict] });
    expect(code).toBe(4);
    expect(out).toMatch(
      new RegExp(
        `CRITICAL\\s+topic\\.rf-below-min-isr\\s+topic ${strict}\\s+replication factor 1 is below min\\.insync\\.replicas 2`,
      ),
    );
    expect(out).toMatch(new RegExp(`INFO\\s+topic\\.unbounded-retention\\s+topic ${strict}`));
    expect(out).not.toMatch(new RegExp(`rf-below-min-isr\\s+topic ${plain}`));
  });

  it('an unknown topic is bad input naming it (exit 2), and is not created', async () => {
    const missing = uniqueName('ops-doctor-missing');
    const { code, err } = await doctor({ topics: [missing] });
    expect(code).toBe(2);
    expect(err).toContain(`topic "${missing}" does not exist`);
    expect((await doctor({ topics: [missing] })).code).toBe(2);
  });

  it('an unreachable cluster is exit 2 naming it', async () => {
    const { code, err } = await doctor({ brokers: '127.0.0.1:1' });
    expect(code).toBe(2);
    expect(err).toContain('cannot reach the Kafka cluster at 127.0.0.1:1');
  });

  it('with a config: flags a subject the registry lacks and a topic the cluster lacks, and passes a registered one', async () => {
    const { registryUrl } = stackEnv();
    const missingTopic = uniqueName('ops-doctor-absent');
    const res = await fetch(`${registryUrl}/subjects/${plain}-value/versions`, {
      method: 'POST',
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify({
        schema: JSON.stringify({ type: 'record', name: 'Ping', fields: [{ name: 'id', type: 'string' }] }),
      }),
    });
    expect(res.ok).toBe(true);
    // A level of its own: the registered subject then has nothing to report (the stack's global level is NONE).
    const level = await fetch(`${registryUrl}/config/${plain}-value`, {
      method: 'PUT',
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify({ compatibility: 'BACKWARD' }),
    });
    expect(level.ok).toBe(true);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgen-doctor-'));
    fs.writeFileSync(
      path.join(dir, 'kgen.config.json'),
      JSON.stringify({ registry: { url: registryUrl }, topics: { [plain]: {}, [missingTopic]: {} } }),
    );
    const { code, out } = await doctor({ topics: [plain], format: 'json' }, dir);
    const report = JSON.parse(out) as DoctorReport;
    const registry = report.findings.filter(
      (f) => f.rule.startsWith('registry.') || f.rule.startsWith('config.'),
    );
    expect(registry.map((f) => [f.rule, f.severity, f.subject])).toEqual(
      expect.arrayContaining([
        ['config.topic-missing', 'critical', `topic ${missingTopic}`],
        ['registry.missing-subject', 'critical', `subject ${missingTopic}-value`],
      ]),
    );
    expect(registry.filter((f) => f.subject === `subject ${plain}-value`)).toEqual([]);
    expect([report.level, code]).toEqual(['critical', 4]);
  });
});
