import type { CompatReport } from '../types';
import { reportGithub } from './report-github';
import { reportJson } from './report-json';
import { reportJunit } from './report-junit';
import { reportText } from './report-text';

export type ReportFormat = 'text' | 'json' | 'github' | 'junit';
export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'json', 'github', 'junit'];

export interface ReportOptions {
  /** ANSI colours in text output (the CLI turns them on when stdout is a TTY). */
  readonly color?: boolean;
  /** Files that were checked (JUnit lists passing ones too; text prints the count). */
  readonly files?: readonly string[];
}

export function formatReport(
  report: CompatReport,
  format: ReportFormat,
  options: ReportOptions = {},
): string {
  switch (format) {
    case 'json':
      return reportJson(report);
    case 'github':
      return reportGithub(report);
    case 'junit':
      return reportJunit(report, options.files ?? []);
    default:
      return reportText(report, {
        ...(options.color !== undefined ? { color: options.color } : {}),
        ...(options.files ? { checked: options.files.length } : {}),
      });
  }
}
