import fc from 'fast-check';
import { createAvroCodec } from '../../../../src/serde/avro/codec';
import { DEFAULT_AVRO_CODEC_OPTIONS } from '../../../../src/serde/avro/default-options';
import { AvroDecodeError, AvroEncodeError } from '../../../../src/serde/avro/errors';
import { avroSchema, type AvroCodecOptions } from '../../../../src/topics';
import { refDouble, refFloat, refLong, refReadLong } from './avro-reference';

/** A codec of `{ "name": "C", "fields": [{ "name": "t", "type": <type> }] }`: its bytes are t's alone. */
function single(type: unknown, options: AvroCodecOptions = DEFAULT_AVRO_CODEC_OPTIONS) {
  const schema = JSON.stringify({ type: 'record', name: 'C', fields: [{ name: 't', type }] });
  const c = createAvroCodec<{ t: unknown }, { t: unknown }>(
    avroSchema({ name: 'C', schema, references: [], options }),
  );
  return { encode: (t: unknown) => c.encode({ t }), decode: (b: Buffer) => c.decode(b).t };
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

const P = (n: number): bigint => 2n ** BigInt(n);
const SAFE = P(53) - 1n;
const around = (edges: bigint[]): bigint[] => edges.flatMap((e) => [e - 1n, e, e + 1n, -e - 1n, -e, -e + 1n]);
/** Values at and around every boundary of the varint and of the number range. */
const LONG_EDGES = around([
  0n,
  P(6),
  P(7),
  P(13),
  P(14),
  P(30),
  P(31),
  P(32),
  P(52),
  SAFE,
  P(53),
  P(62),
  P(63) - 1n,
]);
const safeEdges = LONG_EDGES.filter((v) => v >= -SAFE && v <= SAFE);
const unsafeEdges = LONG_EDGES.filter((v) => (v > SAFE || v < -SAFE) && v >= -P(63) && v < P(63));
const safeLong = fc.oneof(fc.constantFrom(...safeEdges), fc.bigInt({ min: -SAFE, max: SAFE }));
const unsafeLong = fc.oneof(
  fc.constantFrom(...unsafeEdges),
  fc.bigInt({ min: SAFE + 1n, max: P(63) - 1n }),
  fc.bigInt({ min: -P(63), max: -SAFE - 1n }),
);

describe('Avro long with long: number (the default)', () => {
  const c = single('long');

  it('reproduces the issue: −(2^52 + 1) and −6000000000000001 keep their sign and value', () => {
    expect(c.decode(c.encode(-4503599627370497))).toBe(-4503599627370497);
    expect(c.decode(refLong(-6000000000000001n))).toBe(-6000000000000001);
    expect(c.encode(Number.MAX_SAFE_INTEGER)).toEqual(refLong(SAFE));
    expect(c.encode(Number.MIN_SAFE_INTEGER)).toEqual(refLong(-SAFE));
  });

  it('writes the bytes an independent encoder writes and reads them back, for every safe integer', () => {
    fc.assert(
      fc.property(safeLong, (v) => {
        const bytes = c.encode(Number(v));
        expect(bytes).toEqual(refLong(v));
        expect(refReadLong(bytes)).toBe(v);
        expect(c.decode(refLong(v))).toBe(Number(v));
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses past ±(2^53 − 1) on both sides, naming the field', () => {
    fc.assert(
      fc.property(unsafeLong, (v) => {
        const dec = thrown(() => c.decode(refLong(v)));
        expect(dec).toBeInstanceOf(AvroDecodeError);
        expect(dec).toMatchObject({ fieldPath: '$.t' });
        expect((dec as Error).message).toContain(`long ${v} is outside ±(2^53 − 1)`);
        const enc = thrown(() => c.encode(Number(v)));
        expect(enc).toBeInstanceOf(AvroEncodeError);
        expect(enc).toMatchObject({ fieldPath: '$.t' });
      }),
    );
  });

  it('names the path of an unsafe long inside a map, an array and a union', () => {
    const nested = single({ type: 'map', values: { type: 'array', items: ['null', 'string', 'long'] } });
    const map = Buffer.concat([
      refLong(1n), // one map entry
      refLong(1n),
      Buffer.from('k'),
      refLong(1n), // one array item
      refLong(2n), // union branch 2: long
      refLong(P(60)),
      refLong(0n),
      refLong(0n),
    ]);
    expect(thrown(() => nested.decode(map))).toMatchObject({ fieldPath: '$.t.k[0].long' });
  });

  it('names the field of an unsafe long read through a writer schema, and of a far timestamp', () => {
    const writer = JSON.stringify({
      type: 'record',
      name: 'C',
      fields: [
        { name: 'w', type: 'int', default: 0 },
        { name: 't', type: 'long' },
      ],
    });
    const reader = createAvroCodec(
      avroSchema({
        name: 'C',
        schema: JSON.stringify({ type: 'record', name: 'C', fields: [{ name: 't', type: 'long' }] }),
        references: [],
        options: DEFAULT_AVRO_CODEC_OPTIONS,
      }),
    );
    const read = reader.resolving({ schemaType: 'AVRO', schema: writer, references: [] });
    expect(thrown(() => read(Buffer.concat([refLong(1n), refLong(P(60))])))).toMatchObject({
      fieldPath: '$.t',
    });
    const ts = single({ type: 'long', logicalType: 'timestamp-millis' });
    const err = thrown(() => ts.decode(refLong(P(60))));
    expect(err).toMatchObject({ fieldPath: '$.t' });
    expect((err as Error).message).toContain('outside');
  });

  it('rejects a varint longer than 10 bytes instead of reading garbage', () => {
    const eleven = Buffer.from([...Array<number>(10).fill(0xff), 0x01]);
    expect(() => c.decode(eleven)).toThrow(AvroDecodeError);
  });
});

describe('Avro long with long: bigint', () => {
  const c = single('long', { ...DEFAULT_AVRO_CODEC_OPTIONS, long: 'bigint' });
  const anyLong = fc.oneof(
    fc.constantFrom(...LONG_EDGES.filter((v) => v >= -P(63) && v < P(63))),
    fc.bigInt({ min: -P(63), max: P(63) - 1n }),
  );

  it('matches the independent encoder over the full signed 64-bit range', () => {
    fc.assert(
      fc.property(anyLong, (v) => {
        expect(c.encode(v)).toEqual(refLong(v));
        expect(c.decode(refLong(v))).toBe(v);
      }),
      { numRuns: 1000 },
    );
  });

  it('fills long defaults as bigint (a JSON number, up to MAX_SAFE_INTEGER)', () => {
    const schema = JSON.stringify({
      type: 'record',
      name: 'D',
      fields: [
        { name: 'a', type: 'long', default: 5 },
        { name: 'b', type: 'long', default: Number.MAX_SAFE_INTEGER },
        { name: 'c', type: { type: 'long', logicalType: 'timestamp-micros' }, default: -1 },
      ],
    });
    const d = createAvroCodec(
      avroSchema({
        name: 'D',
        schema,
        references: [],
        options: { ...DEFAULT_AVRO_CODEC_OPTIONS, long: 'bigint' },
      }),
    );
    expect(d.decode(d.encode({}))).toEqual({ a: 5n, b: SAFE, c: -1 });
  });

  it('refuses ±2^63 and past, naming the field', () => {
    for (const v of [P(63), -P(63) - 1n, P(64)]) {
      expect(thrown(() => c.encode(v))).toMatchObject({ fieldPath: '$.t' });
    }
  });

  it('reads an int writer as bigint', () => {
    const writer = { schemaType: 'AVRO' as const, references: [] };
    const intCodec = single('int');
    const schema = JSON.stringify({ type: 'record', name: 'C', fields: [{ name: 't', type: 'int' }] });
    const reader = createAvroCodec<{ t: bigint }, { t: bigint }>(
      avroSchema({
        name: 'C',
        schema: JSON.stringify({ type: 'record', name: 'C', fields: [{ name: 't', type: 'long' }] }),
        references: [],
        options: { ...DEFAULT_AVRO_CODEC_OPTIONS, long: 'bigint' },
      }),
    );
    expect(reader.resolving({ ...writer, schema })(intCodec.encode(-(2 ** 31))).t).toBe(-(2n ** 31n));
  });
});

describe('Avro int', () => {
  const c = single('int');
  const INT_EDGES = around([0n, P(6), P(13), P(30), P(31) - 1n]).filter((v) => v >= -P(31) && v < P(31));

  it('matches the independent encoder over the int32 range', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom(...INT_EDGES), fc.bigInt({ min: -P(31), max: P(31) - 1n })),
        (v) => {
          expect(c.encode(Number(v))).toEqual(refLong(v));
          expect(c.decode(refLong(v))).toBe(Number(v));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('refuses values outside int32 and non-integers, naming the field', () => {
    for (const v of [2 ** 31, -(2 ** 31) - 1, 0.5, Number.NaN]) {
      expect(thrown(() => c.encode(v))).toMatchObject({ fieldPath: '$.t' });
    }
  });
});

describe('Avro float and double', () => {
  const float = single('float');
  const double = single('double');
  const specials = [Number.NaN, Infinity, -Infinity, -0, 0, 3.4028234663852886e38, 1.401298464324817e-45];

  it('double: the IEEE-754 bytes of any double, read back bit for bit (NaN, ±Infinity, −0)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...specials), fc.double()), (v) => {
        expect(double.encode(v)).toEqual(refDouble(v));
        expect(Object.is(double.decode(refDouble(v)), v)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('float: rounds to float32 as the spec says, and reads every float32 back exactly', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...specials, 16777217, 0.1), fc.double()), (v) => {
        expect(float.encode(v)).toEqual(refFloat(v));
        expect(Object.is(float.decode(float.encode(v)), Math.fround(v))).toBe(true);
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.float(), (v) => {
        expect(Object.is(float.decode(refFloat(v)), v)).toBe(true);
        expect(float.encode(float.decode(refFloat(v)))).toEqual(refFloat(v));
      }),
      { numRuns: 1000 },
    );
  });
});
