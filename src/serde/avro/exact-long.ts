import * as avro from 'avsc';
import {
  markUnrepresentable,
  throwUnrepresentable,
  type OnUnrepresentable,
  type UnrepresentableValue,
} from './unrepresentable';
import { readBigLong, readSafeLong, writeBigLong, writeSafeLong, type Tap } from './zigzag-varint';

const MIN_LONG = -(2n ** 63n);
const MAX_LONG = 2n ** 63n - 1n;

/** avsc's resolver object: the reader's `_update` sets how it reads a writer's value. */
interface Resolver {
  _read: (tap: Tap) => unknown;
}

/** What avsc's internals call on a type; absent from its typings. */
interface TypeInternals {
  _read(tap: Tap): unknown;
}

function isLong(type: avro.Type): boolean {
  return type.typeName === 'long' || type.typeName === 'abstract:long';
}

function isBigintLong(v: unknown): v is bigint {
  return typeof v === 'bigint' && v >= MIN_LONG && v <= MAX_LONG;
}

/** `long` as a number: every safe integer exactly; a value past ±(2^53 − 1) is unrepresentable. */
function numberLongType(onUnsafe: OnUnrepresentable): avro.Type {
  const read = (tap: Tap): number | UnrepresentableValue => {
    const start = tap.pos;
    const n = readSafeLong(tap);
    if (n !== undefined) return n;
    if (tap.pos > tap.buf.length) return 0; // truncated: avsc reports it
    tap.pos = start;
    const big = readBigLong(tap);
    return onUnsafe(`long ${big} is outside ±(2^53 − 1) and cannot be a number; use long: 'bigint'`);
  };
  class NumberLongType extends avro.types.LongType {
    _read(tap: Tap): unknown {
      return read(tap);
    }
    _write(tap: Tap, value: unknown): void {
      if (!Number.isSafeInteger(value)) throw new Error(`invalid "long": ${String(value)}`);
      writeSafeLong(tap, value as number);
    }
    _check(value: unknown, _flags: unknown, hook?: (v: unknown, t: avro.Type) => void): boolean {
      const ok = Number.isSafeInteger(value);
      if (!ok && hook) hook(value, this);
      return ok;
    }
    _update(resolver: Resolver, writer: avro.Type): void {
      if (writer.typeName === 'int')
        resolver._read = (tap) => (writer as unknown as TypeInternals)._read(tap);
      else if (isLong(writer)) resolver._read = read;
    }
    _match(tap1: Tap, tap2: Tap): number {
      const a = readBigLong(tap1);
      const b = readBigLong(tap2);
      return a < b ? -1 : a > b ? 1 : 0;
    }
  }
  return new NumberLongType();
}

/** `long` as a bigint over the full signed 64-bit range; avsc sees it as an abstract long. */
function bigintLongType(): avro.Type {
  class BigintLongType extends avro.types.LongType {
    _read(tap: Tap): bigint {
      return readBigLong(tap);
    }
    _write(tap: Tap, value: unknown): void {
      if (!isBigintLong(value)) throw new Error(`invalid "long": ${String(value)}`);
      writeBigLong(tap, value);
    }
    _check(value: unknown, _flags: unknown, hook?: (v: unknown, t: avro.Type) => void): boolean {
      const ok = isBigintLong(value);
      if (!ok && hook) hook(value, this);
      return ok;
    }
    _update(resolver: Resolver, writer: avro.Type): void {
      if (writer.typeName === 'int') {
        resolver._read = (tap) => BigInt((writer as unknown as TypeInternals)._read(tap) as number);
      } else if (isLong(writer)) resolver._read = readBigLong;
    }
    _match(tap1: Tap, tap2: Tap): number {
      return this.compare(readBigLong(tap1), readBigLong(tap2));
    }
    /** Defaults come from JSON (a number, or a decimal string for values past 2^53). */
    _copy(value: unknown, opts?: { coerce?: number }): unknown {
      const v =
        opts?.coerce === 2 && (typeof value === 'number' || typeof value === 'string')
          ? BigInt(value)
          : value;
      if (opts?.coerce === 3) return String(v);
      if (!isBigintLong(v)) throw new Error(`invalid "long": ${String(value)}`);
      return v;
    }
    _deref(): string {
      return 'long';
    }
    override compare(a: bigint, b: bigint): number {
      return a < b ? -1 : a > b ? 1 : 0;
    }
    override random(): avro.types.LongType {
      // avsc's typings declare random() as returning a Type; at runtime it returns a value.
      return BigInt(Math.floor(Math.random() * 2 ** 32) - 2 ** 31) as unknown as avro.types.LongType;
    }
  }
  // avsc tells abstract longs by their type name: plain unions then test a bigint against the branch.
  Object.defineProperty(BigintLongType.prototype, 'typeName', { value: 'abstract:long' });
  Object.defineProperty(BigintLongType.prototype, '_concreteTypeName', { value: 'long' });
  return new BigintLongType();
}

/** The codec's `long` read as a number (throws past ±(2^53 − 1)). */
export const numberLong = numberLongType(throwUnrepresentable);
/** The same, returning a marker for values past ±(2^53 − 1) (used to locate the field). */
export const lenientNumberLong = numberLongType(markUnrepresentable);
/** The codec's `long` read as a bigint. */
export const bigintLong = bigintLongType();

/** Whether `type` is the codec's bigint long. */
export function isBigintLongType(type: avro.Type): boolean {
  return type === bigintLong;
}
