import { CodegenError } from '../errors';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Parses `500ms`, `5s`, `2m`, `1h` or a plain number of seconds into milliseconds. */
export function parseDuration(flag: string, value: string | number): number {
  const text = String(value).trim();
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text);
  if (!match) {
    throw new CodegenError(
      'BAD_FLAG',
      `--${flag} expects a duration like 500ms, 5s, 2m or 1h, got "${text}"`,
    );
  }
  const ms = Number(match[1]) * (UNITS[match[2] ?? 's'] ?? 1000);
  if (ms <= 0) throw new CodegenError('BAD_FLAG', `--${flag} must be greater than zero, got "${text}"`);
  return ms;
}
