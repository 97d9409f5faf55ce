import type { DiffContext } from './json-diff-context';
import type { ConstNode, EnumNode, NotNode, NumberNode, StringNode } from './json-schema-model';
import type { JsonRule } from './json-schema-rules';

/** The four rules of one bound: added, removed, and which way it moved. */
interface BoundRules {
  readonly added: JsonRule;
  readonly removed: JsonRule;
  readonly increased: JsonRule;
  readonly decreased: JsonRule;
}

/** Compares one numeric keyword (a bound or a count); nothing when equal or absent on both sides. */
export function compareBound(
  ctx: DiffContext,
  keyword: string,
  writer: number | undefined,
  reader: number | undefined,
  rules: BoundRules,
): void {
  if (writer === reader) return;
  if (writer === undefined) ctx.add(rules.added, keyword);
  else if (reader === undefined) ctx.add(rules.removed, keyword);
  else ctx.add(writer < reader ? rules.increased : rules.decreased, keyword);
}

type BoundPrefix =
  | 'MAX_LENGTH'
  | 'MIN_LENGTH'
  | 'MAXIMUM'
  | 'MINIMUM'
  | 'EXCLUSIVE_MAXIMUM'
  | 'EXCLUSIVE_MINIMUM'
  | 'MAX_PROPERTIES'
  | 'MIN_PROPERTIES'
  | 'MAX_ITEMS'
  | 'MIN_ITEMS';

/** Rule ids of a keyword named `<PREFIX>_ADDED`, `_REMOVED`, `_INCREASED`, `_DECREASED`. */
export function boundRules(prefix: BoundPrefix): BoundRules {
  return {
    added: `${prefix}_ADDED`,
    removed: `${prefix}_REMOVED`,
    increased: `${prefix}_INCREASED`,
    decreased: `${prefix}_DECREASED`,
  };
}

export function compareString(ctx: DiffContext, writer: StringNode, reader: StringNode): void {
  compareBound(ctx, 'maxLength', writer.maxLength, reader.maxLength, boundRules('MAX_LENGTH'));
  compareBound(ctx, 'minLength', writer.minLength, reader.minLength, boundRules('MIN_LENGTH'));
  if (writer.pattern === reader.pattern) return;
  if (writer.pattern === undefined) ctx.add('PATTERN_ADDED', 'pattern');
  else if (reader.pattern === undefined) ctx.add('PATTERN_REMOVED', 'pattern');
  else ctx.add('PATTERN_CHANGED', 'pattern');
}

export function compareNumber(ctx: DiffContext, writer: NumberNode, reader: NumberNode): void {
  compareBound(ctx, 'maximum', writer.maximum, reader.maximum, boundRules('MAXIMUM'));
  compareBound(ctx, 'minimum', writer.minimum, reader.minimum, boundRules('MINIMUM'));
  compareBound(
    ctx,
    'exclusiveMaximum',
    writer.exclusiveMaximum,
    reader.exclusiveMaximum,
    boundRules('EXCLUSIVE_MAXIMUM'),
  );
  compareBound(
    ctx,
    'exclusiveMinimum',
    writer.exclusiveMinimum,
    reader.exclusiveMinimum,
    boundRules('EXCLUSIVE_MINIMUM'),
  );
  compareMultipleOf(ctx, writer.multipleOf, reader.multipleOf);
  if (writer.integer !== reader.integer) ctx.add(writer.integer ? 'TYPE_EXTENDED' : 'TYPE_NARROWED');
}

/** `a` is a whole multiple of `b` (within floating-point noise for decimals such as 0.01). */
function isMultiple(a: number, b: number): boolean {
  if (b === 0) return false;
  const q = a / b;
  return Math.abs(q - Math.round(q)) < 1e-9;
}

function compareMultipleOf(ctx: DiffContext, writer: number | undefined, reader: number | undefined): void {
  if (writer === reader) return;
  if (writer === undefined) ctx.add('MULTIPLE_OF_ADDED', 'multipleOf');
  else if (reader === undefined) ctx.add('MULTIPLE_OF_REMOVED', 'multipleOf');
  // A reader multiple of the writer's step is stricter (10 after 5); a divisor is looser (5 after 10).
  else if (isMultiple(reader, writer)) ctx.add('MULTIPLE_OF_EXPANDED', 'multipleOf');
  else if (isMultiple(writer, reader)) ctx.add('MULTIPLE_OF_REDUCED', 'multipleOf');
  else ctx.add('MULTIPLE_OF_CHANGED', 'multipleOf');
}

export function compareEnum(ctx: DiffContext, writer: EnumNode, reader: EnumNode): void {
  const contains = (a: ReadonlySet<string>, b: ReadonlySet<string>): boolean => [...b].every((v) => a.has(v));
  if (writer.values.size === reader.values.size && contains(writer.values, reader.values)) return;
  if (contains(reader.values, writer.values)) ctx.add('ENUM_ARRAY_EXTENDED', 'enum');
  else if (contains(writer.values, reader.values)) ctx.add('ENUM_ARRAY_NARROWED', 'enum');
  else ctx.add('ENUM_ARRAY_CHANGED', 'enum');
}

export function compareConst(ctx: DiffContext, writer: ConstNode, reader: ConstNode): void {
  if (writer.value !== reader.value) ctx.add('ENUM_ARRAY_CHANGED', 'const');
}

/** `not` flips the direction: the reader may exclude less than the writer did, never more. */
export function compareNot(ctx: DiffContext, writer: NotNode, reader: NotNode): void {
  const at = ctx.at('not');
  const flipped = at.sub();
  flipped.compare(reader.schema, writer.schema);
  at.add(flipped.isCompatible() ? 'NOT_TYPE_NARROWED' : 'NOT_TYPE_EXTENDED');
}
