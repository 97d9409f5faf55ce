import fc from 'fast-check';
import { Root, parse, util, type Type } from 'protobufjs';
import { createProtobufCodec, resolveProtobufOptions } from '../../../../src/serde/protobuf';
import { protobufSchema } from '../../../../src/topics';

// Every Protobuf integer kind (and float/double/bool, and 64-bit map keys) at and around its limits, in both
// directions, against an independent implementation: protobufjs's reflection `Type.encode`/`Type.decode`
// (interpreted from the schema, with long.js for 64-bit values), not kgen's compiled encoder/decoder.
const SCHEMA = `syntax = "proto3";
package n;
message L {
  int32 i32 = 1; uint32 u32 = 2; sint32 s32 = 3; fixed32 f32 = 4; sfixed32 sf32 = 5;
  int64 i64 = 6; uint64 u64 = 7; sint64 s64 = 8; fixed64 f64 = 9; sfixed64 sf64 = 10;
  float fl = 11; double db = 12; bool b = 13;
  repeated int64 ri64 = 14; repeated uint32 ru32 = 15;
  map<int64, int32> m_i64 = 16; map<uint64, int32> m_u64 = 17; map<sint64, int32> m_s64 = 18;
  map<fixed64, int32> m_f64 = 19; map<sfixed64, int32> m_sf64 = 20; map<int32, uint64> m_i32 = 21;
  map<uint32, sint64> m_u32 = 22;
}
`;
const KINDS = {
  i32: [-(2n ** 31n), 2n ** 31n - 1n],
  u32: [0n, 2n ** 32n - 1n],
  s32: [-(2n ** 31n), 2n ** 31n - 1n],
  f32: [0n, 2n ** 32n - 1n],
  sf32: [-(2n ** 31n), 2n ** 31n - 1n],
  i64: [-(2n ** 63n), 2n ** 63n - 1n],
  u64: [0n, 2n ** 64n - 1n],
  s64: [-(2n ** 63n), 2n ** 63n - 1n],
  f64: [0n, 2n ** 64n - 1n],
  sf64: [-(2n ** 63n), 2n ** 63n - 1n],
} as const;
type Kind = keyof typeof KINDS;
const is64 = (k: string): boolean => k.endsWith('64');
const MAP_KEYS = { mI64: 'i64', mU64: 'u64', mS64: 's64', mF64: 'f64', mSf64: 'sf64' } as const;

const codec = createProtobufCodec(
  protobufSchema<Record<string, unknown>, Record<string, unknown>>({
    name: 'n.L',
    fileName: 'n.proto',
    schema: SCHEMA,
    references: [],
    options: resolveProtobufOptions({}),
  }),
);
const root = new Root();
parse(SCHEMA, root);
root.resolveAll();
const reflected = root.lookupType('n.L') as Type;
const unsignedKey = (f: string): boolean => f === 'mU64' || f === 'mF64';

/** Values at and around the limits of [min, max], and random ones inside. */
function around([min, max]: readonly [bigint, bigint]): fc.Arbitrary<bigint> {
  const edges = [
    min,
    min + 1n,
    max - 1n,
    max,
    0n,
    1n,
    -1n,
    2n ** 31n,
    2n ** 32n,
    2n ** 53n,
    2n ** 53n + 1n,
    -(2n ** 53n) - 1n,
  ];
  return fc.oneof(fc.constantFrom(...edges.filter((v) => v >= min && v <= max)), fc.bigInt({ min, max }));
}

/** A random message in kgen's plain shape (64-bit as bigint, 32-bit as number). */
const value = fc.record({
  ...Object.fromEntries(
    (Object.keys(KINDS) as Kind[]).map((k) => [k, around(KINDS[k]).map((v) => (is64(k) ? v : Number(v)))]),
  ),
  fl: fc.oneof(
    fc.constantFrom(3.4028234663852886e38, -3.4028234663852886e38, 1.401298464324817e-45, -0),
    fc.float(),
  ),
  db: fc.oneof(
    fc.constantFrom(Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, Infinity, -Infinity),
    fc.double(),
  ),
  b: fc.boolean(),
  ri64: fc.array(around(KINDS.i64), { maxLength: 4 }),
  ru32: fc.array(around(KINDS.u32).map(Number), { maxLength: 4 }),
  ...Object.fromEntries(
    Object.entries(MAP_KEYS).map(([f, k]) => [
      f,
      fc
        .array(fc.tuple(around(KINDS[k]).map(String), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })), {
          maxLength: 3,
        })
        .map((e) => Object.fromEntries(e)),
    ]),
  ),
  mI32: fc
    .array(fc.tuple(around(KINDS.i32).map(String), around(KINDS.u64)), { maxLength: 3 })
    .map((e) => Object.fromEntries(e)),
  mU32: fc
    .array(fc.tuple(around(KINDS.u32).map(String), around(KINDS.s64)), { maxLength: 3 })
    .map((e) => Object.fromEntries(e)),
});

/** protobufjs's decoded message → kgen's plain shape (decimal strings → bigint, hashed 64-bit keys → decimal). */
function fromReflection(bytes: Uint8Array): Record<string, unknown> {
  const obj = reflected.toObject(reflected.decode(bytes), {
    longs: String,
    defaults: true,
    arrays: true,
    objects: true,
  });
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (k in KINDS) out[k] = is64(k) ? BigInt(v as string) : v;
    else if (k === 'ri64') out[k] = (v as string[]).map(BigInt);
    else if (k in MAP_KEYS)
      out[k] = Object.fromEntries(
        Object.entries(v as Record<string, number>).map(([h, n]) => [
          // protobufjs keys 64-bit entries by an 8-character bit hash (a zero key it fills in as "0").
          h.length === 8 ? util.LongBits.fromHash(h).toLong(unsignedKey(k)).toString() : h,
          n,
        ]),
      );
    else if (k === 'mI32' || k === 'mU32')
      out[k] = Object.fromEntries(
        Object.entries(v as Record<string, string>).map(([key, n]) => [key, BigInt(n)]),
      );
    else out[k] = v;
  }
  return out;
}

/** kgen's plain shape → a protobufjs message (64-bit as decimal strings, which long.js parses exactly). */
function toReflection(v: Record<string, unknown>): Uint8Array {
  const plain = JSON.parse(JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x)));
  for (const f of ['fl', 'db'] as const) plain[f] = v[f]; // keep -0, ±Infinity
  for (const f of Object.keys(MAP_KEYS))
    plain[f] = Object.fromEntries(
      Object.entries(plain[f] as Record<string, number>).map(([key, n]) => [
        util.longToHash(LongClass.fromString(key, unsignedKey(f))),
        n,
      ]),
    );
  return reflected.encode(reflected.fromObject(plain)).finish();
}

/** long.js, as protobufjs loaded it (its typings leave the static parser out). */
const LongClass = util.Long as unknown as {
  fromString(s: string, unsigned: boolean): Parameters<typeof util.longToHash>[0];
};
const normalized = (v: Record<string, unknown>): Record<string, unknown> => ({
  ...v,
  fl: Math.fround(v['fl'] as number),
});

describe('Protobuf numeric limits against protobufjs reflection (property)', () => {
  it('kgen encodes every kind at its limits as protobufjs reads it', () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(fromReflection(codec.encode(v))).toEqual(normalized(v));
      }),
      { numRuns: 500 },
    );
  });

  it('kgen decodes what protobufjs writes at the limits', () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(codec.decode(Buffer.from(toReflection(v)))).toEqual(normalized(v));
      }),
      { numRuns: 500 },
    );
  });

  it.each(Object.entries(KINDS))(
    '%s: one past either limit is refused, naming the field',
    (k, [min, max]) => {
      for (const bad of [min - 1n, max + 1n]) {
        const v = is64(k) ? bad : Number(bad);
        expect(() => codec.encode({ [k]: v })).toThrow(
          new RegExp(`field "L\\.${k}": .*(out of range|expected an integer in)`),
        );
      }
    },
  );

  it('64-bit map keys one past their limits are refused, naming the entry', () => {
    for (const [f, k] of Object.entries(MAP_KEYS)) {
      const [min, max] = KINDS[k];
      for (const bad of [min - 1n, max + 1n])
        expect(() => codec.encode({ [f]: { [bad.toString()]: 1 } })).toThrow(
          new RegExp(`field "L\\.${f}\\["${bad}"\\]": ${bad} is out of range`),
        );
    }
  });

  it('an unsafe number for a 64-bit field, a fraction, NaN and a float overflow are refused', () => {
    expect(() => codec.encode({ i64: 2 ** 53 + 2 })).toThrow(/field "L\.i64": expected a 64-bit integer/);
    expect(() => codec.encode({ i32: 1.5 })).toThrow(/field "L\.i32": expected an integer/);
    expect(() => codec.encode({ u32: NaN })).toThrow(/field "L\.u32": expected an integer/);
    expect(() => codec.encode({ fl: 3.5e38 })).toThrow(/field "L\.fl": 3\.5e\+38 is out of range for float/);
    expect(() => codec.encode({ fl: Infinity, db: NaN })).not.toThrow();
  });
});
