import type { DoctorReport } from '../../src/ops/doctor-rules';
import { escapeGithub, padColumns, xmlEscape } from './text-output';

/** Output formats of `kgen doctor`. */
export const DOCTOR_FORMATS = ['table', 'json', 'github', 'junit'] as const;
export type DoctorFormat = (typeof DOCTOR_FORMATS)[number];

/** Renders the report in `format`. */
export function formatDoctor(report: DoctorReport, format: DoctorFormat): string {
  switch (format) {
    case 'json':
      return JSON.stringify(report);
    case 'github':
      return report.findings
        .map((f) => {
          const kind = f.severity === 'critical' ? 'error' : f.severity === 'warning' ? 'warning' : 'notice';
          return `::${kind} title=kgen doctor ${f.rule}::${escapeGithub(`${f.subject}: ${f.message}. Fix: ${f.fix}`)}`;
        })
        .join('\n');
    case 'junit': {
      const failing = report.findings.filter((f) => f.severity !== 'info');
      const cases = failing.map(
        (f) =>
          `  <testcase classname="kgen.doctor.${xmlEscape(f.rule)}" name="${xmlEscape(f.subject)}">\n    <failure type="${f.severity}" message="${xmlEscape(`${f.message}. Fix: ${f.fix}`)}"/>\n  </testcase>`,
      );
      return [
        '<?xml version="1.0" encoding="UTF-8"?>',
        `<testsuite name="kgen doctor" tests="${Math.max(1, cases.length)}" failures="${cases.length}">`,
        ...(cases.length > 0 ? cases : ['  <testcase classname="kgen.doctor" name="cluster"></testcase>']),
        '</testsuite>',
      ].join('\n');
    }
    case 'table':
      return doctorTable(report);
  }
}

function doctorTable(r: DoctorReport): string {
  const head = `cluster ${r.clusterId ?? '?'}: ${r.brokers} broker(s), controller ${r.controllerId}, ${r.topics.length} topic(s): ${r.level.toUpperCase()}`;
  const topics = padColumns([
    ['TOPIC', 'PARTITIONS', 'RF', 'MIN.ISR', 'RETENTION.MS', 'CLEANUP'],
    ...r.topics.map((t) => [
      t.name,
      String(t.partitions),
      String(t.replicationFactor),
      String(t.minInsyncReplicas),
      t.retentionMs ?? '-',
      t.cleanupPolicy,
    ]),
  ]);
  const findings =
    r.findings.length === 0
      ? ['no findings']
      : padColumns([
          ['SEVERITY', 'RULE', 'SUBJECT', 'MESSAGE / FIX'],
          ...r.findings.flatMap((f) => [
            [f.severity.toUpperCase(), f.rule, f.subject, f.message],
            ['', '', '', `fix: ${f.fix}`],
          ]),
        ]);
  return [head, '', ...topics.map((l) => `  ${l}`), '', ...findings.map((l) => `  ${l}`)].join('\n');
}
