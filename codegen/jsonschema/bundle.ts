import type { DocumentSet, JsonDocument, SchemaLocation } from './documents';

// Values that are data, not subschemas: a `$ref` inside them is not a reference.
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples']);

/** The `$defs` key of an embedded file: its path with `:` for `/`, so pointers to it need no `~1`. */
function keyOf(doc: JsonDocument): string {
  return doc.source.path.replace(/\//g, ':');
}

function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * A local schema file that `$ref`s other files, made self-contained (what its descriptor carries, so the
 * runtime needs no references): every document it reaches is embedded under `$defs` (`definitions` in draft
 * 7) keyed by its path (`/` written `:`), without its `$id`/`$schema`, and every `$ref` is rewritten to a local pointer.
 */
export function bundle(root: JsonDocument, set: DocumentSet): unknown {
  const container = root.draft === 'draft-07' ? 'definitions' : '$defs';
  const embedded = new Map<JsonDocument, unknown>();
  const pointerOf = (target: SchemaLocation): string =>
    target.doc === root
      ? `#${target.pointer}`
      : `#/${container}/${escape(keyOf(target.doc))}${target.pointer}`;
  const rewrite = (node: unknown, at: SchemaLocation): unknown => {
    if (Array.isArray(node))
      return node.map((v, i) => rewrite(v, { doc: at.doc, pointer: `${at.pointer}/${i}` }));
    if (typeof node !== 'object' || node === null) return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
      if (k === '$ref' && typeof v === 'string') {
        const target = set.resolve(v, at);
        if (target.doc !== root && !embedded.has(target.doc)) {
          embedded.set(target.doc, undefined); // claimed before the walk: cycles end here
          embedded.set(target.doc, embed(target.doc));
        }
        out[k] = pointerOf(target);
      } else
        out[k] = DATA_KEYWORDS.has(k)
          ? v
          : rewrite(v, { doc: at.doc, pointer: `${at.pointer}/${escape(k)}` });
    }
    return out;
  };
  const embed = (doc: JsonDocument): unknown => {
    const copy = rewrite(doc.root, { doc, pointer: '' });
    if (typeof copy !== 'object' || copy === null) return copy;
    const { $id: _id, $schema: _schema, ...rest } = copy as Record<string, unknown>;
    return rest;
  };
  const main = rewrite(root.root, { doc: root, pointer: '' });
  if (embedded.size === 0 || typeof main !== 'object' || main === null) return main;
  const defs = { ...((main as Record<string, unknown>)[container] as Record<string, unknown> | undefined) };
  for (const [doc, schema] of [...embedded].sort(([a], [b]) => (a.source.path < b.source.path ? -1 : 1)))
    defs[keyOf(doc)] = schema;
  return { ...(main as Record<string, unknown>), [container]: defs };
}
