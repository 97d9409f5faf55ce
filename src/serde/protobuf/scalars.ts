import { util } from 'protobufjs';
import { INT64_TYPES, UNSIGNED_64 } from './wkt';

/**
 * Where a value sits: the path of its parent and its key there (`.name` for a field, a number for an array
 * index, `["k"]` for a map entry). Kept apart so the full path string is only built for an error.
 */
export type Key = string | number;
/** The full field path of `key` under `path`. */
export function pathOf(path: string, key: Key): string {
  return typeof key === 'number' ? `${path}[${key}]` : `${path}${key}`;
}
/** Throws with a field path and a problem; the converter turns it into a ProtobufEncodeError. */
export type Fail = (path: string, key: Key, problem: string) => never;
/** Plain value → what protobufjs's encoder takes. */
export type Encode = (value: unknown, path: string, key: Key) => unknown;
/** What protobufjs's decoder produced → plain value. */
export type Decode = (value: unknown) => unknown;

/** Short description of a bad value for error messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Uint8Array) return 'bytes';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid Date (NaN time)' : 'a Date';
  if (typeof value === 'string')
    return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return `${typeof value} ${String(value)}${typeof value === 'bigint' ? 'n' : ''}`;
  return typeof value;
}

const DECIMAL_KEY = /^-?(?:0|[1-9][0-9]*)$/;
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** protobufjs takes 64-bit values as `{ low, high }` bit halves (Long-compatible). */
export function bigintToBits(value: bigint): { low: number; high: number } {
  const u = BigInt.asUintN(64, value);
  return { low: Number(u & 0xffffffffn) | 0, high: Number(u >> 32n) | 0 };
}

/** A protobufjs 64-bit value (Long, LongBits-like or number) → bigint. */
export function bitsToBigint(value: unknown, unsigned: boolean): bigint {
  if (typeof value === 'number') return BigInt(value);
  if (typeof value === 'bigint') return value;
  if (typeof value === 'string') return BigInt(value);
  const { low, high } = value as { low: number; high: number };
  return halvesToBigint(low, high, unsigned);
}

/** The 64-bit integer of two 32-bit halves → bigint. */
export function halvesToBigint(low: number, high: number, unsigned: boolean): bigint {
  // Below 2^53 the double arithmetic is exact and much cheaper than BigInt shifts.
  const hi = unsigned ? high >>> 0 : high | 0;
  if (hi < 0x200000 && hi >= -0x200000) return BigInt(hi * 4294967296 + (low >>> 0));
  const u = (BigInt(high >>> 0) << 32n) | BigInt(low >>> 0);
  return unsigned ? u : BigInt.asIntN(64, u);
}

function toBigint(type: string, value: unknown, path: string, key: Key, fail: Fail): bigint {
  let n: bigint;
  if (typeof value === 'bigint') n = value;
  else if (typeof value === 'number' && Number.isSafeInteger(value)) n = BigInt(value);
  else if (typeof value === 'string' && /^-?\d+$/.test(value)) n = BigInt(value);
  else
    return fail(
      path,
      key,
      `expected a 64-bit integer (bigint or decimal string) for ${type}, got ${describe(value)}`,
    );
  const unsigned = UNSIGNED_64.has(type);
  if (unsigned ? n < 0n || n > UINT64_MAX : n < INT64_MIN || n > INT64_MAX) {
    return fail(path, key, `${n} is out of range for ${type}`);
  }
  return n;
}

const INT32_RANGE: Readonly<Record<string, readonly [number, number]>> = {
  int32: [-0x80000000, 0x7fffffff],
  sint32: [-0x80000000, 0x7fffffff],
  sfixed32: [-0x80000000, 0x7fffffff],
  uint32: [0, 0xffffffff],
  fixed32: [0, 0xffffffff],
};

/** Encoder for one scalar type (`int64`: bigint accepted; strings and safe numbers too). */
export function scalarEncoder(type: string, fail: Fail): Encode {
  if (INT64_TYPES.has(type)) {
    return (v, p, k) => {
      const n = toBigint(type, v, p, k, fail);
      // protobufjs takes safe integers as numbers directly; only larger values need the bit halves.
      return n >= MIN_SAFE && n <= MAX_SAFE ? Number(n) : bigintToBits(n);
    };
  }
  const range = INT32_RANGE[type];
  if (range) {
    const [min, max] = range;
    return (v, p, k) =>
      typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max
        ? v
        : fail(p, k, `expected an integer in [${min}, ${max}] for ${type}, got ${describe(v)}`);
  }
  switch (type) {
    case 'double':
      return (v, p, k) =>
        typeof v === 'number' ? v : fail(p, k, `expected a number for ${type}, got ${describe(v)}`);
    case 'float':
      // A finite double beyond float's range would be written as Infinity.
      return (v, p, k) =>
        typeof v !== 'number'
          ? fail(p, k, `expected a number for ${type}, got ${describe(v)}`)
          : Number.isFinite(v) && !Number.isFinite(Math.fround(v))
            ? fail(p, k, `${v} is out of range for float (±3.4028234663852886e38)`)
            : v;
    case 'bool':
      return (v, p, k) => (typeof v === 'boolean' ? v : fail(p, k, `expected a boolean, got ${describe(v)}`));
    case 'string':
      return (v, p, k) => (typeof v === 'string' ? v : fail(p, k, `expected a string, got ${describe(v)}`));
    case 'bytes':
      return (v, p, k) =>
        v instanceof Uint8Array ? v : fail(p, k, `expected bytes (Uint8Array or Buffer), got ${describe(v)}`);
    default:
      throw new Error(`unsupported scalar type ${type}`);
  }
}

/** Decoder for one scalar type. */
export function scalarDecoder(type: string, int64: 'bigint' | 'string'): Decode {
  if (INT64_TYPES.has(type)) {
    const unsigned = UNSIGNED_64.has(type);
    return int64 === 'bigint'
      ? (v) => bitsToBigint(v, unsigned)
      : (v) => bitsToBigint(v, unsigned).toString();
  }
  if (type === 'bytes') return (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v as Uint8Array));
  return (v) => v;
}

/** The proto3 default of a scalar type in its plain shape. */
export function scalarDefault(type: string, int64: 'bigint' | 'string'): unknown {
  if (INT64_TYPES.has(type)) return int64 === 'bigint' ? 0n : '0';
  switch (type) {
    case 'bool':
      return false;
    case 'string':
      return '';
    case 'bytes':
      return Buffer.alloc(0);
    default:
      return 0;
  }
}

/**
 * Map key (always a string on plain objects) → the key protobufjs's encoder expects. `path`/`at` locate the
 * entry for errors.
 */
export function mapKeyEncoder(keyType: string, fail: Fail): (key: string, path: string, at: Key) => string {
  if (keyType === 'string') return (k) => k;
  if (keyType === 'bool')
    return (k, p, at) =>
      k === 'true' || k === 'false'
        ? k
        : fail(p, at, `map key ${JSON.stringify(k)} is not "true" or "false"`);
  const encode = scalarEncoder(keyType, fail);
  if (INT64_TYPES.has(keyType)) {
    return (k, p, at) => {
      const bits = encode(/^-?\d+$/.test(k) ? k : NaN, p, at) as { low: number; high: number };
      const hash = util.longToHash(bits as never);
      // protobufjs reads a decimal-looking key as a number; such hashes only occur below 2^63, where the
      // decimal form means the same value.
      return DECIMAL_KEY.test(hash) ? bitsToBigint(bits, false).toString() : hash;
    };
  }
  return (k, p, at) => {
    encode(/^-?\d+$/.test(k) ? Number(k) : NaN, p, at);
    return k;
  };
}
