import { resolve, type DiffContext } from './json-diff-context';
import type { ArrayNode, JsonSchemaNode } from './json-schema-model';
import { compareOpenness, compareUnevaluatedAt } from './json-openness-diff';
import { boundRules, compareBound } from './json-scalar-diff';

/** Open: items past the positional ones may be anything (the array twin of an open object). */
function isOpen(a: ArrayNode): boolean {
  if (a.additional !== true) return false;
  return a.unevaluated === undefined || resolve(a.unevaluated).kind === 'true';
}

/** The schema a partially open array gives items past the positional ones, if any. */
function partialSchema(a: ArrayNode): JsonSchemaNode | undefined {
  if (typeof a.additional === 'object') return a.additional;
  if (a.additional === true && a.unevaluated !== undefined) {
    const kind = resolve(a.unevaluated).kind;
    if (kind !== 'false' && kind !== 'true') return a.unevaluated;
  }
  return undefined;
}

export function compareArray(ctx: DiffContext, writer: ArrayNode, reader: ArrayNode): void {
  ctx.at('items').compare(writer.allItems, reader.allItems);
  compareTuple(ctx, writer, reader);
  compareOpenness(ctx.at('additionalItems'), writer.additional, reader.additional, 'ADDITIONAL_ITEMS');
  compareUnevaluatedAt(
    ctx.at('unevaluatedItems'),
    writer.unevaluated,
    reader.unevaluated,
    'UNEVALUATED_ITEMS',
  );
  compareBound(ctx, 'maxItems', writer.maxItems, reader.maxItems, boundRules('MAX_ITEMS'));
  compareBound(ctx, 'minItems', writer.minItems, reader.minItems, boundRules('MIN_ITEMS'));
  if (writer.uniqueItems !== reader.uniqueItems)
    ctx.add(writer.uniqueItems ? 'UNIQUE_ITEMS_REMOVED' : 'UNIQUE_ITEMS_ADDED', 'uniqueItems');
}

/** Positional items (`items: [...]` / `prefixItems`): shared positions compare; extra ones follow the content model. */
function compareTuple(ctx: DiffContext, writer: ArrayNode, reader: ArrayNode): void {
  const shared = Math.min(writer.itemList.length, reader.itemList.length);
  for (let i = 0; i < shared; i++) ctx.at('items', String(i)).compare(writer.itemList[i], reader.itemList[i]);
  for (let i = shared; i < writer.itemList.length; i++) {
    const at = ctx.at('items', String(i));
    const written = writer.itemList[i] as JsonSchemaNode;
    if (isOpen(reader)) {
      at.add('ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL');
      continue;
    }
    const partial = partialSchema(reader);
    if (partial !== undefined) {
      at.covered(written, partial, {
        covered: 'ITEM_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
        notCovered: 'ITEM_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
      });
      continue;
    }
    at.add(
      resolve(written).kind === 'false'
        ? 'ITEM_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL'
        : 'ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL',
    );
  }
  for (let i = shared; i < reader.itemList.length; i++) {
    const at = ctx.at('items', String(i));
    const added = reader.itemList[i] as JsonSchemaNode;
    if (isOpen(writer)) {
      at.add(
        resolve(added).kind === 'true'
          ? 'ITEM_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL'
          : 'ITEM_ADDED_TO_OPEN_CONTENT_MODEL',
      );
      continue;
    }
    const partial = partialSchema(writer);
    if (partial === undefined) {
      at.add('ITEM_ADDED_TO_CLOSED_CONTENT_MODEL');
      continue;
    }
    at.covered(partial, added, {
      covered: 'ITEM_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
      notCovered: 'ITEM_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
    });
  }
}
