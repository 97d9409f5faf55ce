import { posix } from 'node:path';

/** Every `$ref` string in a JSON document (values of `enum`/`const`/`default`/`examples` are data, not schemas). */
function refsIn(node: unknown, out: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) refsIn(item, out);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') out.add(value);
    else if (key !== 'enum' && key !== 'const' && key !== 'default' && key !== 'examples') refsIn(value, out);
  }
}

/**
 * Sibling files a JSON Schema file refers to, as `[the $ref's document part, file]`: a `$ref` to
 * `address.json#/$defs/Street` from `orders/order.json` names `orders/address.json` (relative to the referring
 * file) or `address.json` (relative to the folder). Unparsable text gives none: the parser reports it.
 */
export function jsonSchemaFileRefs(
  file: string,
  text: string,
  files: ReadonlySet<string>,
): Array<[string, string]> {
  let doc: unknown;
  try {
    doc = JSON.parse(text) as unknown;
  } catch {
    return [];
  }
  const refs = new Set<string>();
  refsIn(doc, refs);
  const out = new Map<string, string>();
  for (const ref of refs) {
    const base = ref.split('#')[0] ?? '';
    if (base === '' || /^[a-z][a-z0-9+.-]*:/i.test(base)) continue;
    const nearby = posix.normalize(posix.join(posix.dirname(file), base));
    const target = files.has(nearby)
      ? nearby
      : files.has(posix.normalize(base))
        ? posix.normalize(base)
        : undefined;
    if (target !== undefined && target !== file) out.set(base, target);
  }
  return [...out];
}

/**
 * Whether a `$ref`'s document part names the document called `name` (a registry reference name, or a sibling
 * file's path): equal, equal without a leading `./`, or the path's tail (`address.json` for
 * `orders/address.json`).
 */
export function refNamesDocument(base: string, name: string): boolean {
  const clean = (s: string): string => s.replace(/^\.\//, '');
  const b = clean(base);
  const n = clean(name);
  return b === n || n.endsWith(`/${b}`);
}
