import type { CodegenError } from '../../errors';
import type { CompatReport } from '../types';

/** Workflow-command escaping (GitHub Actions): `%`, CR, LF in data; also `:` and `,` in properties. */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** GitHub Actions annotations: `::error file=...,line=...,title=RULE::path: message`, one per finding. */
export function reportGithub(report: CompatReport): string {
  const lines = report.findings.map((f) => {
    const props = [`file=${escapeProperty(f.file)}`];
    if (f.line !== undefined) props.push(`line=${f.line}`);
    props.push(`title=${escapeProperty(f.rule)}`);
    return `::${f.level === 'error' ? 'error' : 'warning'} ${props.join(',')}::${escapeData(`${f.path}: ${f.message}`)}`;
  });
  const errors = report.findings.filter((f) => f.level === 'error').length;
  lines.push(`kgen check: ${report.compatible ? 'compatible' : 'INCOMPATIBLE'} (${errors} error(s))`);
  return `${lines.join('\n')}\n`;
}

/** A bad-input error (exit 2) as one `::error` annotation on the file it names. */
export function githubErrorAnnotation(err: CodegenError): string {
  const l = err.location;
  const props = [
    ...(l.file ? [`file=${escapeProperty(l.file)}`] : []),
    ...(l.line !== undefined ? [`line=${l.line}`] : []),
    `title=${escapeProperty(err.code)}`,
  ];
  return `::error ${props.join(',')}::${escapeData(err.format())}`;
}
