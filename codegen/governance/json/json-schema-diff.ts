import { CodegenError } from '../../errors';
import { compareArray } from './json-array-diff';
import { DiffContext, type JsonDifference } from './json-diff-context';
import type { CombinedNode, JsonSchemaNode } from './json-schema-model';
import { compareObject } from './json-object-diff';
import { compareConst, compareEnum, compareNot, compareNumber, compareString } from './json-scalar-diff';

/**
 * Every difference between the schema data was written with and the schema reading it, compatible or not,
 * with paths from the root (`['properties', 'email', 'maxLength']`).
 */
export function diffJsonSchemas(writer: JsonSchemaNode, reader: JsonSchemaNode): JsonDifference[] {
  try {
    return DiffContext.run(compareTypes, (ctx) => ctx.compare(writer, reader));
  } catch (err) {
    // Definitions that all refer to one another through many oneOf/anyOf branches make the walk of (old, new)
    // pairs deeper than the stack: say so instead of crashing.
    if (err instanceof RangeError)
      throw new CodegenError(
        'SCHEMA_TOO_COMPLEX',
        'the JSON Schema is too deeply recursive to compare (definitions referring to one another through many oneOf/anyOf branches)',
      );
    throw err;
  }
}

/** Tries `compare` in a sub-context and keeps its differences only when they are all compatible. */
function keepIfCompatible(ctx: DiffContext, compare: (sub: DiffContext) => void): boolean {
  const sub = ctx.sub();
  compare(sub);
  if (!sub.isCompatible()) return false;
  ctx.addAll(sub.differences);
  return true;
}

function compareTypes(ctx: DiffContext, writer: JsonSchemaNode, reader: JsonSchemaNode): void {
  // A plain schema against a combination: a one-branch combination stands for its branch; a value of the
  // writer's type is still read when one oneOf/anyOf branch accepts it (a union gained a type).
  if (writer.kind !== 'combined' && reader.kind === 'combined') {
    if (reader.subschemas.length === 1) {
      if (keepIfCompatible(ctx, (sub) => sub.compare(writer, reader.subschemas[0]))) return;
    } else if (reader.criterion !== 'allOf') {
      for (const branch of reader.subschemas) {
        if (keepIfCompatible(ctx, (sub) => sub.compare(writer, branch))) return ctx.add('SUM_TYPE_EXTENDED');
      }
    }
  } else if (writer.kind === 'combined' && reader.kind !== 'combined') {
    if (writer.subschemas.length === 1) {
      if (keepIfCompatible(ctx, (sub) => sub.compare(writer.subschemas[0], reader))) return;
    } else if (writer.criterion === 'allOf') {
      for (const part of writer.subschemas) {
        if (keepIfCompatible(ctx, (sub) => sub.compare(part, reader)))
          return ctx.add('PRODUCT_TYPE_NARROWED');
      }
    }
  }
  if (writer.kind !== reader.kind) {
    // Reading with an accept-all schema, or having written nothing, is always fine.
    if (writer.kind === 'false' || reader.kind === 'true') return;
    return ctx.add('TYPE_CHANGED');
  }
  switch (writer.kind) {
    case 'string':
      return compareString(ctx, writer, reader as typeof writer);
    case 'number':
      return compareNumber(ctx, writer, reader as typeof writer);
    case 'enum':
      return compareEnum(ctx, writer, reader as typeof writer);
    case 'const':
      return compareConst(ctx, writer, reader as typeof writer);
    case 'not':
      return compareNot(ctx, writer, reader as typeof writer);
    case 'object':
      return compareObject(ctx, writer, reader as typeof writer);
    case 'array':
      return compareArray(ctx, writer, reader as typeof writer);
    case 'combined':
      return compareCombined(ctx, writer, reader as typeof writer);
    default:
      return; // true, false, null, boolean, if/then/else: nothing more to compare
  }
}

/** Whether the combination itself may change: towards anyOf always, to oneOf/allOf only from one branch. */
function criterionChange(writer: CombinedNode, reader: CombinedNode): 'same' | 'extended' | 'changed' {
  if (writer.criterion === reader.criterion) return 'same';
  if (reader.criterion === 'anyOf') return 'extended';
  const single = (c: CombinedNode): boolean => c.subschemas.length === 1;
  if (reader.criterion === 'oneOf') return single(writer) ? 'extended' : 'changed';
  return single(writer) && single(reader) ? 'extended' : 'changed';
}

/**
 * Two combinations: every branch on the smaller side must pair with a distinct compatible branch on the other
 * (a maximum bipartite matching), whatever their order.
 */
function compareCombined(ctx: DiffContext, writer: CombinedNode, reader: CombinedNode): void {
  const change = criterionChange(writer, reader);
  if (change === 'changed') return ctx.add('COMBINED_TYPE_CHANGED');
  if (change === 'extended') ctx.add('COMBINED_TYPE_EXTENDED');
  const w = [...new Set(writer.subschemas)];
  const r = [...new Set(reader.subschemas)];
  if (w.length < r.length)
    ctx.add(reader.criterion === 'allOf' ? 'PRODUCT_TYPE_EXTENDED' : 'SUM_TYPE_EXTENDED');
  else if (w.length > r.length)
    ctx.add(reader.criterion === 'allOf' ? 'PRODUCT_TYPE_NARROWED' : 'SUM_TYPE_NARROWED');
  const edges: Array<Map<number, readonly JsonDifference[]>> = w.map((wb, i) => {
    const at = ctx.at(writer.criterion, String(i));
    const compatible = new Map<number, readonly JsonDifference[]>();
    r.forEach((rb, j) => {
      const sub = at.sub();
      sub.compare(wb, rb);
      if (sub.isCompatible()) compatible.set(j, sub.differences);
    });
    return compatible;
  });
  const matchOfReader = maximumMatching(edges, r.length);
  let matched = 0;
  matchOfReader.forEach((i, j) => {
    if (i === undefined) return;
    matched++;
    ctx.addAll(edges[i]?.get(j) ?? []);
  });
  if (matched < Math.min(w.length, r.length)) ctx.add('COMBINED_TYPE_SUBSCHEMAS_CHANGED');
}

/** Kuhn's augmenting paths: for each reader branch, the writer branch it is paired with (branches are few). */
function maximumMatching(
  edges: ReadonlyArray<ReadonlyMap<number, unknown>>,
  readers: number,
): Array<number | undefined> {
  const owner: Array<number | undefined> = new Array<number | undefined>(readers).fill(undefined);
  const augment = (i: number, seen: Set<number>): boolean => {
    for (const j of edges[i]?.keys() ?? []) {
      if (seen.has(j)) continue;
      seen.add(j);
      const current = owner[j];
      if (current === undefined || augment(current, seen)) {
        owner[j] = i;
        return true;
      }
    }
    return false;
  };
  edges.forEach((_, i) => augment(i, new Set()));
  return owner;
}
