import { generateAvro } from '../../../../codegen/avro/generate-avro';
import { DEFAULT_AVRO_OPTIONS, resolveAvroOptions } from '../../../../codegen/avro/options';
import { CodegenError } from '../../../../codegen/errors';
import { createAvroCodec } from '../../../../src/serde/avro/codec';
import { DEFAULT_AVRO_CODEC_OPTIONS } from '../../../../src/serde/avro/default-options';
import { AvroEncodeError } from '../../../../src/serde/avro/errors';
import { avroSchema } from '../../../../src/topics';

/** Names every plain object inherits: as Avro field names, map keys and enum symbols they are only data. */
const NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'] as const;

type Bag = Record<string, unknown>;

function codec(schema: unknown) {
  return createAvroCodec<Bag, Bag>(
    avroSchema({
      name: 'P',
      schema: JSON.stringify(schema),
      references: [],
      options: DEFAULT_AVRO_CODEC_OPTIONS,
    }),
  );
}

/** An object with own properties `entries` (an object literal or assignment would set `__proto__`). */
function own(entries: Record<string, unknown>): Bag {
  const out: Bag = {};
  for (const [k, v] of Object.entries(entries)) {
    Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

const ownEntries = (v: unknown) => Object.entries(v as Bag);

const defaulted = {
  type: 'record',
  name: 'P',
  fields: [
    ...NAMES.map((name) => ({ name, type: 'string', default: `d-${name}` })),
    { name: 'm', type: { type: 'map', values: 'int' }, default: {} },
  ],
};

describe('Avro names that are Object.prototype members', () => {
  const c = codec(defaulted);

  it('fills defaulted fields a value leaves out, instead of reading the inherited member (the issue)', () => {
    const decoded = c.decode(c.encode({}));
    expect(ownEntries(decoded)).toEqual([...NAMES.map((n) => [n, `d-${n}`]), ['m', {}]]);
  });

  it('round-trips given values of such fields as own properties, __proto__ included', () => {
    const value = own({ ...Object.fromEntries(NAMES.map((n) => [n, `v-${n}`])), m: {} });
    const decoded = c.decode(c.encode(value));
    expect(ownEntries(decoded)).toEqual(ownEntries(value));
    expect(Object.getPrototypeOf(decoded)).not.toBe(null);
    expect(c.accepts(decoded)).toBe(true);
  });

  it('keeps map keys named like prototype members, __proto__ included', () => {
    const m = own(Object.fromEntries(NAMES.map((n, i) => [n, i])));
    const decoded = c.decode(c.encode({ m }))['m'] as Bag;
    expect(ownEntries(decoded)).toEqual(ownEntries(m));
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
  });

  it('fills a map default whose keys are prototype members', () => {
    const schema =
      '{"type":"record","name":"D","fields":[{"name":"m","type":{"type":"map","values":"int"},"default":{"__proto__":1,"constructor":2}}]}';
    const d = createAvroCodec<Bag, Bag>(
      avroSchema({ name: 'D', schema, references: [], options: DEFAULT_AVRO_CODEC_OPTIONS }),
    );
    expect(ownEntries(d.decode(d.encode({}))['m'])).toEqual([
      ['__proto__', 1],
      ['constructor', 2],
    ]);
  });

  it('takes enum symbols named like prototype members, and refuses undeclared ones', () => {
    const e = codec({
      type: 'record',
      name: 'E',
      fields: [{ name: 'e', type: { type: 'enum', name: 'En', symbols: ['constructor', '__proto__', 'A'] } }],
    });
    for (const s of ['constructor', '__proto__', 'A']) expect(e.decode(e.encode({ e: s }))['e']).toBe(s);
    expect(() => e.encode({ e: 'toString' })).toThrow(AvroEncodeError);
    expect(() => e.encode({ e: 'toString' })).toThrow(/\$\.e: expected one of the enum symbols/);
  });

  it('refuses a wrapped union value keyed by an inherited name, naming the field', () => {
    const u = codec({ type: 'record', name: 'U', fields: [{ name: 'u', type: ['null', 'string', 'int'] }] });
    expect(u.decode(u.encode({ u: { string: 'x' } }))['u']).toEqual({ string: 'x' });
    for (const key of NAMES.slice(1)) {
      expect(() => u.encode({ u: { [key]: 'x' } })).toThrow(AvroEncodeError);
    }
  });

  it('takes named types called like prototype members (in wrapped and nullable unions too)', () => {
    const n = codec({
      type: 'record',
      name: 'N',
      fields: [
        { name: 'a', type: { type: 'record', name: 'constructor', fields: [{ name: 'x', type: 'int' }] } },
        { name: 'b', type: ['null', 'int', 'constructor'] },
        { name: 'c', type: ['null', 'constructor'] },
      ],
    });
    expect(n.decode(n.encode({ a: { x: 1 }, b: { constructor: { x: 2 } }, c: { x: 3 } }))).toEqual({
      a: { x: 1 },
      b: { constructor: { x: 2 } },
      c: { x: 3 },
    });
  });

  it('refuses a required field named constructor that the value lacks, as missing', () => {
    const r = codec({ type: 'record', name: 'R', fields: [{ name: 'constructor', type: 'string' }] });
    expect(() => r.encode({})).toThrow(/\$\.constructor: missing required field/);
  });

  it('reads an older writer without such fields through the reader defaults, and a newer one with them', () => {
    const writer = {
      type: 'record',
      name: 'P',
      fields: [{ name: 'm', type: { type: 'map', values: 'int' } }],
    };
    const payload = codec(writer).encode({ m: own({ __proto__: 7 }) });
    const read = c.resolving({ schemaType: 'AVRO', schema: JSON.stringify(writer), references: [] });
    const decoded = read(payload);
    expect(ownEntries(decoded)).toEqual([...NAMES.map((n) => [n, `d-${n}`]), ['m', own({ __proto__: 7 })]]);
    const back = codec(writer).resolving({
      schemaType: 'AVRO',
      schema: JSON.stringify(defaulted),
      references: [],
    });
    expect(ownEntries(back(c.encode({ toString: 'x', m: { a: 1 } })))).toEqual([['m', { a: 1 }]]);
  });
});

describe('the generator with names that are Object.prototype members', () => {
  const source = (schema: unknown) => ({
    format: 'AVRO' as const,
    path: 'p.avsc',
    text: JSON.stringify(schema),
    references: [],
  });

  it('accepts a record default that leaves such defaulted fields out', () => {
    const outer = {
      type: 'record',
      name: 'Outer',
      fields: [{ name: 'p', type: defaulted, default: {} }],
    };
    const out = generateAvro([source(outer)], DEFAULT_AVRO_OPTIONS);
    const text = out.files.map((f) => f.content).join('\n');
    expect(text).toContain('constructor?: string;');
    expect(text).toContain('__proto__?: string;');
  });

  it('emits an enum symbol __proto__ as a computed key (a plain one would set the prototype)', () => {
    const e = { type: 'enum', name: 'En', symbols: ['__proto__', 'constructor'] };
    const text = generateAvro([source(e)], DEFAULT_AVRO_OPTIONS).files[0]!.content;
    expect(text).toContain("{ ['__proto__']: '__proto__', constructor: 'constructor' } as const");
  });

  it('keeps a schema attribute named __proto__ in the emitted schema text', () => {
    const text = '{"type":"record","name":"A","__proto__":{"x":1},"fields":[{"name":"a","type":"int"}]}';
    const out = generateAvro(
      [{ format: 'AVRO', path: 'a.avsc', text, references: [] }],
      DEFAULT_AVRO_OPTIONS,
    );
    expect(out.files[0]!.content).toContain('"name":"A","__proto__":{"x":1},"fields"');
  });

  it('rejects an avro option named like a prototype member as unknown', () => {
    for (const key of ['constructor', 'toString', '__proto__']) {
      expect(() => resolveAvroOptions(own({ [key]: 'x' }))).toThrow(CodegenError);
      expect(() => resolveAvroOptions(own({ [key]: 'x' }))).toThrow(/unknown avro option/);
    }
  });
});
