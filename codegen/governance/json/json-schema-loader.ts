import { CodegenError } from '../../errors';
import type { ArrayNode, JsonSchemaNode, ObjectNode, RefNode } from './json-schema-model';
import { refNamesDocument } from './json-schema-refs';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Canonical JSON (sorted keys) so equal values compare equal whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const STRING_KEYS = ['minLength', 'maxLength', 'pattern', 'format'];
const NUMBER_KEYS = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'];
const OBJECT_KEYS = [
  'properties',
  'required',
  'additionalProperties',
  'patternProperties',
  'unevaluatedProperties',
  'minProperties',
  'maxProperties',
  'dependencies',
  'dependentRequired',
  'dependentSchemas',
  'propertyNames',
];
const ARRAY_KEYS = [
  'items',
  'prefixItems',
  'additionalItems',
  'unevaluatedItems',
  'minItems',
  'maxItems',
  'uniqueItems',
  'contains',
];
const TYPES = ['null', 'boolean', 'string', 'number', 'integer', 'object', 'array'] as const;
type TypeName = (typeof TYPES)[number];

/** One JSON document a `$ref` can point into: the schema itself or a reference passed in resolved. */
interface Document {
  readonly name: string;
  readonly root: Json;
}

/**
 * Parses a JSON Schema text; `references` are the schemas it refers to by name (registry references, whose
 * name is what `$ref` says, or sibling files), `[name, text]`. Local `$ref`s (`#/$defs/X`, `#/definitions/X`,
 * any JSON pointer, `$anchor`s) resolve inside their own document; `name#/pointer` inside a reference.
 * Bad JSON, a schema that is not an object or boolean, and a `$ref` to nothing are bad input naming `where`.
 */
export function loadJsonSchema(
  text: string,
  where: string,
  references: ReadonlyArray<readonly [string, string]> = [],
): JsonSchemaNode {
  const docs = new Map<string, Document>();
  const parse = (t: string, w: string): Json => {
    try {
      return JSON.parse(t) as Json;
    } catch (err) {
      throw new CodegenError('SCHEMA_PARSE', `invalid JSON Schema JSON: ${(err as Error).message}`, {
        file: w,
      });
    }
  };
  for (const [name, refText] of references) {
    docs.set(name, { name, root: parse(refText, `${where} (reference ${name})`) });
  }
  const main: Document = { name: '', root: parse(text, where) };
  const loader = new Loader(main, docs, where);
  const root = loader.load(main, '');
  loader.resolveAll(); // a `$ref` to nothing is bad input now, not in the middle of a check
  return root;
}

class Loader {
  private readonly cache = new Map<string, JsonSchemaNode>();
  private readonly refs: RefNode[] = [];

  constructor(
    private readonly main: Document,
    private readonly docs: ReadonlyMap<string, Document>,
    private readonly where: string,
  ) {}

  private fail(message: string, pointer: string, doc: Document): never {
    const file = doc.name ? `${this.where} (reference ${doc.name})` : this.where;
    throw new CodegenError('SCHEMA_INVALID', message, { file, path: `#${pointer}` });
  }

  /** Resolves every reference met so far, and those their targets contain. */
  resolveAll(): void {
    for (let i = 0; i < this.refs.length; i++) this.refs[i]?.target();
  }

  /** The node of the schema at `pointer` (a JSON pointer, '' = root) in `doc`, built once. */
  load(doc: Document, pointer: string): JsonSchemaNode {
    const key = `${doc.name}#${pointer}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const raw = this.at(doc, pointer);
    if (raw === undefined) this.fail(`$ref target ${pointer || '/'} does not exist`, pointer, doc);
    const node = this.build(doc, pointer, raw);
    this.cache.set(key, node);
    return node;
  }

  private at(doc: Document, pointer: string): Json | undefined {
    let cur: Json | undefined = doc.root;
    for (const raw of pointer.split('/').slice(1)) {
      const seg = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      if (Array.isArray(cur)) cur = cur[Number(seg)];
      else if (isObject(cur)) cur = Object.prototype.hasOwnProperty.call(cur, seg) ? cur[seg] : undefined;
      else return undefined;
    }
    return cur;
  }

  private child(doc: Document, pointer: string, ...segs: Array<string | number>): JsonSchemaNode {
    return this.load(
      doc,
      `${pointer}/${segs.map((s) => String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`,
    );
  }

  private build(doc: Document, pointer: string, raw: Json): JsonSchemaNode {
    if (raw === true) return { kind: 'true', hasDefault: false };
    if (raw === false) return { kind: 'false', hasDefault: false };
    if (!isObject(raw)) this.fail('a schema must be an object or a boolean', pointer, doc);
    const hasDefault = Object.prototype.hasOwnProperty.call(raw, 'default');
    if (typeof raw['$ref'] === 'string') {
      // Up to draft 7 a `$ref` replaces its siblings; later drafts apply both (an implicit allOf).
      const ref = this.ref(doc, pointer, raw['$ref']);
      const rest = Object.keys(raw).filter((k) => !IGNORED_BESIDE_REF.has(k));
      if (rest.length === 0 || isDraft7OrOlder(this.main.root)) return ref;
      const siblings = Object.fromEntries(Object.entries(raw).filter(([k]) => k !== '$ref'));
      const own = this.groups(doc, pointer, siblings, hasDefault);
      return own.length === 0
        ? ref
        : { kind: 'combined', criterion: 'allOf', subschemas: [ref, ...own], hasDefault };
    }
    const groups = this.groups(doc, pointer, raw, hasDefault);
    if (groups.length === 0) return { kind: 'true', hasDefault };
    if (groups.length === 1) return groups[0] as JsonSchemaNode;
    return { kind: 'combined', criterion: 'allOf', subschemas: groups, hasDefault };
  }

  private ref(doc: Document, pointer: string, ref: string): RefNode {
    const hash = ref.indexOf('#');
    const base = hash < 0 ? ref : ref.slice(0, hash);
    const fragment = hash < 0 ? '' : ref.slice(hash + 1);
    let resolved: JsonSchemaNode | undefined;
    const find = (): JsonSchemaNode => {
      const inDoc = base === '' || base === rootId(doc.root) ? doc : this.document(base);
      if (!inDoc) this.fail(`$ref "${ref}" names no schema this one references`, pointer, doc);
      if (fragment === '' || fragment.startsWith('/')) {
        if (this.at(inDoc, fragment) === undefined)
          this.fail(`$ref "${ref}" points to nothing`, pointer, doc);
        return this.load(inDoc, fragment);
      }
      const anchored = findAnchor(inDoc.root, fragment, '');
      if (anchored === undefined) this.fail(`$ref "${ref}": no $anchor "${fragment}"`, pointer, doc);
      return this.load(inDoc, anchored);
    };
    const node: RefNode = { kind: 'ref', ref, target: () => (resolved ??= find()), hasDefault: false };
    this.refs.push(node);
    return node;
  }

  private document(base: string): Document | undefined {
    for (const d of this.docs.values()) if (d.name === base || rootId(d.root) === base) return d;
    for (const d of this.docs.values()) if (refNamesDocument(base, d.name)) return d;
    return undefined;
  }

  /** One node per keyword group the schema uses (see the type's comment). */
  private groups(doc: Document, pointer: string, raw: JsonObject, hasDefault: boolean): JsonSchemaNode[] {
    const out: JsonSchemaNode[] = [];
    const type = raw['type'];
    if (typeof type === 'string' || Array.isArray(type)) {
      const names = (Array.isArray(type) ? type : [type]).map((t) => {
        if (typeof t !== 'string' || !(TYPES as readonly string[]).includes(t))
          this.fail(`unknown type ${JSON.stringify(t)}`, `${pointer}/type`, doc);
        return t as TypeName;
      });
      const typed = names.map((t) => this.typed(doc, pointer, raw, t, names.length === 1 && hasDefault));
      if (typed.length === 1) out.push(typed[0] as JsonSchemaNode);
      else if (typed.length > 1)
        out.push({ kind: 'combined', criterion: 'anyOf', subschemas: typed, hasDefault });
    } else if (type !== undefined) {
      this.fail('"type" must be a string or an array of strings', `${pointer}/type`, doc);
    } else {
      // No `type`: each keyword group present implies its type.
      const has = (keys: readonly string[]): boolean => keys.some((k) => k in raw);
      if (has(STRING_KEYS)) out.push(this.typed(doc, pointer, raw, 'string', hasDefault));
      if (has(NUMBER_KEYS)) out.push(this.typed(doc, pointer, raw, 'number', hasDefault));
      if (has(OBJECT_KEYS)) out.push(this.typed(doc, pointer, raw, 'object', hasDefault));
      if (has(ARRAY_KEYS)) out.push(this.typed(doc, pointer, raw, 'array', hasDefault));
    }
    if (Array.isArray(raw['enum'])) {
      out.push({ kind: 'enum', values: new Set(raw['enum'].map(canonicalJson)), hasDefault });
    }
    if ('const' in raw) out.push({ kind: 'const', value: canonicalJson(raw['const']), hasDefault });
    if ('not' in raw) out.push({ kind: 'not', schema: this.child(doc, pointer, 'not'), hasDefault });
    if ('if' in raw) out.push({ kind: 'conditional', hasDefault });
    for (const criterion of ['allOf', 'anyOf', 'oneOf'] as const) {
      const list = raw[criterion];
      if (list === undefined) continue;
      if (!Array.isArray(list) || list.length === 0)
        this.fail(`"${criterion}" must be a non-empty array`, `${pointer}/${criterion}`, doc);
      out.push({
        kind: 'combined',
        criterion,
        subschemas: list.map((_, i) => this.child(doc, pointer, criterion, i)),
        hasDefault,
      });
    }
    return out;
  }

  private typed(
    doc: Document,
    pointer: string,
    raw: JsonObject,
    type: TypeName,
    hasDefault: boolean,
  ): JsonSchemaNode {
    const num = (k: string): number | undefined => {
      const v = raw[k];
      if (v === undefined || typeof v === 'boolean') return undefined; // draft 4 boolean exclusives: see below
      if (typeof v !== 'number') this.fail(`"${k}" must be a number`, `${pointer}/${k}`, doc);
      return v;
    };
    switch (type) {
      case 'null':
        return { kind: 'null', hasDefault };
      case 'boolean':
        return { kind: 'boolean', hasDefault };
      case 'string':
        return {
          kind: 'string',
          minLength: num('minLength'),
          maxLength: num('maxLength'),
          pattern: typeof raw['pattern'] === 'string' ? raw['pattern'] : undefined,
          hasDefault,
        };
      case 'number':
      case 'integer': {
        // Draft 4 spells an exclusive bound as `exclusiveMaximum: true` beside `maximum`.
        const min = num('minimum');
        const max = num('maximum');
        const exMinFlag = raw['exclusiveMinimum'] === true;
        const exMaxFlag = raw['exclusiveMaximum'] === true;
        return {
          kind: 'number',
          integer: type === 'integer',
          minimum: exMinFlag ? undefined : min,
          maximum: exMaxFlag ? undefined : max,
          exclusiveMinimum: exMinFlag ? min : num('exclusiveMinimum'),
          exclusiveMaximum: exMaxFlag ? max : num('exclusiveMaximum'),
          multipleOf: num('multipleOf'),
          hasDefault,
        };
      }
      case 'object':
        return this.object(doc, pointer, raw, hasDefault);
      case 'array':
        return this.array(doc, pointer, raw, hasDefault);
    }
  }

  private object(doc: Document, pointer: string, raw: JsonObject, hasDefault: boolean): ObjectNode {
    const properties = new Map<string, JsonSchemaNode>();
    const props = raw['properties'];
    if (props !== undefined && !isObject(props))
      this.fail('"properties" must be an object', `${pointer}/properties`, doc);
    for (const name of Object.keys(props ?? {}))
      properties.set(name, this.child(doc, pointer, 'properties', name));
    const required = raw['required'];
    if (required !== undefined && !(Array.isArray(required) && required.every((r) => typeof r === 'string')))
      this.fail('"required" must be an array of property names', `${pointer}/required`, doc);
    const patterns: Array<readonly [RegExp, JsonSchemaNode]> = [];
    const patternProps = raw['patternProperties'];
    for (const p of Object.keys(isObject(patternProps) ? patternProps : {})) {
      let re: RegExp;
      try {
        re = new RegExp(p, 'u');
      } catch (err) {
        this.fail(
          `invalid pattern ${JSON.stringify(p)}: ${(err as Error).message}`,
          `${pointer}/patternProperties`,
          doc,
        );
      }
      patterns.push([re, this.child(doc, pointer, 'patternProperties', p)]);
    }
    const propertyDependencies = new Map<string, ReadonlySet<string>>();
    const schemaDependencies = new Map<string, JsonSchemaNode>();
    for (const key of ['dependencies', 'dependentRequired', 'dependentSchemas']) {
      const deps = raw[key];
      if (!isObject(deps)) continue;
      for (const [name, dep] of Object.entries(deps)) {
        if (Array.isArray(dep)) propertyDependencies.set(name, new Set(dep.map(String)));
        else schemaDependencies.set(name, this.child(doc, pointer, key, name));
      }
    }
    const count = (k: string): number | undefined => (typeof raw[k] === 'number' ? raw[k] : undefined);
    return {
      kind: 'object',
      properties,
      required: new Set((required as string[] | undefined) ?? []),
      additional: this.openness(doc, pointer, raw, 'additionalProperties'),
      patternProperties: patterns,
      unevaluated:
        'unevaluatedProperties' in raw ? this.child(doc, pointer, 'unevaluatedProperties') : undefined,
      minProperties: count('minProperties'),
      maxProperties: count('maxProperties'),
      propertyDependencies,
      schemaDependencies,
      hasDefault,
    };
  }

  private array(doc: Document, pointer: string, raw: JsonObject, hasDefault: boolean): ArrayNode {
    const items = raw['items'];
    const prefix = raw['prefixItems'];
    const count = (k: string): number | undefined => (typeof raw[k] === 'number' ? raw[k] : undefined);
    let allItems: JsonSchemaNode | undefined;
    let itemList: JsonSchemaNode[] = [];
    let additional: boolean | JsonSchemaNode = this.openness(doc, pointer, raw, 'additionalItems');
    if (Array.isArray(prefix)) {
      itemList = prefix.map((_, i) => this.child(doc, pointer, 'prefixItems', i));
      if (items !== undefined) additional = this.openness(doc, pointer, raw, 'items');
    } else if (Array.isArray(items)) {
      itemList = items.map((_, i) => this.child(doc, pointer, 'items', i));
    } else if (items !== undefined) {
      allItems = this.child(doc, pointer, 'items');
    }
    return {
      kind: 'array',
      allItems,
      itemList,
      additional,
      unevaluated: 'unevaluatedItems' in raw ? this.child(doc, pointer, 'unevaluatedItems') : undefined,
      minItems: count('minItems'),
      maxItems: count('maxItems'),
      uniqueItems: raw['uniqueItems'] === true,
      hasDefault,
    };
  }

  /** `false` → closed, absent/`true` → open, a schema object → that schema (even `{}`: the registry's reading). */
  private openness(doc: Document, pointer: string, raw: JsonObject, key: string): boolean | JsonSchemaNode {
    const v = raw[key];
    if (v === undefined || v === true) return true;
    if (v === false) return false;
    return this.child(doc, pointer, key);
  }
}

/** Keywords that say nothing about the value and so leave a `$ref` alone. */
const IGNORED_BESIDE_REF = new Set([
  '$ref',
  '$comment',
  'title',
  'description',
  'default',
  'examples',
  '$defs',
  'definitions',
  '$id',
  '$schema',
  '$anchor',
]);

function isDraft7OrOlder(root: Json): boolean {
  const s = isObject(root) ? root['$schema'] : undefined;
  return typeof s !== 'string' || !/(2019-09|2020-12)/.test(s);
}

function rootId(root: Json): string | undefined {
  if (!isObject(root)) return undefined;
  const id = root['$id'] ?? root['id'];
  return typeof id === 'string' ? id : undefined;
}

/** The JSON pointer of the subschema declaring `$anchor: name` (or draft-7 `$id: "#name"`). */
function findAnchor(node: Json, name: string, pointer: string): string | undefined {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const found = findAnchor(node[i] as Json, name, `${pointer}/${i}`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (!isObject(node)) return undefined;
  if (node['$anchor'] === name || node['$id'] === `#${name}`) return pointer;
  for (const [k, v] of Object.entries(node)) {
    if (k === 'enum' || k === 'const' || k === 'default' || k === 'examples') continue;
    const found = findAnchor(v, name, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    if (found !== undefined) return found;
  }
  return undefined;
}
