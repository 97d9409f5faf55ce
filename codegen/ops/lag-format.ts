import type { GroupLag, LagAnalysis } from '../../src/ops/lag-analysis';
import type { LagLevel } from '../../src/consumer/lag';
import { escapeGithub, padColumns, xmlEscape } from './text-output';

/** Output formats of `kgen lag`. */
export const LAG_FORMATS = ['table', 'json', 'github', 'junit'] as const;
export type LagFormat = (typeof LAG_FORMATS)[number];

/** Exit codes a monitor acts on: they do not clash with 1 (check failed) and 2 (bad input). */
export const LEVEL_EXIT_CODES: Record<LagLevel, number> = { healthy: 0, warning: 3, critical: 4 };

/** Renders one pass in `format`. */
export function formatLag(analysis: LagAnalysis, format: LagFormat): string {
  switch (format) {
    case 'json':
      return JSON.stringify(analysis);
    case 'github':
      return lagGithub(analysis);
    case 'junit':
      return lagJunit(analysis);
    case 'table':
      return lagTable(analysis);
  }
}

/**
 * One pass as printed: on a TTY in `--watch` a table redraws in place (clear screen, timestamped title);
 * otherwise each pass is printed after the last, so logs and pipes keep every pass.
 */
export function lagFrame(analysis: LagAnalysis, format: LagFormat, redraw: boolean): string {
  const text = formatLag(analysis, format);
  if (!redraw || format !== 'table') return text;
  return `\x1b[2J\x1b[H${new Date(analysis.takenAt).toISOString()}  kgen lag (Ctrl-C to stop)\n\n${text}`;
}

function trendLine(g: GroupLag): string {
  if (!g.trend) return '';
  const t = g.trend;
  const sign = t.lagDelta > 0 ? '+' : '';
  return `  trend: ${t.direction} (${sign}${t.lagDelta} in ${t.seconds.toFixed(1)} s), consumed ${t.consumedPerSecond.toFixed(1)} rec/s, produced ${t.producedPerSecond.toFixed(1)} rec/s`;
}

/** Human-readable: one block per group (summary, partitions, members). */
export function lagTable(analysis: LagAnalysis): string {
  if (analysis.groups.length === 0) return 'no consumer groups';
  const blocks = analysis.groups.map((g) => {
    const head = `group ${g.groupId} [${g.state}]: ${g.level.toUpperCase()}  total lag ${g.total}, max ${g.max}, ${g.partitions.length} partitions, ${g.uncommitted} without commit, ${g.stuck} stuck`;
    const rows = [
      ['TOPIC', 'PARTITION', 'COMMITTED', 'END', 'LAG', 'MEMBER', 'NOTE'],
      ...g.partitions.map((p) => [
        p.topic,
        String(p.partition),
        p.committed ?? '-',
        p.high,
        String(p.lag),
        p.memberId ?? '-',
        [p.committed === null ? 'no commit' : '', p.stuck ? 'STUCK' : ''].filter(Boolean).join(', '),
      ]),
    ];
    const members =
      g.members.length === 0
        ? ['  members: none']
        : [
            '  members:',
            ...padColumns([
              ['MEMBER', 'CLIENT', 'HOST', 'PARTITIONS', 'LAG'],
              ...g.members.map((m) => [m.memberId, m.clientId, m.host, String(m.partitions), String(m.lag)]),
            ]).map((l) => `    ${l}`),
          ];
    const trend = trendLine(g);
    return [head, ...(trend ? [trend] : []), ...padColumns(rows).map((l) => `  ${l}`), ...members].join('\n');
  });
  return blocks.join('\n\n');
}

/** GitHub workflow commands: a warning or error annotation per unhealthy group, a notice per healthy one. */
export function lagGithub(analysis: LagAnalysis): string {
  return analysis.groups
    .map((g) => {
      const kind = g.level === 'critical' ? 'error' : g.level === 'warning' ? 'warning' : 'notice';
      const msg = `group ${g.groupId} is ${g.level}: total lag ${g.total} (warn ${analysis.thresholds.warning}, critical ${analysis.thresholds.critical}), max ${g.max}, ${g.stuck} stuck, ${g.uncommitted} without commit`;
      return `::${kind} title=kgen lag ${escapeGithub(g.groupId)}::${escapeGithub(msg)}`;
    })
    .join('\n');
}

/** JUnit XML: one test case per group, failed when the group is not healthy. */
export function lagJunit(analysis: LagAnalysis): string {
  const failures = analysis.groups.filter((g) => g.level !== 'healthy').length;
  const cases = analysis.groups.map((g) => {
    const open = `  <testcase classname="kgen.lag" name="${xmlEscape(g.groupId)}">`;
    if (g.level === 'healthy') return `${open}</testcase>`;
    const msg = `${g.level}: total lag ${g.total}, max ${g.max}, ${g.stuck} stuck`;
    return `${open}\n    <failure type="${g.level}" message="${xmlEscape(msg)}"/>\n  </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuite name="kgen lag" tests="${analysis.groups.length}" failures="${failures}">`,
    ...cases,
    '</testsuite>',
  ].join('\n');
}
