import type { SchemaFormat } from './types';

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Best-effort 1-based line of the element a finding path ends with (`a.b.email` → the line declaring
 * `email`), for editor and GitHub annotations. Undefined when the text does not mention it.
 */
export function findLine(text: string, format: SchemaFormat, path: string): number | undefined {
  const last =
    path
      .replace(/(\[\]|\{\}|<\d+>)+$/, '')
      .split('.')
      .pop() ?? '';
  if (!last) return undefined;
  const name = escape(last);
  const patterns =
    format === 'AVRO'
      ? [new RegExp(`"name"\\s*:\\s*"${name}"`), new RegExp(`"${name}"`)]
      : [
          new RegExp(`\\b${name}\\s*=\\s*\\d+`),
          new RegExp(`\\b(?:message|enum)\\s+${name}\\b`),
          new RegExp(`\\bpackage\\s+${name}\\b`),
        ];
  const lines = text.split('\n');
  for (const re of patterns) {
    const i = lines.findIndex((l) => re.test(l));
    if (i >= 0) return i + 1;
  }
  return undefined;
}
