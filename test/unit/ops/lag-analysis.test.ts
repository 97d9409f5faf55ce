import type { GroupSnapshot, PartitionOffsets } from '../../../src/ops/group-snapshot';
import { analyzeLag, CommitHistory, type LagAnalysis } from '../../../src/ops/lag-analysis';
import { formatLag, lagFrame, LEVEL_EXIT_CODES } from '../../../codegen/ops/lag-format';

function part(
  partition: number,
  committed: string | null,
  high: string,
  memberId: string | null = null,
): PartitionOffsets {
  return { topic: 'orders', partition, committed, low: '0', high, memberId };
}

function snap(takenAt: number, partitions: PartitionOffsets[], groupId = 'g1'): GroupSnapshot {
  return {
    groupId,
    state: 'Stable',
    members: [
      { memberId: 'm-a', clientId: 'svc-a', host: '/10.0.0.1' },
      { memberId: 'm-b', clientId: 'svc-b', host: '/10.0.0.2' },
    ],
    partitions,
    takenAt,
  };
}

/** Records the snapshots in order and analyses the last one. */
function analyse(snapshots: GroupSnapshot[], stuckAfterMs?: number): LagAnalysis {
  const history = new CommitHistory();
  let previous: GroupSnapshot | undefined;
  let last: GroupSnapshot | undefined;
  for (const s of snapshots) {
    previous = history.record(s);
    last = s;
  }
  return analyzeLag([last!], history, () => previous, {
    thresholds: { warning: 100, critical: 1000 },
    ...(stuckAfterMs !== undefined ? { stuckAfterMs } : {}),
  });
}

describe('analyzeLag', () => {
  it('sums lag per group and member and classifies the total against the thresholds', () => {
    const a = analyse([
      snap(0, [part(0, '10', '50', 'm-a'), part(1, '0', '30', 'm-b'), part(2, '5', '5', 'm-b')]),
    ]);
    const g = a.groups[0]!;
    expect(g.partitions.map((p) => p.lag)).toEqual([40, 30, 0]);
    expect([g.total, g.max, g.level]).toEqual([70, 40, 'healthy']);
    expect(g.members.map((m) => [m.memberId, m.partitions, m.lag])).toEqual([
      ['m-a', 1, 40],
      ['m-b', 2, 30],
    ]);
    expect(analyse([snap(0, [part(0, '0', '100')])]).level).toBe('warning');
    expect(analyse([snap(0, [part(0, '0', '999')])]).level).toBe('warning');
    expect(analyse([snap(0, [part(0, '0', '1000')])]).level).toBe('critical');
  });

  it('counts a partition without a committed offset from the log start', () => {
    const g = analyse([snap(0, [{ ...part(0, null, '70'), low: '20' }])]).groups[0]!;
    expect([g.total, g.uncommitted, g.partitions[0]!.committed]).toEqual([50, 1, null]);
  });

  it('marks lag whose committed offset has not moved for stuck-after as stuck, and at least a warning', () => {
    const stuck = analyse([snap(0, [part(0, '10', '20')]), snap(5000, [part(0, '10', '25')])], 5000);
    expect(stuck.groups[0]!.partitions[0]!.stuck).toBe(true);
    expect([stuck.groups[0]!.stuck, stuck.level]).toEqual([1, 'warning']);
    // Moved, too soon, or no lag: not stuck.
    expect(
      analyse([snap(0, [part(0, '10', '20')]), snap(5000, [part(0, '11', '25')])], 5000).groups[0]!.stuck,
    ).toBe(0);
    expect(
      analyse([snap(0, [part(0, '10', '20')]), snap(4999, [part(0, '10', '25')])], 5000).groups[0]!.stuck,
    ).toBe(0);
    expect(
      analyse([snap(0, [part(0, '10', '10')]), snap(9000, [part(0, '10', '10')])], 5000).groups[0]!.stuck,
    ).toBe(0);
    // Without a stuck-after, nothing is ever stuck.
    expect(
      analyse([snap(0, [part(0, '10', '20')]), snap(9000, [part(0, '10', '20')])]).groups[0]!.stuck,
    ).toBe(0);
  });

  it('reports the trend between two passes: lag delta and records/s consumed and produced', () => {
    const t = analyse([snap(0, [part(0, '100', '200')]), snap(2000, [part(0, '160', '220')])]).groups[0]!
      .trend!;
    expect(t).toEqual({
      seconds: 2,
      lagDelta: -40,
      direction: 'shrinking',
      consumedPerSecond: 30,
      producedPerSecond: 10,
    });
    expect(analyse([snap(0, [part(0, '100', '200')])]).groups[0]!.trend).toBeNull();
    const growing = analyse([snap(0, [part(0, '100', '200')]), snap(1000, [part(0, '100', '300')])])
      .groups[0]!.trend!;
    expect([growing.direction, growing.lagDelta]).toEqual(['growing', 100]);
  });

  it('keeps offsets beyond 2^53 exact while computing lag', () => {
    const g = analyse([snap(0, [part(0, '9007199254740993', '9007199254741000')])]).groups[0]!;
    expect(g.total).toBe(7);
  });

  it('is healthy with no groups', () => {
    const a = analyzeLag([], new CommitHistory(), () => undefined);
    expect([a.level, a.groups.length]).toEqual(['healthy', 0]);
  });
});

describe('lag formats', () => {
  const critical = analyse([snap(0, [part(0, '0', '5000', 'm-a'), part(1, null, '10')])]);
  const healthy = analyse([snap(0, [part(0, '5', '5', 'm-a')], 'ok-group')]);

  it('maps levels to the documented exit codes', () => {
    expect(LEVEL_EXIT_CODES).toEqual({ healthy: 0, warning: 3, critical: 4 });
  });

  it('table: group summary, one row per partition, members', () => {
    expect(formatLag(critical, 'table')).toMatchInlineSnapshot(`
"group g1 [Stable]: CRITICAL  total lag 5010, max 5000, 2 partitions, 1 without commit, 0 stuck
  TOPIC   PARTITION  COMMITTED  END   LAG   MEMBER  NOTE
  orders  0          0          5000  5000  m-a
  orders  1          -          10    10    -       no commit
  members:
    MEMBER  CLIENT  HOST       PARTITIONS  LAG
    m-a     svc-a   /10.0.0.1  1           5000
    m-b     svc-b   /10.0.0.2  0           0"
`);
  });

  it('json round-trips the analysis', () => {
    expect(JSON.parse(formatLag(critical, 'json'))).toEqual(JSON.parse(JSON.stringify(critical)));
  });

  it('github: an error annotation for a critical group, a notice for a healthy one', () => {
    expect(formatLag(critical, 'github')).toBe(
      '::error title=kgen lag g1::group g1 is critical%3A total lag 5010 (warn 100%2C critical 1000)%2C max 5000%2C 0 stuck%2C 1 without commit',
    );
    expect(formatLag(healthy, 'github')).toMatch(/^::notice title=kgen lag ok-group::/);
  });

  it('junit: a failure per unhealthy group', () => {
    const xml = formatLag(critical, 'junit');
    expect(xml).toContain('<testsuite name="kgen lag" tests="1" failures="1">');
    expect(xml).toContain('<failure type="critical" message="critical: total lag 5010, max 5000, 0 stuck"/>');
    expect(formatLag(healthy, 'junit')).toContain('failures="0"');
  });

  it('redraws in place only for a table on a TTY in watch mode', () => {
    expect(
      lagFrame(critical, 'table', true).startsWith(
        '\x1b[2J\x1b[H1970-01-01T00:00:00.000Z  kgen lag (Ctrl-C to stop)\n\ngroup g1',
      ),
    ).toBe(true);
    expect(lagFrame(critical, 'table', false)).toBe(formatLag(critical, 'table'));
    expect(lagFrame(critical, 'json', true)).toBe(formatLag(critical, 'json'));
  });
});
