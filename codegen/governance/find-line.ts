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
  if (format === 'JSON') return findJsonLine(text, path);
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

/** Keywords whose children are named by the user (a property name, a definition name). */
const NAMED_CHILDREN = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependencies']);

/**
 * JSON Schema: the line declaring the deepest named element of a JSON pointer (`#/properties/a/properties/b`
 * → the line with `"b":`, searched after the line of `"a":`); a removed property falls back to its parent.
 */
function findJsonLine(text: string, pointer: string): number | undefined {
  const segments = pointer.replace(/^#\/?/, '').split('/');
  const lines = text.split('\n');
  let from = 0;
  let found: number | undefined;
  for (let i = 1; i < segments.length; i++) {
    if (!NAMED_CHILDREN.has(segments[i - 1] ?? '')) continue;
    const key = new RegExp(`"${escape(segments[i] ?? '')}"\\s*:`);
    const at = lines.findIndex((l, n) => n >= from && key.test(l));
    if (at < 0) break;
    found = at + 1;
    from = at + 1;
  }
  return found;
}
