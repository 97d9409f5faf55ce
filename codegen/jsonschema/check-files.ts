import type { LocalSchema } from '../governance/schema-set';
import { DocumentSet, parseDocument, type JsonDocument, type SchemaLocation } from './documents';

/** Every `$ref` of a document, with where it sits (data keywords hold values, not subschemas). */
function refsOf(doc: JsonDocument): Array<{ ref: string; at: SchemaLocation }> {
  const out: Array<{ ref: string; at: SchemaLocation }> = [];
  const walk = (node: unknown, pointer: string): void => {
    if (Array.isArray(node)) return node.forEach((v, i) => walk(v, `${pointer}/${i}`));
    if (typeof node !== 'object' || node === null) return;
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
      if (k === '$ref' && typeof v === 'string') out.push({ ref: v, at: { doc, pointer } });
      else if (!['enum', 'const', 'default', 'examples'].includes(k))
        walk(v, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    }
  };
  walk(doc.root, '');
  return out;
}

/**
 * The JSON Schema files of a governed set are valid for their draft and every `$ref` resolves among them
 * (what `kgen register` checks before it writes anything); errors name the file and JSON path.
 */
export function checkJsonSchemas(set: readonly LocalSchema[], display: (file: string) => string): void {
  const documents = set
    .filter((s) => s.format === 'JSON')
    .map((s) => parseDocument({ format: 'JSON', path: display(s.file), text: s.text, references: [] }));
  const documentSet = new DocumentSet(documents);
  for (const doc of documents) for (const { ref, at } of refsOf(doc)) documentSet.resolve(ref, at);
}
