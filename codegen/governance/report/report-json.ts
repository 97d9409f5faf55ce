import type { CompatReport } from '../types';

/** Exactly one JSON object: `{"compatible": boolean, "findings": [{rule, level, file, path, message}]}`. */
export function reportJson(report: CompatReport): string {
  return `${JSON.stringify({
    compatible: report.compatible,
    findings: report.findings.map((f) => ({
      rule: f.rule,
      level: f.level,
      file: f.file,
      path: f.path,
      message: f.message,
    })),
  })}\n`;
}
