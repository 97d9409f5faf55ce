import type { AgreementCase } from './agreement-cases';

/**
 * JSON Schema changes with the verdict of the real registry (Apicurio 3.3 ccompat) per level. kgen follows
 * Confluent's documented rules (the `Difference.Type` set its registry applies by default); where Apicurio's
 * own JSON Schema checker decides otherwise, `kgenDiffers` says why, and kgen's verdict is the opposite.
 */
type Schema = Record<string, unknown>;
const S = (schema: Schema): string => JSON.stringify(schema);
const obj = (properties: Schema, extra: Schema = {}): Schema => ({ type: 'object', properties, ...extra });
const closed = (properties: Schema, extra: Schema = {}): Schema =>
  obj(properties, { additionalProperties: false, ...extra });
const str: Schema = { type: 'string' };
const int: Schema = { type: 'integer' };
const num: Schema = { type: 'number' };

const v = (b: boolean, f: boolean, full: boolean): AgreementCase['expect'] => ({
  BACKWARD: b,
  FORWARD: f,
  FULL: full,
});

const json = (
  name: string,
  previous: Schema[],
  next: Schema,
  expect: AgreementCase['expect'],
  kgenDiffers?: AgreementCase['kgenDiffers'],
): AgreementCase => ({
  name,
  format: 'JSON',
  previous: previous.map(S),
  next: S(next),
  expect,
  ...(kgenDiffers ? { kgenDiffers } : {}),
});

const field = (schema: Schema): Schema => obj({ id: str, x: schema });
const DRAFT7 = 'http://json-schema.org/draft-07/schema#';
/** Declares draft 7: Apicurio reads a schema without `$schema` as draft 4 (no `const`, boolean exclusive bounds). */
const draft7 = (schema: Schema): Schema => ({ $schema: DRAFT7, ...schema });

// Why Apicurio's own JSON Schema checker (not Confluent's) decides these pairs otherwise; kgen follows Confluent.
const REQUIRED_DEFAULT =
  'Apicurio rejects any property newly listed in `required`; Confluent accepts it when the property has a default (REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED / REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL)';
const EMPTY_SCHEMA =
  'Apicurio rejects every property added to an open content model; Confluent accepts one whose schema accepts anything (PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL)';
const PATTERN_PROPERTIES =
  'Apicurio ignores patternProperties when deciding the content model (an object without an additionalProperties schema is open to it); Confluent treats patternProperties as a partially open model and checks the property against the matching pattern schema';
const SUM_TYPE =
  'Apicurio rejects a plain schema becoming a oneOf/anyOf; Confluent accepts it when one branch accepts what the old schema did (SUM_TYPE_EXTENDED)';
const FORMAT =
  "Apicurio rejects an added `format` (STRING_TYPE_FORMAT_ADDED); Confluent's rules do not compare `format` (an annotation unless a validator asserts it)";
const PATTERN_ADDED =
  "Apicurio rejects new patternProperties keys; Confluent's rules check properties against patternProperties but not the patterns themselves, so adding one to an open model passes (a gap kgen keeps, to give the Confluent registry's verdict)";
const CONDITIONAL =
  "Apicurio rejects data of a schema with if/then read by one without; Confluent's rules see an allOf part dropped (PRODUCT_TYPE_NARROWED), which only loosens";
const APICURIO_DRAFT4 =
  'Apicurio reads a schema without $schema as draft 4, which has no `const` (ignored: accepts anything); Confluent reads draft 7, where a changed const rejects the old value (ENUM_ARRAY_CHANGED)';

export const JSON_CASES: readonly AgreementCase[] = [
  // Content model: open (default), closed (additionalProperties: false), partially open.
  json(
    'optional property added to open model',
    [obj({ id: str })],
    obj({ id: str, note: str }),
    v(false, true, false),
  ),
  json(
    'property removed from open model',
    [obj({ id: str, note: str })],
    obj({ id: str }),
    v(true, false, false),
  ),
  json(
    'optional property added to closed model',
    [closed({ id: str })],
    closed({ id: str, note: str }),
    v(true, false, false),
  ),
  json(
    'property removed from closed model',
    [closed({ id: str, note: str })],
    closed({ id: str }),
    v(false, true, false),
  ),
  json(
    'required property added to closed model',
    [closed({ id: str })],
    closed({ id: str, note: str }, { required: ['note'] }),
    v(false, false, false),
  ),
  json(
    'required property with default added to closed model',
    [closed({ id: str })],
    closed({ id: str, note: { type: 'string', default: '' } }, { required: ['note'] }),
    v(false, false, false),
    { BACKWARD: REQUIRED_DEFAULT },
  ),
  json(
    'property with empty schema added to open model',
    [obj({ id: str })],
    obj({ id: str, any: {} }),
    v(false, true, false),
    {
      BACKWARD: EMPTY_SCHEMA,
      FULL: EMPTY_SCHEMA,
    },
  ),
  json('closed model opened', [closed({ id: str })], obj({ id: str }), v(true, false, false)),
  json('open model closed', [obj({ id: str })], closed({ id: str }), v(false, true, false)),
  json(
    'property added, covered by patternProperties',
    [obj({ id: str }, { patternProperties: { '^x-': str } })],
    obj({ id: str, 'x-trace': str }, { patternProperties: { '^x-': str } }),
    v(false, true, false),
    { BACKWARD: PATTERN_PROPERTIES, FULL: PATTERN_PROPERTIES },
  ),
  json(
    'property added, not covered by patternProperties',
    [obj({ id: str }, { patternProperties: { '^x-': str } })],
    obj({ id: str, 'x-count': int }, { patternProperties: { '^x-': str } }),
    v(false, true, false),
    { FORWARD: PATTERN_PROPERTIES },
  ),
  json(
    'property added, covered by additionalProperties schema',
    [obj({ id: str }, { additionalProperties: str })],
    obj({ id: str, note: str }, { additionalProperties: str }),
    v(true, true, true),
  ),
  json(
    'property removed, not covered by additionalProperties schema',
    [obj({ id: str, n: int }, { additionalProperties: str })],
    obj({ id: str }, { additionalProperties: str }),
    v(false, false, false),
  ),
  json(
    'additionalProperties schema added to open model',
    [obj({ id: str })],
    obj({ id: str }, { additionalProperties: str }),
    v(false, true, false),
  ),
  // required
  json(
    'existing property made required',
    [obj({ id: str, note: str })],
    obj({ id: str, note: str }, { required: ['note'] }),
    v(false, true, false),
  ),
  json(
    'required property made optional',
    [obj({ id: str, note: str }, { required: ['note'] })],
    obj({ id: str, note: str }),
    v(true, false, false),
  ),
  json(
    'existing property made required with a default',
    [obj({ id: str, note: str })],
    obj({ id: str, note: { type: 'string', default: '' } }, { required: ['note'] }),
    v(false, true, false),
    { BACKWARD: REQUIRED_DEFAULT, FULL: REQUIRED_DEFAULT },
  ),
  // Types
  json('integer widened to number', [field(int)], field(num), v(true, false, false)),
  json('number narrowed to integer', [field(num)], field(int), v(false, true, false)),
  json('string changed to integer', [field(str)], field(int), v(false, false, false)),
  json('null added to type', [field(str)], field({ type: ['string', 'null'] }), v(true, false, false)),
  json('null removed from type', [field({ type: ['string', 'null'] })], field(str), v(false, true, false)),
  json('type changed to boolean', [field(int)], field({ type: 'boolean' }), v(false, false, false)),
  // enum / const
  json(
    'enum value added',
    [field({ type: 'string', enum: ['A', 'B'] })],
    field({ type: 'string', enum: ['A', 'B', 'C'] }),
    v(true, false, false),
  ),
  json(
    'enum value removed',
    [field({ type: 'string', enum: ['A', 'B'] })],
    field({ type: 'string', enum: ['A'] }),
    v(false, true, false),
  ),
  json(
    'enum value replaced',
    [field({ type: 'string', enum: ['A', 'B'] })],
    field({ type: 'string', enum: ['A', 'C'] }),
    v(false, false, false),
  ),
  json('enum reordered', [field({ enum: ['A', 'B'] })], field({ enum: ['B', 'A'] }), v(true, true, true)),
  json(
    'const changed (draft 7)',
    [draft7(field({ const: 'v1' }))],
    draft7(field({ const: 'v2' })),
    v(false, false, false),
  ),
  json('const changed (no $schema)', [field({ const: 'v1' })], field({ const: 'v2' }), v(true, true, true), {
    BACKWARD: APICURIO_DRAFT4,
    FORWARD: APICURIO_DRAFT4,
    FULL: APICURIO_DRAFT4,
  }),
  // String and number bounds
  json(
    'maxLength decreased',
    [field({ type: 'string', maxLength: 10 })],
    field({ type: 'string', maxLength: 5 }),
    v(false, true, false),
  ),
  json(
    'maxLength increased',
    [field({ type: 'string', maxLength: 5 })],
    field({ type: 'string', maxLength: 10 }),
    v(true, false, false),
  ),
  json('maxLength added', [field(str)], field({ type: 'string', maxLength: 5 }), v(false, true, false)),
  json('minLength removed', [field({ type: 'string', minLength: 2 })], field(str), v(true, false, false)),
  json('pattern added', [field(str)], field({ type: 'string', pattern: '^[a-z]+$' }), v(false, true, false)),
  json(
    'pattern changed',
    [field({ type: 'string', pattern: '^[a-z]+$' })],
    field({ type: 'string', pattern: '^[A-Z]+$' }),
    v(false, false, false),
  ),
  json(
    'maximum decreased',
    [field({ type: 'integer', maximum: 100 })],
    field({ type: 'integer', maximum: 10 }),
    v(false, true, false),
  ),
  json(
    'minimum increased',
    [field({ type: 'integer', minimum: 0 })],
    field({ type: 'integer', minimum: 1 }),
    v(false, true, false),
  ),
  json('minimum removed', [field({ type: 'integer', minimum: 0 })], field(int), v(true, false, false)),
  json(
    'exclusiveMaximum added (draft 7)',
    [draft7(field(num))],
    draft7(field({ type: 'number', exclusiveMaximum: 1 })),
    v(false, true, false),
  ),
  json(
    'multipleOf made stricter',
    [field({ type: 'integer', multipleOf: 5 })],
    field({ type: 'integer', multipleOf: 10 }),
    v(false, true, false),
  ),
  // Arrays
  json(
    'array items widened',
    [field({ type: 'array', items: int })],
    field({ type: 'array', items: num }),
    v(true, false, false),
  ),
  json(
    'array items changed',
    [field({ type: 'array', items: int })],
    field({ type: 'array', items: str }),
    v(false, false, false),
  ),
  json(
    'maxItems decreased',
    [field({ type: 'array', items: str, maxItems: 10 })],
    field({ type: 'array', items: str, maxItems: 3 }),
    v(false, true, false),
  ),
  json(
    'uniqueItems added',
    [field({ type: 'array', items: str })],
    field({ type: 'array', items: str, uniqueItems: true }),
    v(false, true, false),
  ),
  json(
    'items schema added',
    [field({ type: 'array' })],
    field({ type: 'array', items: str }),
    v(false, true, false),
  ),
  json(
    'tuple item added to closed tuple',
    [field({ type: 'array', items: [str], additionalItems: false })],
    field({ type: 'array', items: [str, int], additionalItems: false }),
    v(true, false, false),
  ),
  json(
    'tuple item added to open tuple',
    [field({ type: 'array', items: [str] })],
    field({ type: 'array', items: [str, int] }),
    v(false, true, false),
  ),
  // oneOf / anyOf / allOf
  json(
    'oneOf branch added',
    [field({ oneOf: [str, int] })],
    field({ oneOf: [str, int, { type: 'boolean' }] }),
    v(true, false, false),
  ),
  json(
    'oneOf branch removed',
    [field({ oneOf: [str, int] })],
    field({ oneOf: [str] }),
    v(false, true, false),
  ),
  json(
    'oneOf branches reordered',
    [field({ oneOf: [str, int] })],
    field({ oneOf: [int, str] }),
    v(true, true, true),
  ),
  json(
    'oneOf changed to anyOf',
    [field({ oneOf: [str, int] })],
    field({ anyOf: [str, int] }),
    v(true, false, false),
  ),
  json(
    'anyOf changed to oneOf',
    [field({ anyOf: [str, int] })],
    field({ oneOf: [str, int] }),
    v(false, true, false),
  ),
  json('plain type became a oneOf', [field(str)], field({ oneOf: [str, int] }), v(false, false, false), {
    BACKWARD: SUM_TYPE,
  }),
  json(
    'allOf gained a part',
    [field({ allOf: [obj({ a: str })] })],
    field({ allOf: [obj({ a: str }), obj({ b: int })] }),
    v(false, true, false),
  ),
  // $ref / $defs / definitions
  json(
    'type changed inside a $defs definition',
    [{ ...obj({ home: { $ref: '#/$defs/Address' } }), $defs: { Address: obj({ zip: str }) } }],
    { ...obj({ home: { $ref: '#/$defs/Address' } }), $defs: { Address: obj({ zip: int }) } },
    v(false, false, false),
  ),
  json(
    'definition inlined (same schema)',
    [{ ...obj({ home: { $ref: '#/definitions/Address' } }), definitions: { Address: closed({ zip: str }) } }],
    obj({ home: closed({ zip: str }) }),
    v(true, true, true),
  ),
  json(
    'recursive definition gains an optional property (closed)',
    [
      {
        ...obj({ root: { $ref: '#/$defs/Node' } }),
        $defs: { Node: closed({ v: int, next: { $ref: '#/$defs/Node' } }) },
      },
    ],
    {
      ...obj({ root: { $ref: '#/$defs/Node' } }),
      $defs: { Node: closed({ v: int, next: { $ref: '#/$defs/Node' }, label: str }) },
    },
    v(true, false, false),
  ),
  json(
    'nested closed object gains optional property',
    [field(closed({ a: str }))],
    field(closed({ a: str, b: str })),
    v(true, false, false),
  ),
  json(
    'title and description changed',
    [obj({ id: str }, { title: 'A' })],
    obj({ id: str }, { title: 'B', description: 'd' }),
    v(true, true, true),
  ),
  json(
    'format added to a string',
    [field(str)],
    field({ type: 'string', format: 'email' }),
    v(false, true, false),
    { BACKWARD: FORMAT, FULL: FORMAT },
  ),
  json(
    'patternProperties added to an open model',
    [obj({ id: str })],
    obj({ id: str }, { patternProperties: { '^x-': str } }),
    v(false, true, false),
    { BACKWARD: PATTERN_ADDED, FULL: PATTERN_ADDED },
  ),
  json(
    'minProperties added',
    [obj({ id: str })],
    obj({ id: str }, { minProperties: 1 }),
    v(false, true, false),
  ),
  json(
    'property dependency added',
    [obj({ id: str, card: str, cvv: str })],
    obj({ id: str, card: str, cvv: str }, { dependencies: { card: ['cvv'] } }),
    v(false, true, false),
  ),
  json(
    'additionalProperties schema widened',
    [obj({ id: str }, { additionalProperties: int })],
    obj({ id: str }, { additionalProperties: num }),
    v(true, false, false),
  ),
  json(
    'type array reordered',
    [field({ type: ['string', 'null'] })],
    field({ type: ['null', 'string'] }),
    v(true, true, true),
  ),
  json(
    'array of objects: item gains a required property',
    [field({ type: 'array', items: closed({ sku: str }) })],
    field({ type: 'array', items: closed({ sku: str, qty: int }, { required: ['qty'] }) }),
    v(false, false, false),
  ),
  json(
    'nested open object gains optional property',
    [field(obj({ a: str }))],
    field(obj({ a: str, b: str })),
    v(false, true, false),
  ),
  json(
    'if/then added (draft 7)',
    [draft7(obj({ id: str, card: str }))],
    draft7(obj({ id: str, card: str }, { if: { required: ['card'] }, then: { required: ['id'] } })),
    v(false, false, false),
    { FORWARD: CONDITIONAL },
  ),
  // Transitive levels: the latest version agrees, an earlier one does not.
  json(
    'type clash with an earlier version',
    [closed({ id: str, b: int }), closed({ id: str })],
    closed({ id: str, b: str }),
    { BACKWARD: true, BACKWARD_TRANSITIVE: false },
  ),
  json(
    'forward type clash with an earlier version',
    [obj({ id: str, b: int }), obj({ id: str })],
    obj({ id: str, b: str }),
    { FORWARD: true, FORWARD_TRANSITIVE: false },
  ),
  json('identical to latest, not to the first', [field(int), field(str)], field(str), {
    FULL: true,
    FULL_TRANSITIVE: false,
  }),
  json('unchanged across versions', [field(str), field(str)], field(str), {
    BACKWARD_TRANSITIVE: true,
    FORWARD_TRANSITIVE: true,
    FULL_TRANSITIVE: true,
  }),
  json('breaking change under NONE', [field(str)], field(int), { NONE: true }),
  json(
    'optional property added, then another (closed)',
    [closed({ id: str }), closed({ id: str, a: str })],
    closed({ id: str, a: str, b: int }),
    { BACKWARD: true, BACKWARD_TRANSITIVE: true, FORWARD: false, FORWARD_TRANSITIVE: false },
  ),
  json(
    'bound relaxed step by step',
    [field({ type: 'string', maxLength: 5 }), field({ type: 'string', maxLength: 10 })],
    field({ type: 'string', maxLength: 20 }),
    { BACKWARD: true, BACKWARD_TRANSITIVE: true, FORWARD_TRANSITIVE: false, FULL_TRANSITIVE: false },
  ),
  json(
    'enum grows, then one value is dropped',
    [field({ enum: ['A', 'B'] }), field({ enum: ['A', 'B', 'C'] })],
    field({ enum: ['A', 'C'] }),
    { BACKWARD: false, BACKWARD_TRANSITIVE: false, FORWARD: true, FORWARD_TRANSITIVE: false },
  ),
  json('integer widened to number across versions', [field(int), field(int)], field(num), {
    BACKWARD_TRANSITIVE: true,
    FORWARD_TRANSITIVE: false,
    FULL_TRANSITIVE: false,
  }),
  json('property removed from closed model under NONE', [closed({ id: str, a: str })], closed({ id: str }), {
    NONE: true,
  }),
  json('enum narrowed under NONE', [field({ enum: ['A', 'B'] })], field({ enum: ['A'] }), { NONE: true }),
];
