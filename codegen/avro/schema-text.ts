import { qualify } from './build-model';
import type { NamedDef } from './schema-model';

const PRIMITIVE = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);
const NAMED = new Set(['record', 'error', 'enum', 'fixed']);

/**
 * `json` made self-contained: every named type it uses but does not define (types of other files) is
 * inlined at its first use, depth first, so the schema parses on its own and each name is defined once.
 */
export function selfContained(
  json: unknown,
  namespace: string,
  named: ReadonlyMap<string, NamedDef>,
): unknown {
  const defined = new Set<string>();
  const walk = (node: unknown, ns: string): unknown => {
    if (typeof node === 'string') {
      if (PRIMITIVE.has(node)) return node;
      const full = qualify(node, ns);
      if (defined.has(full)) return node;
      const def = named.get(full);
      return def ? walk(def.json, ns) : node;
    }
    if (Array.isArray(node)) return node.map((b) => walk(b, ns));
    if (typeof node !== 'object' || node === null) return node;
    const obj = node as Record<string, unknown>;
    let inner = ns;
    if (typeof obj['type'] === 'string' && NAMED.has(obj['type']) && typeof obj['name'] === 'string') {
      const explicit = typeof obj['namespace'] === 'string' ? obj['namespace'] : ns;
      const full = obj['name'].includes('.') ? obj['name'] : qualify(obj['name'], explicit);
      defined.add(full);
      inner = full.includes('.') ? full.slice(0, full.lastIndexOf('.')) : '';
    }
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(obj)) {
      if (key === 'items' || key === 'values') out[key] = walk(value, inner);
      else if (key === 'fields' && Array.isArray(value)) {
        out[key] = value.map((f: unknown) =>
          typeof f === 'object' && f !== null
            ? { ...f, type: walk((f as Record<string, unknown>)['type'], inner) }
            : f,
        );
      } else if (key === '__proto__') {
        // An attribute of that name is data; assigning it would set the object's prototype instead.
        Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      } else out[key] = value;
    }
    return out;
  };
  return walk(json, namespace);
}
