import type { CompatReport, Finding } from '../types';

function xml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * JUnit XML: one test case per checked file (failed when it has errors), findings as failure text;
 * warnings go to `<system-out>` so CI dashboards show them without failing.
 */
export function reportJunit(report: CompatReport, files: readonly string[]): string {
  const byFile = new Map<string, Finding[]>();
  for (const f of [...files, ...report.findings.map((x) => x.file)]) if (!byFile.has(f)) byFile.set(f, []);
  for (const f of report.findings) byFile.get(f.file)?.push(f);
  const line = (f: Finding): string => `${f.rule} ${f.path}: ${f.message}`;
  let failures = 0;
  const cases = [...byFile].map(([file, findings]) => {
    const errors = findings.filter((f) => f.level === 'error');
    const warnings = findings.filter((f) => f.level === 'warning');
    const parts = [`    <testcase classname="kgen.check" name="${xml(file)}">`];
    if (errors.length > 0) {
      failures++;
      parts.push(
        `      <failure message="${xml(`${errors.length} incompatible change(s)`)}" type="incompatible">${xml(errors.map(line).join('\n'))}</failure>`,
      );
    }
    if (warnings.length > 0)
      parts.push(`      <system-out>${xml(warnings.map(line).join('\n'))}</system-out>`);
    parts.push('    </testcase>');
    return parts.join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="kgen check" tests="${byFile.size}" failures="${failures}">`,
    `  <testsuite name="schema compatibility" tests="${byFile.size}" failures="${failures}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
