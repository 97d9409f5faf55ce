/**
 * A JSON Schema cut into the typed pieces the compatibility rules compare, the way the Confluent registry's
 * schema library reads one: `type` picks a typed node carrying only its own keywords, a `type` array becomes
 * an `anyOf` of typed nodes, and a schema using several keyword groups (a type plus `enum`, `oneOf`, ...)
 * becomes an implicit `allOf` of one node per group. `true`/`{}` accept everything, `false` nothing.
 */
export type JsonSchemaNode =
  | TrueNode
  | FalseNode
  | NullNode
  | BooleanNode
  | StringNode
  | NumberNode
  | ObjectNode
  | ArrayNode
  | EnumNode
  | ConstNode
  | CombinedNode
  | NotNode
  | ConditionalNode
  | RefNode;

/** Keywords every node keeps: only `default` changes a verdict (a required property with a default). */
interface Annotated {
  readonly hasDefault: boolean;
}

export interface TrueNode extends Annotated {
  readonly kind: 'true';
}
export interface FalseNode extends Annotated {
  readonly kind: 'false';
}
export interface NullNode extends Annotated {
  readonly kind: 'null';
}
export interface BooleanNode extends Annotated {
  readonly kind: 'boolean';
}
export interface StringNode extends Annotated {
  readonly kind: 'string';
  readonly minLength: number | undefined;
  readonly maxLength: number | undefined;
  readonly pattern: string | undefined;
}
export interface NumberNode extends Annotated {
  readonly kind: 'number';
  /** `type: integer`. */
  readonly integer: boolean;
  readonly minimum: number | undefined;
  readonly maximum: number | undefined;
  readonly exclusiveMinimum: number | undefined;
  readonly exclusiveMaximum: number | undefined;
  readonly multipleOf: number | undefined;
}
export interface ObjectNode extends Annotated {
  readonly kind: 'object';
  readonly properties: ReadonlyMap<string, JsonSchemaNode>;
  readonly required: ReadonlySet<string>;
  /** `additionalProperties: false` → false; absent or `true` → true; a schema → that schema. */
  readonly additional: boolean | JsonSchemaNode;
  readonly patternProperties: ReadonlyArray<readonly [RegExp, JsonSchemaNode]>;
  readonly unevaluated: JsonSchemaNode | undefined;
  readonly minProperties: number | undefined;
  readonly maxProperties: number | undefined;
  /** `dependencies`/`dependentRequired` with a list of names. */
  readonly propertyDependencies: ReadonlyMap<string, ReadonlySet<string>>;
  /** `dependencies`/`dependentSchemas` with a schema. */
  readonly schemaDependencies: ReadonlyMap<string, JsonSchemaNode>;
}
export interface ArrayNode extends Annotated {
  readonly kind: 'array';
  /** `items` as one schema for every item. */
  readonly allItems: JsonSchemaNode | undefined;
  /** Positional item schemas: `items` as an array (draft 7) or `prefixItems` (2020-12). */
  readonly itemList: readonly JsonSchemaNode[];
  /** Items past the positional ones: `additionalItems` (or `items` beside `prefixItems`). */
  readonly additional: boolean | JsonSchemaNode;
  readonly unevaluated: JsonSchemaNode | undefined;
  readonly minItems: number | undefined;
  readonly maxItems: number | undefined;
  readonly uniqueItems: boolean;
}
export interface EnumNode extends Annotated {
  readonly kind: 'enum';
  /** Canonical JSON of each value (order-free comparison). */
  readonly values: ReadonlySet<string>;
}
export interface ConstNode extends Annotated {
  readonly kind: 'const';
  readonly value: string;
}
export type Criterion = 'allOf' | 'anyOf' | 'oneOf';
export interface CombinedNode extends Annotated {
  readonly kind: 'combined';
  readonly criterion: Criterion;
  readonly subschemas: readonly JsonSchemaNode[];
}
export interface NotNode extends Annotated {
  readonly kind: 'not';
  readonly schema: JsonSchemaNode;
}
/** `if`/`then`/`else`: a group of its own (so adding one is a change of shape), its contents not compared. */
export interface ConditionalNode extends Annotated {
  readonly kind: 'conditional';
}
/** A `$ref`, resolved on first use so recursive schemas stay finite. */
export interface RefNode extends Annotated {
  readonly kind: 'ref';
  readonly ref: string;
  readonly target: () => JsonSchemaNode;
}
