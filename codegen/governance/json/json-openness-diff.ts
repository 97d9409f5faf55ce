import { resolve, type DiffContext } from './json-diff-context';
import type { JsonSchemaNode } from './json-schema-model';

/**
 * `additionalProperties`/`additionalItems`: becoming allowed is compatible, becoming forbidden is not; a
 * schema appearing narrows, disappearing extends; two schemas are compared.
 */
export function compareOpenness(
  at: DiffContext,
  writer: boolean | JsonSchemaNode,
  reader: boolean | JsonSchemaNode,
  prefix: 'ADDITIONAL_PROPERTIES' | 'ADDITIONAL_ITEMS',
): void {
  const permits = (v: boolean | JsonSchemaNode): boolean => v !== false;
  if (permits(writer) !== permits(reader))
    return at.add(permits(reader) ? `${prefix}_ADDED` : `${prefix}_REMOVED`);
  if (writer === true && typeof reader === 'object') return at.add(`${prefix}_NARROWED`);
  if (typeof writer === 'object' && reader === true) return at.add(`${prefix}_EXTENDED`);
  if (typeof writer === 'object' && typeof reader === 'object') at.compare(writer, reader);
}

/**
 * `unevaluatedProperties`/`unevaluatedItems` (2019-09+): absent or `true` accepts everything, `false` nothing.
 */
export function compareUnevaluatedAt(
  at: DiffContext,
  writer: JsonSchemaNode | undefined,
  reader: JsonSchemaNode | undefined,
  prefix: 'UNEVALUATED_PROPERTIES' | 'UNEVALUATED_ITEMS',
): void {
  if (writer === undefined && reader === undefined) return;
  const kind = (n: JsonSchemaNode | undefined): string => (n === undefined ? 'absent' : resolve(n).kind);
  const w = kind(writer);
  const r = kind(reader);
  if (w === 'absent') return at.add(r === 'false' ? `${prefix}_REMOVED` : `${prefix}_NARROWED`);
  if (r === 'absent') return at.add(w === 'false' ? `${prefix}_ADDED` : `${prefix}_EXTENDED`);
  if (w === 'false' && r !== 'false') return at.add(`${prefix}_ADDED`);
  if (w !== 'false' && r === 'false') return at.add(`${prefix}_REMOVED`);
  if (w === 'true' && r !== 'true') return at.add(`${prefix}_NARROWED`);
  if (w !== 'true' && r === 'true') return at.add(`${prefix}_EXTENDED`);
  at.compare(writer, reader);
}
