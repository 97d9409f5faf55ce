import type { PropertyDeclaration } from '../emit/declarations';
import { atPointer, type DocumentSet, type SchemaLocation } from './documents';
import type { ResolvedJsonGenerateOptions } from './options';

/** Producer input (defaults may be left out) or consumer output (defaults filled in by the codec). */
export type Variant = 'input' | 'output';

export interface RenderContext {
  readonly set: DocumentSet;
  readonly options: ResolvedJsonGenerateOptions;
  /** The TypeScript name of a named subschema (root or `$defs` entry), recording its import; else undefined. */
  readonly named: (at: SchemaLocation, variant: Variant) => string | undefined;
}

type Schema = Record<string, unknown>;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function child(at: SchemaLocation, ...keys: ReadonlyArray<string | number>): SchemaLocation {
  const escaped = keys.map((k) => String(k).replace(/~/g, '~0').replace(/\//g, '~1'));
  return { doc: at.doc, pointer: `${at.pointer}/${escaped.join('/')}` };
}

export function literal(value: unknown): string {
  if (typeof value === 'string')
    return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
  return JSON.stringify(value);
}

/** Wraps a union or intersection in parentheses where it is an operand. */
function operand(type: string): string {
  let depth = 0;
  for (const c of type) {
    if (c === '{' || c === '(' || c === '[' || c === '<') depth++;
    else if (c === '}' || c === ')' || c === ']' || c === '>') depth--;
    else if (depth === 0 && (c === '|' || c === '&')) return `(${type})`;
  }
  return type;
}

function union(types: readonly string[]): string {
  const unique = [...new Set(types)];
  if (unique.includes('unknown')) return 'unknown';
  const kept = unique.filter((t) => t !== 'never');
  if (kept.length <= 1) return kept[0] ?? 'never';
  return kept.map(operand).join(' | ');
}

function intersection(types: readonly string[]): string {
  const kept = [...new Set(types)].filter((t) => t !== 'unknown');
  if (kept.includes('never')) return 'never';
  if (kept.length <= 1) return kept[0] ?? 'unknown';
  return kept.map(operand).join(' & ');
}

export function propertyName(name: string): string {
  return IDENTIFIER.test(name) ? name : literal(name);
}

const OBJECT_KEYWORDS = ['properties', 'additionalProperties', 'required', 'patternProperties'];
const ARRAY_KEYWORDS = ['items', 'prefixItems', 'additionalItems'];

function typesOf(schema: Schema): readonly string[] | undefined {
  if (typeof schema.type === 'string') return [schema.type];
  if (Array.isArray(schema.type)) return schema.type as string[];
  if (OBJECT_KEYWORDS.some((k) => k in schema)) return ['object'];
  if (ARRAY_KEYWORDS.some((k) => k in schema)) return ['array'];
  return undefined;
}

/** The members of an object schema: properties and, when open or typed, the index signature. */
export function objectMembers(
  at: SchemaLocation,
  variant: Variant,
  ctx: RenderContext,
): PropertyDeclaration[] {
  const schema = atPointer(at.doc.root, at.pointer) as Schema;
  const properties = (schema.properties ?? {}) as Record<string, unknown>;
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const members: PropertyDeclaration[] = [];
  const propertyTypes: string[] = [];
  for (const name of Object.keys(properties)) {
    const sub = properties[name];
    const type = renderRef(child(at, 'properties', name), variant, ctx);
    propertyTypes.push(type);
    const hasDefault = typeof sub === 'object' && sub !== null && 'default' in sub;
    const filled = variant === 'output' && ctx.options.validateOnConsume && hasDefault;
    const description = typeof sub === 'object' && sub !== null ? (sub as Schema).description : undefined;
    members.push({
      name: propertyName(name),
      type,
      optional: !required.has(name) && !filled,
      docs: docs([
        typeof description === 'string' ? description : undefined,
        hasDefault ? `@default ${JSON.stringify((sub as Schema).default)}` : undefined,
      ]),
    });
  }
  const index = indexType(at, schema, variant, ctx);
  if (index !== undefined)
    members.push({
      name: '[key: string]',
      type: index === 'unknown' ? index : union([index, ...propertyTypes]),
    });
  return members;
}

/** The index signature's type: none for a closed object, `unknown` for an open one, else the typed rest. */
function indexType(
  at: SchemaLocation,
  schema: Schema,
  variant: Variant,
  ctx: RenderContext,
): string | undefined {
  const additional = schema.additionalProperties;
  const closed = additional === false || (schema.unevaluatedProperties === false && additional === undefined);
  const patterns = (schema.patternProperties ?? {}) as Record<string, unknown>;
  const patternTypes = Object.keys(patterns).map((p) =>
    renderRef(child(at, 'patternProperties', p), variant, ctx),
  );
  if (closed) return patternTypes.length > 0 ? union(patternTypes) : undefined;
  if (additional === undefined || additional === true) return 'unknown';
  return union([renderRef(child(at, 'additionalProperties'), variant, ctx), ...patternTypes]);
}

export function docs(lines: ReadonlyArray<string | undefined>): string | undefined {
  const text = lines.filter((l): l is string => l !== undefined && l !== '').join('\n');
  return text === '' ? undefined : text.replace(/\*\//g, '*\\/');
}

function inlineObject(at: SchemaLocation, variant: Variant, ctx: RenderContext): string {
  const members = objectMembers(at, variant, ctx);
  if (members.length === 0) return 'Record<string, never>';
  return `{ ${members.map((m) => `${m.name}${m.optional ? '?' : ''}: ${m.type}`).join('; ')} }`;
}

function arrayType(at: SchemaLocation, schema: Schema, variant: Variant, ctx: RenderContext): string {
  const draft2020 = at.doc.draft === '2020-12';
  const tupleKey = draft2020 ? 'prefixItems' : Array.isArray(schema.items) ? 'items' : undefined;
  const restKey = draft2020 ? 'items' : 'additionalItems';
  if (tupleKey === undefined || !Array.isArray(schema[tupleKey])) {
    const items = schema.items;
    if (items === undefined || items === true || Array.isArray(items)) return 'unknown[]';
    return `${operand(renderRef(child(at, 'items'), variant, ctx))}[]`;
  }
  const minItems = typeof schema.minItems === 'number' ? schema.minItems : 0;
  const elements = (schema[tupleKey] as unknown[]).map((_, i) => {
    const type = renderRef(child(at, tupleKey, i), variant, ctx);
    return i < minItems ? type : `${operand(type)}?`;
  });
  const rest = schema[restKey];
  if (rest === false) return `[${elements.join(', ')}]`;
  const restType =
    rest === undefined || rest === true ? 'unknown' : renderRef(child(at, restKey), variant, ctx);
  return `[${[...elements, `...${operand(restType)}[]`].join(', ')}]`;
}

function primitive(
  type: string,
  at: SchemaLocation,
  schema: Schema,
  variant: Variant,
  ctx: RenderContext,
): string {
  switch (type) {
    case 'string':
      return schema.format === 'date-time' && ctx.options.dateTime === 'date' ? 'Date' : 'string';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array':
      return arrayType(at, schema, variant, ctx);
    case 'object':
      return inlineObject(at, variant, ctx);
    default:
      return 'unknown';
  }
}

/**
 * Whether a subschema is a plain object schema (no combinators, `$ref`, `enum` or `const`), which a named
 * type emits as an interface.
 */
export function isPlainObject(at: SchemaLocation): boolean {
  const schema = atPointer(at.doc.root, at.pointer);
  if (typeof schema !== 'object' || schema === null) return false;
  const s = schema as Schema;
  const types = typesOf(s);
  return (
    types?.length === 1 &&
    types[0] === 'object' &&
    !['$ref', 'oneOf', 'anyOf', 'allOf', 'enum', 'const', 'not', 'if'].some((k) => k in s)
  );
}

const expanding = new Set<string>();

/** A subschema's type, by name when it is a named type (roots and `$defs`/`definitions` entries). */
export function renderRef(at: SchemaLocation, variant: Variant, ctx: RenderContext): string {
  return ctx.named(at, variant) ?? renderSchema(at, variant, ctx);
}

/** A subschema's type written out (its own name is not used: this renders the named type's definition). */
export function renderSchema(at: SchemaLocation, variant: Variant, ctx: RenderContext): string {
  const schema = atPointer(at.doc.root, at.pointer);
  if (schema === true || schema === undefined) return 'unknown';
  if (schema === false) return 'never';
  if (typeof schema !== 'object' || schema === null) return 'unknown';
  const key = `${at.doc.source.path}#${at.pointer}`;
  // A cycle through subschemas that are not named types has no name to point back to.
  if (expanding.has(key)) return 'unknown';
  expanding.add(key);
  try {
    return shapeOf(at, schema as Schema, variant, ctx);
  } finally {
    expanding.delete(key);
  }
}

function shapeOf(at: SchemaLocation, s: Schema, variant: Variant, ctx: RenderContext): string {
  const parts: string[] = [];
  if (typeof s.$ref === 'string') {
    parts.push(renderRef(ctx.set.resolve(s.$ref, at), variant, ctx));
    // Draft 7 ignores every keyword beside $ref.
    if (at.doc.draft === 'draft-07') return parts[0]!;
  }
  if ('const' in s) parts.push(literal(s.const));
  else if (Array.isArray(s.enum)) parts.push(union(s.enum.map(literal)));
  else {
    const types = typesOf(s);
    if (types !== undefined) parts.push(union(types.map((t) => primitive(t, at, s, variant, ctx))));
  }
  for (const combinator of ['oneOf', 'anyOf'] as const) {
    const branches = s[combinator];
    if (Array.isArray(branches))
      parts.push(union(branches.map((_, i) => renderRef(child(at, combinator, i), variant, ctx))));
  }
  if (Array.isArray(s.allOf))
    parts.push(...s.allOf.map((_, i) => renderRef(child(at, 'allOf', i), variant, ctx)));
  return intersection(parts);
}
