import type { CompatReport } from '../types';

const paint = (on: boolean, code: number, s: string): string => (on ? `\u001b[${code}m${s}\u001b[0m` : s);

/** Human output: one line per finding (`file:line  error  RULE  path  message`) and a summary line. */
export function reportText(
  report: CompatReport,
  options: { color?: boolean; checked?: number } = {},
): string {
  const color = options.color === true;
  const lines = report.findings.map((f) => {
    const where = f.line !== undefined ? `${f.file}:${f.line}` : f.file;
    const level = f.level === 'error' ? paint(color, 31, 'error  ') : paint(color, 33, 'warning');
    return `${where}  ${level}  ${paint(color, 1, f.rule)}  ${f.path}  ${f.message}`;
  });
  const errors = report.findings.filter((f) => f.level === 'error').length;
  const warnings = report.findings.length - errors;
  const checked = options.checked !== undefined ? `${options.checked} schema(s) checked, ` : '';
  const verdict = report.compatible ? paint(color, 32, 'compatible') : paint(color, 31, 'INCOMPATIBLE');
  lines.push(`${verdict}: ${checked}${errors} error(s), ${warnings} warning(s)`);
  return `${lines.join('\n')}\n`;
}
