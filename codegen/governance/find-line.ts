import type { SchemaFormat } from './types';

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Best-effort 1-based line of the element a finding path ends with (`a.b.email` → the line declaring
 * `email`), for editor and GitHub annotations. A removed element is not in the new text, so the search falls
 * back to its parent (the record or message). Undefined when the text mentions none of them.
 */
export function findLine(text: string, format: SchemaFormat, path: string, idl = false): number | undefined {
  const segments = path
    .replace(/(\[\]|\{\}|<\d+>)+/g, '')
    .split('.')
    .filter(Boolean);
  const lines = text.split('\n');
  for (let i = segments.length - 1; i >= 0; i--) {
    const name = escape(segments[i] ?? '');
    const patterns = idl
      ? [new RegExp(`\\b${name}\\s*(?:=[^;]*)?;`), new RegExp(`\\b(?:record|error|enum|fixed)\\s+${name}\\b`)]
      : format === 'AVRO'
        ? [new RegExp(`"name"\\s*:\\s*"${name}"`)]
        : [
            new RegExp(`\\b${name}\\s*=\\s*\\d+`),
            new RegExp(`\\b(?:message|enum)\\s+${name}\\b`),
            new RegExp(`\\bpackage\\s+${name}\\b`),
          ];
    for (const re of patterns) {
      const at = lines.findIndex((l) => re.test(l));
      if (at >= 0) return at + 1;
    }
  }
  return undefined;
}
