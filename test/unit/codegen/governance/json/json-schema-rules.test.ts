import { checkJsonSchemaPair } from '../../../../../codegen/governance/json/json-schema-findings';
import { diffJsonSchemas } from '../../../../../codegen/governance/json/json-schema-diff';
import { loadJsonSchema } from '../../../../../codegen/governance/json/json-schema-loader';
import {
  isCompatibleRule,
  JSON_RULES,
  type JsonRule,
} from '../../../../../codegen/governance/json/json-schema-rules';

type Schema = Record<string, unknown> | boolean;
/** A rule, the schema data was written with, the schema reading it, and where the difference is. */
type Row = readonly [JsonRule, Schema, Schema, string];

const load = (s: Schema) => loadJsonSchema(JSON.stringify(s), 'test.json');
const obj = (properties: Record<string, Schema>, extra: Record<string, unknown> = {}) => ({
  type: 'object',
  properties,
  ...extra,
});
const closed = (properties: Record<string, Schema>, extra: Record<string, unknown> = {}) =>
  obj(properties, { additionalProperties: false, ...extra });
const str = { type: 'string' };
const int = { type: 'integer' };
const arr = (extra: Record<string, unknown>) => ({ type: 'array', ...extra });

/** The four rules of a numeric keyword: added, removed, increased (5 → 10), decreased (10 → 5). */
function bound(prefix: string, keyword: string, base: Record<string, unknown>): Row[] {
  const at = (v?: number) => (v === undefined ? base : { ...base, [keyword]: v });
  return [
    [`${prefix}_ADDED` as JsonRule, at(), at(5), `#/${keyword}`],
    [`${prefix}_REMOVED` as JsonRule, at(5), at(), `#/${keyword}`],
    [`${prefix}_INCREASED` as JsonRule, at(5), at(10), `#/${keyword}`],
    [`${prefix}_DECREASED` as JsonRule, at(10), at(5), `#/${keyword}`],
  ];
}

const ROWS: Row[] = [
  ['SCHEMA_ADDED', arr({}), arr({ items: str }), '#/items'],
  ['SCHEMA_REMOVED', arr({ items: str }), arr({}), '#/items'],
  ['TYPE_EXTENDED', int, { type: 'number' }, '#/'],
  ['TYPE_NARROWED', { type: 'number' }, int, '#/'],
  ['TYPE_CHANGED', str, int, '#/'],
  ...bound('MAX_LENGTH', 'maxLength', str),
  ...bound('MIN_LENGTH', 'minLength', str),
  ['PATTERN_ADDED', str, { type: 'string', pattern: 'a' }, '#/pattern'],
  ['PATTERN_REMOVED', { type: 'string', pattern: 'a' }, str, '#/pattern'],
  ['PATTERN_CHANGED', { type: 'string', pattern: 'a' }, { type: 'string', pattern: 'b' }, '#/pattern'],
  ...bound('MAXIMUM', 'maximum', int),
  ...bound('MINIMUM', 'minimum', int),
  ...bound('EXCLUSIVE_MAXIMUM', 'exclusiveMaximum', int),
  ...bound('EXCLUSIVE_MINIMUM', 'exclusiveMinimum', int),
  ['MULTIPLE_OF_ADDED', int, { type: 'integer', multipleOf: 5 }, '#/multipleOf'],
  ['MULTIPLE_OF_REMOVED', { type: 'integer', multipleOf: 5 }, int, '#/multipleOf'],
  [
    'MULTIPLE_OF_EXPANDED',
    { type: 'integer', multipleOf: 5 },
    { type: 'integer', multipleOf: 10 },
    '#/multipleOf',
  ],
  [
    'MULTIPLE_OF_REDUCED',
    { type: 'number', multipleOf: 0.1 },
    { type: 'number', multipleOf: 0.01 },
    '#/multipleOf',
  ],
  [
    'MULTIPLE_OF_CHANGED',
    { type: 'integer', multipleOf: 4 },
    { type: 'integer', multipleOf: 6 },
    '#/multipleOf',
  ],
  ['REQUIRED_ATTRIBUTE_ADDED', obj({ a: str }), obj({ a: str }, { required: ['a'] }), '#/required/a'],
  [
    'REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED',
    obj({ a: str }),
    obj({ a: { type: 'string', default: 'x' } }, { required: ['a'] }),
    '#/required/a',
  ],
  ['REQUIRED_ATTRIBUTE_REMOVED', obj({ a: str }, { required: ['a'] }), obj({ a: str }), '#/required/a'],
  ['DEPENDENCY_ARRAY_ADDED', obj({}), obj({}, { dependencies: { a: ['b'] } }), '#/dependencies/a'],
  ['DEPENDENCY_ARRAY_REMOVED', obj({}, { dependencies: { a: ['b'] } }), obj({}), '#/dependencies/a'],
  [
    'DEPENDENCY_ARRAY_EXTENDED',
    obj({}, { dependencies: { a: ['b'] } }),
    obj({}, { dependencies: { a: ['b', 'c'] } }),
    '#/dependencies/a',
  ],
  [
    'DEPENDENCY_ARRAY_NARROWED',
    obj({}, { dependentRequired: { a: ['b', 'c'] } }),
    obj({}, { dependentRequired: { a: ['b'] } }),
    '#/dependencies/a',
  ],
  [
    'DEPENDENCY_ARRAY_CHANGED',
    obj({}, { dependencies: { a: ['b'] } }),
    obj({}, { dependencies: { a: ['c'] } }),
    '#/dependencies/a',
  ],
  ['DEPENDENCY_SCHEMA_ADDED', obj({}), obj({}, { dependentSchemas: { a: closed({}) } }), '#/dependencies/a'],
  ['DEPENDENCY_SCHEMA_REMOVED', obj({}, { dependencies: { a: closed({}) } }), obj({}), '#/dependencies/a'],
  ...bound('MAX_PROPERTIES', 'maxProperties', { type: 'object' }),
  ...bound('MIN_PROPERTIES', 'minProperties', { type: 'object' }),
  ['ADDITIONAL_PROPERTIES_ADDED', closed({}), obj({}), '#/additionalProperties'],
  ['ADDITIONAL_PROPERTIES_REMOVED', obj({}), closed({}), '#/additionalProperties'],
  [
    'ADDITIONAL_PROPERTIES_EXTENDED',
    obj({}, { additionalProperties: str }),
    obj({}),
    '#/additionalProperties',
  ],
  [
    'ADDITIONAL_PROPERTIES_NARROWED',
    obj({}),
    obj({}, { additionalProperties: str }),
    '#/additionalProperties',
  ],
  [
    'UNEVALUATED_PROPERTIES_ADDED',
    obj({}, { unevaluatedProperties: false }),
    obj({}),
    '#/unevaluatedProperties',
  ],
  [
    'UNEVALUATED_PROPERTIES_REMOVED',
    obj({}),
    obj({}, { unevaluatedProperties: false }),
    '#/unevaluatedProperties',
  ],
  [
    'UNEVALUATED_PROPERTIES_EXTENDED',
    obj({}, { unevaluatedProperties: str }),
    obj({}, { unevaluatedProperties: true }),
    '#/unevaluatedProperties',
  ],
  [
    'UNEVALUATED_PROPERTIES_NARROWED',
    obj({}),
    obj({}, { unevaluatedProperties: str }),
    '#/unevaluatedProperties',
  ],
  ['PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL', obj({}), obj({ a: {} }), '#/properties/a'],
  ['OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL', obj({}), obj({ a: str }), '#/properties/a'],
  [
    'REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL',
    obj({}),
    obj({ a: str }, { required: ['a'] }),
    '#/properties/a',
  ],
  [
    'REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_OPEN_CONTENT_MODEL',
    obj({}),
    obj({ a: { type: 'string', default: '' } }, { required: ['a'] }),
    '#/properties/a',
  ],
  [
    'REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL',
    closed({}),
    closed({ a: str }, { required: ['a'] }),
    '#/properties/a',
  ],
  [
    'REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL',
    closed({}),
    closed({ a: { type: 'string', default: '' } }, { required: ['a'] }),
    '#/properties/a',
  ],
  ['OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL', closed({}), closed({ a: str }), '#/properties/a'],
  [
    'PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL',
    closed({ a: false }),
    closed({}),
    '#/properties/a',
  ],
  ['PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL', closed({ a: str }), closed({}), '#/properties/a'],
  ['PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL', obj({ a: str }), obj({}), '#/properties/a'],
  [
    'PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
    obj({}, { patternProperties: { '^x-': str } }),
    obj({ 'x-a': str }, { patternProperties: { '^x-': str } }),
    '#/properties/x-a',
  ],
  [
    'PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
    obj({}, { additionalProperties: str }),
    obj({ a: int }, { additionalProperties: str }),
    '#/properties/a',
  ],
  [
    'PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
    obj({ a: str }, { additionalProperties: str }),
    obj({}, { additionalProperties: str }),
    '#/properties/a',
  ],
  [
    'PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
    obj({ 'x-a': int }, { patternProperties: { '^x-': str } }),
    obj({}, { patternProperties: { '^x-': str } }),
    '#/properties/x-a',
  ],
  ...bound('MAX_ITEMS', 'maxItems', arr({ items: str })),
  ...bound('MIN_ITEMS', 'minItems', arr({ items: str })),
  ['UNIQUE_ITEMS_ADDED', arr({}), arr({ uniqueItems: true }), '#/uniqueItems'],
  ['UNIQUE_ITEMS_REMOVED', arr({ uniqueItems: true }), arr({}), '#/uniqueItems'],
  [
    'ADDITIONAL_ITEMS_ADDED',
    arr({ items: [str], additionalItems: false }),
    arr({ items: [str] }),
    '#/additionalItems',
  ],
  [
    'ADDITIONAL_ITEMS_REMOVED',
    arr({ items: [str] }),
    arr({ items: [str], additionalItems: false }),
    '#/additionalItems',
  ],
  [
    'ADDITIONAL_ITEMS_EXTENDED',
    arr({ items: [str], additionalItems: str }),
    arr({ items: [str] }),
    '#/additionalItems',
  ],
  [
    'ADDITIONAL_ITEMS_NARROWED',
    arr({ items: [str] }),
    arr({ items: [str], additionalItems: str }),
    '#/additionalItems',
  ],
  ['UNEVALUATED_ITEMS_ADDED', arr({ unevaluatedItems: false }), arr({}), '#/unevaluatedItems'],
  ['UNEVALUATED_ITEMS_REMOVED', arr({}), arr({ unevaluatedItems: false }), '#/unevaluatedItems'],
  ['UNEVALUATED_ITEMS_EXTENDED', arr({ unevaluatedItems: str }), arr({}), '#/unevaluatedItems'],
  ['UNEVALUATED_ITEMS_NARROWED', arr({}), arr({ unevaluatedItems: str }), '#/unevaluatedItems'],
  [
    'ITEM_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL',
    arr({ items: [str] }),
    arr({ items: [str, {}] }),
    '#/items/1',
  ],
  ['ITEM_ADDED_TO_OPEN_CONTENT_MODEL', arr({ items: [str] }), arr({ items: [str, int] }), '#/items/1'],
  [
    'ITEM_ADDED_TO_CLOSED_CONTENT_MODEL',
    arr({ items: [str], additionalItems: false }),
    arr({ items: [str, int], additionalItems: false }),
    '#/items/1',
  ],
  [
    'ITEM_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL',
    arr({ items: [str, false], additionalItems: false }),
    arr({ items: [str], additionalItems: false }),
    '#/items/1',
  ],
  [
    'ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL',
    arr({ items: [str, int], additionalItems: false }),
    arr({ items: [str], additionalItems: false }),
    '#/items/1',
  ],
  ['ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL', arr({ items: [str, int] }), arr({ items: [str] }), '#/items/1'],
  [
    'ITEM_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
    arr({ prefixItems: [str], items: int }),
    arr({ prefixItems: [str, int], items: int }),
    '#/items/1',
  ],
  [
    'ITEM_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
    arr({ items: [str], additionalItems: int }),
    arr({ items: [str, str], additionalItems: int }),
    '#/items/1',
  ],
  [
    'ITEM_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
    arr({ items: [str, int], additionalItems: int }),
    arr({ items: [str], additionalItems: int }),
    '#/items/1',
  ],
  [
    'ITEM_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
    arr({ items: [str, str], additionalItems: int }),
    arr({ items: [str], additionalItems: int }),
    '#/items/1',
  ],
  ['ENUM_ARRAY_EXTENDED', { enum: ['A'] }, { enum: ['A', 'B'] }, '#/enum'],
  ['ENUM_ARRAY_NARROWED', { enum: ['A', 'B'] }, { enum: ['A'] }, '#/enum'],
  ['ENUM_ARRAY_CHANGED', { enum: ['A', 'B'] }, { enum: ['A', 'C'] }, '#/enum'],
  ['COMBINED_TYPE_EXTENDED', { oneOf: [str, int] }, { anyOf: [str, int] }, '#/'],
  ['COMBINED_TYPE_CHANGED', { anyOf: [str, int] }, { allOf: [str, int] }, '#/'],
  ['PRODUCT_TYPE_EXTENDED', { allOf: [obj({})] }, { allOf: [obj({}), { minProperties: 1 }] }, '#/'],
  ['PRODUCT_TYPE_NARROWED', { allOf: [obj({}), { minProperties: 1 }] }, { allOf: [obj({})] }, '#/'],
  ['SUM_TYPE_EXTENDED', { oneOf: [str] }, { oneOf: [str, int] }, '#/'],
  ['SUM_TYPE_NARROWED', { oneOf: [str, int] }, { oneOf: [str] }, '#/'],
  ['COMBINED_TYPE_SUBSCHEMAS_CHANGED', { oneOf: [str, int] }, { oneOf: [str, { type: 'boolean' }] }, '#/'],
  ['NOT_TYPE_EXTENDED', { not: { enum: ['A'] } }, { not: { enum: ['A', 'B'] } }, '#/not'],
  ['NOT_TYPE_NARROWED', { not: { enum: ['A', 'B'] } }, { not: { enum: ['A'] } }, '#/not'],
];

describe('JSON Schema compatibility rules (Confluent Difference.Type ids), one case per rule', () => {
  it('covers every rule id', () => {
    expect(new Set(ROWS.map(([rule]) => rule))).toEqual(new Set(JSON_RULES));
  });

  it.each(ROWS)('%s', (rule, writer, reader, path) => {
    const diffs = diffJsonSchemas(load(writer), load(reader)).map((d) => ({
      rule: d.rule,
      path: `#/${d.path.join('/')}`,
    }));
    expect(diffs).toContainEqual({ rule, path });
    // BACKWARD reads the previous (writer) schema's data with the next (reader): breaking rules are findings.
    const findings = checkJsonSchemaPair(load(reader), load(writer), 'backward');
    if (isCompatibleRule(rule)) expect(findings).toEqual([]);
    else expect(findings).toContainEqual(expect.objectContaining({ rule, path }));
  });
});
