import { createClient, defineTopics, stringSerde } from 'kgen';
import { runLag, type LagArgs } from '../../../codegen/cli/lag';
import { runInProcess, type CommandRun } from '../../helpers/command-run';
import type { LagAnalysis } from '../../../src/ops/lag-analysis';
import { stackEnv, uniqueName } from '../../helpers/stack-env';
import { createTopic } from '../sdk/fixtures';

jest.setTimeout(120_000);

const until = async (what: string, check: () => boolean, timeoutMs = 45_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

/** Runs `kgen lag` in-process; returns its exit code, stdout and stderr. */
function lag(args: LagArgs): Promise<CommandRun> {
  return runInProcess((io) =>
    runLag({ brokers: stackEnv().brokers, ...args }, io, { tty: false, stopSignal: new Promise(() => {}) }),
  );
}

describe('kgen lag on the real stack', () => {
  const { brokers, registryUrl } = stackEnv();
  const N = 120;
  const M = 45;
  const topic = uniqueName('ops-lag');
  const topics = defineTopics({ [topic]: { key: stringSerde, value: stringSerde } } as const);
  const kafka = createClient({ brokers, registry: { url: registryUrl }, topics });
  const committedGroup = uniqueName('g-lag-committed');

  beforeAll(async () => {
    await createTopic(brokers, topic, 1);
    const producer = await kafka.producer();
    await producer.send(
      topic,
      Array.from({ length: N }, (_, i) => ({ key: `k${i}`, value: String(i) })),
    );
    await producer.disconnect();

    // A kgen consumer reads M records, commits exactly past the M-th, and stops.
    const consumer = await kafka.consumer({
      groupId: committedGroup,
      topics: [topic],
      fromBeginning: true,
      autoCommit: false,
    });
    let seen = 0;
    let committed = false;
    await consumer.run({
      eachMessage: async (m) => {
        seen++;
        if (seen === M) {
          await consumer.commitOffsets([
            { topic, partition: m.partition, offset: String(Number(m.offset) + 1) },
          ]);
          committed = true;
        }
      },
    });
    await until(`${M} records consumed and committed`, () => committed);
    await consumer.disconnect();
  });

  it('reports exactly N - M for a group that committed M of N, healthy by default (exit 0)', async () => {
    const { code, out } = await lag({ group: [committedGroup], format: 'json' });
    const analysis = JSON.parse(out) as LagAnalysis;
    const g = analysis.groups[0]!;
    expect(g.partitions).toEqual([
      {
        topic,
        partition: 0,
        committed: String(M),
        high: String(N),
        lag: N - M,
        memberId: null,
        stuck: false,
      },
    ]);
    expect([g.total, g.max, g.uncommitted, g.level, code]).toEqual([N - M, N - M, 0, 'healthy', 0]);
  });

  it('classifies by the thresholds: warning exits 3, critical exits 4', async () => {
    expect((await lag({ group: [committedGroup], warn: 50, critical: 1000 })).code).toBe(3);
    const critical = await lag({ group: [committedGroup], warn: 10, critical: N - M });
    expect(critical.code).toBe(4);
    expect(critical.out).toContain(`group ${committedGroup} [Empty]: CRITICAL  total lag ${N - M}`);
  });

  it('flags the partition as stuck when its committed offset does not move over --stuck-after (warning, exit 3)', async () => {
    const { code, out } = await lag({ group: [committedGroup], stuckAfter: '1s', format: 'json' });
    const g = (JSON.parse(out) as LagAnalysis).groups[0]!;
    expect([g.stuck, g.partitions[0]!.stuck, g.level, code]).toEqual([1, true, 'warning', 3]);
    expect(g.trend).toMatchObject({ direction: 'steady', lagDelta: 0, consumedPerSecond: 0 });
  });

  it('a live group without commits: every partition uncommitted, lag from the log start, carried by its member', async () => {
    const groupId = uniqueName('g-lag-nocommit');
    const consumer = await kafka.consumer({
      groupId,
      topics: [topic],
      fromBeginning: true,
      autoCommit: false,
    });
    let seen = 0;
    await consumer.run({
      eachMessage: async () => {
        seen++;
      },
    });
    try {
      await until('the member to read the topic', () => seen >= N);
      const { code, out } = await lag({ group: [groupId], format: 'json' });
      const g = (JSON.parse(out) as LagAnalysis).groups[0]!;
      expect([g.state, g.total, g.uncommitted, code]).toEqual(['Stable', N, 1, 0]);
      expect(g.partitions[0]!.committed).toBeNull();
      expect(g.members).toHaveLength(1);
      expect(g.members[0]).toMatchObject({ partitions: 1, lag: N });
      expect(g.partitions[0]!.memberId).toBe(g.members[0]!.memberId);
    } finally {
      await consumer.disconnect();
    }
  });

  it('--watch prints one block per pass with the trend when not a TTY', async () => {
    const { code, out } = await lag({ group: [committedGroup], watch: '300ms', count: 2 });
    expect(code).toBe(3); // the second pass sees the offset unmoved for the watch interval: stuck
    expect(out.match(/^group /gm)).toHaveLength(2);
    expect(out).toContain('trend: steady (0 in');
    expect(out).not.toContain('\x1b[2J');
  });

  it('an unknown group is bad input naming it (exit 2)', async () => {
    const missing = uniqueName('g-missing');
    const { code, err } = await lag({ group: [missing] });
    expect(code).toBe(2);
    expect(err).toContain(`consumer group "${missing}" does not exist`);
  });

  it('an unknown topic is bad input naming it (exit 2)', async () => {
    const missing = uniqueName('no-such-topic');
    const { code, err } = await lag({ group: [committedGroup], topic: [missing] });
    expect(code).toBe(2);
    expect(err).toContain(`topic "${missing}"`);
  });

  it('an unreachable cluster is exit 2 within the timeout', async () => {
    const started = Date.now();
    const { code, err } = await lag({ brokers: '127.0.0.1:1', group: [committedGroup] });
    expect(code).toBe(2);
    expect(err).toContain('cannot reach the Kafka cluster at 127.0.0.1:1');
    expect(Date.now() - started).toBeLessThan(60_000);
  });
});
