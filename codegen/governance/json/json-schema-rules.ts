/**
 * The rule ids of JSON Schema compatibility and which of them the Confluent registry accepts (its default,
 * strict rule set). Ids are Confluent's `Difference.Type` names, so a finding reads like the registry's own
 * message. A pairwise comparison runs from the schema data was written with (the writer) to the schema
 * reading it (the reader): BACKWARD compares old → new, FORWARD new → old.
 */
const COMPATIBLE = [
  'SCHEMA_REMOVED',
  'TYPE_EXTENDED',
  'MAX_LENGTH_INCREASED',
  'MAX_LENGTH_REMOVED',
  'MIN_LENGTH_DECREASED',
  'MIN_LENGTH_REMOVED',
  'PATTERN_REMOVED',
  'MAXIMUM_INCREASED',
  'MAXIMUM_REMOVED',
  'MINIMUM_DECREASED',
  'MINIMUM_REMOVED',
  'EXCLUSIVE_MAXIMUM_INCREASED',
  'EXCLUSIVE_MAXIMUM_REMOVED',
  'EXCLUSIVE_MINIMUM_DECREASED',
  'EXCLUSIVE_MINIMUM_REMOVED',
  'MULTIPLE_OF_REDUCED',
  'MULTIPLE_OF_REMOVED',
  'REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED',
  'REQUIRED_ATTRIBUTE_REMOVED',
  'DEPENDENCY_ARRAY_NARROWED',
  'DEPENDENCY_ARRAY_REMOVED',
  'DEPENDENCY_SCHEMA_REMOVED',
  'MAX_PROPERTIES_INCREASED',
  'MAX_PROPERTIES_REMOVED',
  'MIN_PROPERTIES_DECREASED',
  'MIN_PROPERTIES_REMOVED',
  'ADDITIONAL_PROPERTIES_ADDED',
  'ADDITIONAL_PROPERTIES_EXTENDED',
  'UNEVALUATED_PROPERTIES_ADDED',
  'UNEVALUATED_PROPERTIES_EXTENDED',
  'PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL',
  'REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL',
  'OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL',
  'PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL',
  'PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL',
  'PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
  'PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
  'MAX_ITEMS_INCREASED',
  'MAX_ITEMS_REMOVED',
  'MIN_ITEMS_DECREASED',
  'MIN_ITEMS_REMOVED',
  'UNIQUE_ITEMS_REMOVED',
  'ADDITIONAL_ITEMS_ADDED',
  'ADDITIONAL_ITEMS_EXTENDED',
  'UNEVALUATED_ITEMS_ADDED',
  'UNEVALUATED_ITEMS_EXTENDED',
  'ITEM_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL',
  'ITEM_ADDED_TO_CLOSED_CONTENT_MODEL',
  'ITEM_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL',
  'ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL',
  'ITEM_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
  'ITEM_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
  'ENUM_ARRAY_EXTENDED',
  'COMBINED_TYPE_EXTENDED',
  'PRODUCT_TYPE_NARROWED',
  'SUM_TYPE_EXTENDED',
  'NOT_TYPE_NARROWED',
] as const;

/** What each breaking rule means, written writer → reader (see the file comment). */
const BREAKING = {
  SCHEMA_ADDED: 'the reader requires a schema where the writer had none',
  TYPE_NARROWED: 'the reader accepts only integers where the writer wrote any number',
  TYPE_CHANGED: 'the type changed',
  MAX_LENGTH_ADDED: 'maxLength added: longer strings the writer allowed are rejected',
  MAX_LENGTH_DECREASED: 'maxLength decreased: longer strings the writer allowed are rejected',
  MIN_LENGTH_ADDED: 'minLength added: shorter strings the writer allowed are rejected',
  MIN_LENGTH_INCREASED: 'minLength increased: shorter strings the writer allowed are rejected',
  PATTERN_ADDED: 'pattern added: strings the writer allowed may not match',
  PATTERN_CHANGED: 'pattern changed: strings the writer allowed may not match',
  MAXIMUM_ADDED: 'maximum added: larger numbers the writer allowed are rejected',
  MAXIMUM_DECREASED: 'maximum decreased: larger numbers the writer allowed are rejected',
  MINIMUM_ADDED: 'minimum added: smaller numbers the writer allowed are rejected',
  MINIMUM_INCREASED: 'minimum increased: smaller numbers the writer allowed are rejected',
  EXCLUSIVE_MAXIMUM_ADDED: 'exclusiveMaximum added: larger numbers the writer allowed are rejected',
  EXCLUSIVE_MAXIMUM_DECREASED: 'exclusiveMaximum decreased: larger numbers the writer allowed are rejected',
  EXCLUSIVE_MINIMUM_ADDED: 'exclusiveMinimum added: smaller numbers the writer allowed are rejected',
  EXCLUSIVE_MINIMUM_INCREASED: 'exclusiveMinimum increased: smaller numbers the writer allowed are rejected',
  MULTIPLE_OF_ADDED: 'multipleOf added: numbers the writer allowed are rejected',
  MULTIPLE_OF_EXPANDED:
    'multipleOf became a multiple of the old one: numbers the writer allowed are rejected',
  MULTIPLE_OF_CHANGED: 'multipleOf changed: numbers the writer allowed are rejected',
  REQUIRED_ATTRIBUTE_ADDED: 'property became required without a default: writer data may lack it',
  DEPENDENCY_ARRAY_ADDED: 'property dependency added: writer data may lack the dependent properties',
  DEPENDENCY_ARRAY_EXTENDED: 'property dependency extended: writer data may lack the added properties',
  DEPENDENCY_ARRAY_CHANGED: 'property dependency changed: writer data may lack the dependent properties',
  DEPENDENCY_SCHEMA_ADDED: 'schema dependency added: writer data may not satisfy it',
  MAX_PROPERTIES_ADDED: 'maxProperties added: objects the writer allowed are rejected',
  MAX_PROPERTIES_DECREASED: 'maxProperties decreased: objects the writer allowed are rejected',
  MIN_PROPERTIES_ADDED: 'minProperties added: objects the writer allowed are rejected',
  MIN_PROPERTIES_INCREASED: 'minProperties increased: objects the writer allowed are rejected',
  ADDITIONAL_PROPERTIES_REMOVED:
    'additionalProperties became false: extra properties the writer allowed are rejected',
  ADDITIONAL_PROPERTIES_NARROWED:
    'additionalProperties got a schema: extra properties the writer allowed may not match it',
  UNEVALUATED_PROPERTIES_REMOVED:
    'unevaluatedProperties became false: extra properties the writer allowed are rejected',
  UNEVALUATED_PROPERTIES_NARROWED:
    'unevaluatedProperties got a schema: extra properties the writer allowed may not match it',
  REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL:
    'required property added to an open content model: the writer may have written it with any value, or not at all',
  REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_OPEN_CONTENT_MODEL:
    'property added to an open content model: the writer may have written it with any value',
  OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL:
    'property added to an open content model: the writer may have written it with any value (close the old model with additionalProperties: false, or give the property an empty schema)',
  REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL:
    'required property without a default added: the writer never wrote it',
  PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL:
    'property removed from a closed content model: the reader rejects the property the writer wrote',
  PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL:
    "property removed, and the reader's patternProperties/additionalProperties schema does not accept what the writer wrote for it",
  PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL:
    "property added, and the writer's patternProperties/additionalProperties schema allowed values the new property rejects",
  MAX_ITEMS_ADDED: 'maxItems added: longer arrays the writer allowed are rejected',
  MAX_ITEMS_DECREASED: 'maxItems decreased: longer arrays the writer allowed are rejected',
  MIN_ITEMS_ADDED: 'minItems added: shorter arrays the writer allowed are rejected',
  MIN_ITEMS_INCREASED: 'minItems increased: shorter arrays the writer allowed are rejected',
  UNIQUE_ITEMS_ADDED: 'uniqueItems added: arrays with duplicates the writer allowed are rejected',
  ADDITIONAL_ITEMS_REMOVED: 'additionalItems became false: longer arrays the writer allowed are rejected',
  ADDITIONAL_ITEMS_NARROWED: 'additionalItems got a schema: extra items the writer allowed may not match it',
  UNEVALUATED_ITEMS_REMOVED: 'unevaluatedItems became false: extra items the writer allowed are rejected',
  UNEVALUATED_ITEMS_NARROWED:
    'unevaluatedItems got a schema: extra items the writer allowed may not match it',
  ITEM_ADDED_TO_OPEN_CONTENT_MODEL:
    'tuple item added to an open array: the writer may have written any value there',
  ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL:
    'tuple item removed from a closed array: the reader rejects the item the writer wrote',
  ITEM_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL:
    "tuple item removed, and the reader's additionalItems schema does not accept what the writer wrote there",
  ITEM_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL:
    "tuple item added, and the writer's additionalItems schema allowed values the new item rejects",
  ENUM_ARRAY_NARROWED: 'enum values removed: the writer may have written them',
  ENUM_ARRAY_CHANGED: 'enum/const values changed: the writer may have written a value the reader rejects',
  COMBINED_TYPE_CHANGED: 'combination changed (allOf/anyOf/oneOf) in a way that rejects writer data',
  PRODUCT_TYPE_EXTENDED: 'allOf gained a subschema: writer data may not satisfy it',
  SUM_TYPE_NARROWED: 'oneOf/anyOf lost a branch: writer data of that branch is rejected',
  COMBINED_TYPE_SUBSCHEMAS_CHANGED: 'a oneOf/anyOf/allOf branch has no compatible counterpart',
  NOT_TYPE_EXTENDED: '"not" now excludes values the writer allowed',
} as const;

export type JsonCompatibleRule = (typeof COMPATIBLE)[number];
export type JsonBreakingRule = keyof typeof BREAKING;
/** Every rule id the JSON Schema checker can produce. */
export type JsonRule = JsonCompatibleRule | JsonBreakingRule;

const COMPATIBLE_SET: ReadonlySet<string> = new Set(COMPATIBLE);

/** Every rule id, compatible ones first. */
export const JSON_RULES: readonly JsonRule[] = [
  ...COMPATIBLE,
  ...(Object.keys(BREAKING) as JsonBreakingRule[]),
];

/** Whether the registry (strict rules) accepts a change of this kind. */
export function isCompatibleRule(rule: JsonRule): rule is JsonCompatibleRule {
  return COMPATIBLE_SET.has(rule);
}

/** The one-line explanation of a breaking rule. */
export function explainRule(rule: JsonBreakingRule): string {
  return BREAKING[rule];
}
