import { CodegenError } from '../../../../../codegen/errors';
import { checkJsonSchemaCompatibility } from '../../../../../codegen/governance/json/check-json-schema';
import { resolve } from '../../../../../codegen/governance/json/json-diff-context';
import { checkJsonSchemaPair } from '../../../../../codegen/governance/json/json-schema-findings';
import { loadJsonSchema } from '../../../../../codegen/governance/json/json-schema-loader';
import type { JsonSchemaNode } from '../../../../../codegen/governance/json/json-schema-model';

const load = (s: unknown, refs: Array<[string, unknown]> = []) =>
  loadJsonSchema(
    JSON.stringify(s),
    'orders-value.json',
    refs.map(([n, t]) => [n, JSON.stringify(t)] as const),
  );
const prop = (node: JsonSchemaNode, name: string): JsonSchemaNode => {
  const o = resolve(node);
  if (o.kind !== 'object') throw new Error(`not an object: ${o.kind}`);
  const p = o.properties.get(name);
  if (!p) throw new Error(`no property ${name}`);
  return resolve(p);
};
const breaking = (prev: unknown, next: unknown, refs: Array<[string, unknown]> = []) =>
  checkJsonSchemaPair(load(next, refs), load(prev, refs), 'backward').map((f) => `${f.rule}@${f.path}`);

function codegenError(fn: () => unknown): CodegenError {
  try {
    fn();
  } catch (err) {
    if (err instanceof CodegenError) return err;
    throw err;
  }
  throw new Error('no error');
}

describe('JSON Schema walker', () => {
  it('reads a type array as anyOf of typed nodes and several keyword groups as an implicit allOf', () => {
    const s = load({
      type: 'object',
      properties: { a: { type: ['string', 'null'] }, b: { type: 'string', enum: ['X'] } },
    });
    const a = prop(s, 'a');
    expect(a.kind === 'combined' && [a.criterion, a.subschemas.map((n) => n.kind)]).toEqual([
      'anyOf',
      ['string', 'null'],
    ]);
    const b = prop(s, 'b');
    expect(b.kind === 'combined' && [b.criterion, b.subschemas.map((n) => n.kind)]).toEqual([
      'allOf',
      ['string', 'enum'],
    ]);
  });

  it('infers the type from keywords when `type` is absent, and reads `{}`/`true` as accept-all', () => {
    const s = load({ properties: { n: { maximum: 3 }, any: {}, yes: true, no: false } });
    expect(resolve(s).kind).toBe('object');
    expect(['n', 'any', 'yes', 'no'].map((k) => prop(s, k).kind)).toEqual([
      'number',
      'true',
      'true',
      'false',
    ]);
  });

  it('reads if/then/else as a group of its own, as the registry does (adding one changes the shape)', () => {
    const base = { type: 'object', properties: { a: { type: 'string' } } };
    const cond = { ...base, if: { required: ['a'] }, then: { required: ['b'] } };
    expect(breaking(base, cond)).toEqual(['TYPE_CHANGED@#/']);
    expect(breaking(cond, { ...cond, then: { required: ['c'] } })).toEqual([]);
  });

  it('resolves $defs, definitions, JSON pointers and $anchor', () => {
    const s = load({
      type: 'object',
      properties: {
        a: { $ref: '#/$defs/A' },
        b: { $ref: '#/definitions/B' },
        c: { $ref: '#/properties/a' },
        d: { $ref: '#street' },
      },
      $defs: { A: { type: 'integer' }, S: { $anchor: 'street', type: 'string' } },
      definitions: { B: { type: 'boolean' } },
    });
    expect(['a', 'b', 'c', 'd'].map((k) => prop(s, k).kind)).toEqual([
      'number',
      'boolean',
      'number',
      'string',
    ]);
  });

  it('resolves references passed in by name (registry references, sibling files), with their own local refs', () => {
    const address = {
      $defs: { Zip: { type: 'string' } },
      type: 'object',
      properties: { zip: { $ref: '#/$defs/Zip' } },
    };
    const s = load({ type: 'object', properties: { home: { $ref: 'address.json' } } }, [
      ['address.json', address],
    ]);
    expect(prop(prop(s, 'home'), 'zip').kind).toBe('string');
    // A sibling file in a subfolder is named by its path; the $ref names it relative to the referrer.
    const t = load({ type: 'object', properties: { home: { $ref: './address.json#/$defs/Zip' } } }, [
      ['orders/address.json', address],
    ]);
    expect(prop(t, 'home').kind).toBe('string');
  });

  it('compares a change inside a referenced schema', () => {
    const v1 = { type: 'object', properties: { zip: { type: 'string' } } };
    const v2 = { type: 'object', properties: { zip: { type: 'integer' } } };
    const root = { type: 'object', properties: { home: { $ref: 'address.json' } } };
    expect(
      checkJsonSchemaPair(
        loadJsonSchema(JSON.stringify(root), 'n', [['address.json', JSON.stringify(v2)]]),
        loadJsonSchema(JSON.stringify(root), 'p', [['address.json', JSON.stringify(v1)]]),
        'backward',
      ).map((f) => `${f.rule}@${f.path}`),
    ).toEqual(['TYPE_CHANGED@#/properties/home/properties/zip']);
  });

  it('ends on recursive schemas and still finds a change deep inside', () => {
    const tree = (leaf: unknown) => ({
      $ref: '#/$defs/Node',
      $defs: {
        Node: {
          type: 'object',
          additionalProperties: false,
          properties: { v: leaf, kids: { type: 'array', items: { $ref: '#/$defs/Node' } } },
        },
      },
    });
    expect(breaking(tree({ type: 'integer' }), tree({ type: 'integer' }))).toEqual([]);
    // Found at the root and again where the recursion reaches the same pair (the second pass knows it breaks).
    expect(breaking(tree({ type: 'integer' }), tree({ type: 'string' }))).toEqual([
      'TYPE_CHANGED@#/properties/v',
      'TYPE_CHANGED@#/properties/kids/items/properties/v',
    ]);
  });

  it('finds a change inside two definitions that refer to each other', () => {
    // A and B refer to each other; the change (B.v) is first met inside the cycle A → B → A.
    const graph = (v: string) => ({
      $ref: '#/$defs/A',
      $defs: {
        A: { type: 'object', properties: { b: { $ref: '#/$defs/B' } } },
        B: { type: 'object', properties: { a: { $ref: '#/$defs/A' }, v: { type: v } } },
      },
    });
    expect(breaking(graph('integer'), graph('string'))).toContain('TYPE_CHANGED@#/properties/b/properties/v');
  });

  it('a schema too recursive for the stack is a typed error, not a crash', () => {
    const defs: Record<string, unknown> = {};
    const n = 60;
    for (let i = 0; i < n; i++)
      defs[`D${i}`] = {
        type: 'object',
        properties: {
          next: {
            oneOf: [{ type: 'null' }, ...[1, 3, 5, 7].map((k) => ({ $ref: `#/$defs/D${(i + k) % n}` }))],
          },
        },
      };
    const s = { $ref: '#/$defs/D0', $defs: defs };
    const next = { ...s, $defs: { ...defs, D1: { type: 'string' } } };
    const err = codegenError(() => breaking(s, next));
    expect(err.code).toBe('SCHEMA_TOO_COMPLEX');
    // Through the level logic the error names the schema's file.
    const viaCheck = codegenError(() =>
      checkJsonSchemaCompatibility({
        file: 'schemas/graph.json',
        next: { text: JSON.stringify(next) },
        previous: [{ text: JSON.stringify(s) }],
        level: 'BACKWARD',
      }),
    );
    expect([viaCheck.code, viaCheck.location.file]).toEqual(['SCHEMA_TOO_COMPLEX', 'schemas/graph.json']);
  });

  it('keeps $ref siblings from draft 2019-09 on, and drops them up to draft 7', () => {
    const with7 = { $schema: 'http://json-schema.org/draft-07/schema#', $defs: { S: { type: 'string' } } };
    const with2020 = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $defs: { S: { type: 'string' } },
    };
    const field = (base: object, f: object) => ({ ...base, type: 'object', properties: { a: f } });
    expect(
      breaking(field(with7, { $ref: '#/$defs/S' }), field(with7, { $ref: '#/$defs/S', maxLength: 3 })),
    ).toEqual([]);
    expect(
      breaking(field(with2020, { $ref: '#/$defs/S' }), field(with2020, { $ref: '#/$defs/S', maxLength: 3 })),
    ).not.toEqual([]);
  });

  it('reads draft 4 boolean exclusive bounds and 2020-12 prefixItems', () => {
    const d4 = load({ type: 'number', maximum: 5, exclusiveMaximum: true });
    expect(d4.kind === 'number' && [d4.maximum, d4.exclusiveMaximum]).toEqual([undefined, 5]);
    const tuple = load({ type: 'array', prefixItems: [{ type: 'string' }], items: false });
    expect(tuple.kind === 'array' && [tuple.itemList.length, tuple.additional]).toEqual([1, false]);
  });
});

describe('JSON Schema walker: bad input names the file and where', () => {
  it('invalid JSON', () => {
    const err = codegenError(() => loadJsonSchema('{"type": ', 'schemas/orders-value.json'));
    expect([err.code, err.location.file]).toEqual(['SCHEMA_PARSE', 'schemas/orders-value.json']);
  });

  it('a $ref to nothing, found when the schema is read (not in the middle of a check)', () => {
    const err = codegenError(() => load({ type: 'object', properties: { a: { $ref: '#/$defs/Missing' } } }));
    expect([err.code, err.location.file, err.location.path]).toEqual([
      'SCHEMA_INVALID',
      'orders-value.json',
      '#/properties/a',
    ]);
    const other = codegenError(() => load({ $ref: 'customer.json' }));
    expect([other.code, other.message]).toEqual([
      'SCHEMA_INVALID',
      '$ref "customer.json" names no schema this one references',
    ]);
  });

  it('an unknown type, a schema that is not an object, a bad pattern', () => {
    expect(codegenError(() => load({ properties: { a: { type: 'text' } } })).location.path).toBe(
      '#/properties/a/type',
    );
    expect(codegenError(() => load({ properties: { a: 3 } })).location.path).toBe('#/properties/a');
    expect(codegenError(() => load({ patternProperties: { '(': {} } })).code).toBe('SCHEMA_INVALID');
  });
});
