import { classifyLag, lagReport } from '../../../src/consumer/lag';

describe('lag', () => {
  it('classifies with healthy < 1k, warning < 10k, critical above, or custom thresholds', () => {
    expect([0, 999, 1000, 9999, 10000, 1e6].map((l) => classifyLag(l))).toEqual([
      'healthy',
      'healthy',
      'warning',
      'warning',
      'critical',
      'critical',
    ]);
    expect(classifyLag(50, { warning: 10, critical: 100 })).toBe('warning');
  });

  it('reports per partition from committed and end offsets; no commit counts from the log start', () => {
    const report = lagReport(
      'g1',
      [
        {
          topic: 't',
          partitions: [
            { partition: 0, offset: '500' },
            { partition: 1, offset: '-1' },
          ],
        },
      ],
      [
        {
          topic: 't',
          partitions: [
            { partition: 1, low: '100', high: '20100' },
            { partition: 0, low: '0', high: '2000' },
          ],
        },
      ],
      { consumed: new Map([['t:0', '800']]) },
    );
    expect(report.partitions).toEqual([
      {
        topic: 't',
        partition: 0,
        committed: '500',
        consumed: '800',
        low: '0',
        high: '2000',
        lag: 1500,
        level: 'warning',
      },
      {
        topic: 't',
        partition: 1,
        committed: null,
        consumed: null,
        low: '100',
        high: '20100',
        lag: 20000,
        level: 'critical',
      },
    ]);
    expect(report.total).toBe(21500);
    expect(report.level).toBe('critical');
    expect(lagReport('g', [], []).level).toBe('healthy');
  });
});
