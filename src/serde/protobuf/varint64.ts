import type { Reader } from 'protobufjs';
import { halvesToBigint } from './scalars';

/**
 * Reads a 64-bit varint straight into a bigint: protobufjs's `int64()` allocates a LongBits and a Long per
 * value, which the plain shape then converts again. `zigzag` for sint64.
 */
export function readVarint64(r: Reader, unsigned: boolean, zigzag: boolean): bigint {
  const buf = r.buf;
  const end = r.len;
  let pos = r.pos;
  let lo = 0;
  let hi = 0;
  let b: number;
  let done = false;
  // Bytes 1-4 fill bits 0-27, byte 5 bits 28-34, bytes 6-10 bits 35-63.
  for (let shift = 0; shift < 28 && !done; shift += 7) {
    if (pos >= end) throw RangeError('index out of range');
    b = buf[pos++]!;
    lo |= (b & 127) << shift;
    done = b < 128;
  }
  if (!done) {
    if (pos >= end) throw RangeError('index out of range');
    b = buf[pos++]!;
    lo |= (b & 127) << 28;
    hi = (b & 127) >> 4;
    done = b < 128;
  }
  for (let shift = 3; shift < 32 && !done; shift += 7) {
    if (pos >= end) throw RangeError('index out of range');
    b = buf[pos++]!;
    hi |= (b & 127) << shift;
    done = b < 128;
  }
  if (!done) throw Error('invalid varint encoding');
  r.pos = pos;
  if (zigzag) {
    const sign = -(lo & 1);
    lo = (lo >>> 1) | (hi << 31);
    lo ^= sign;
    hi = (hi >>> 1) ^ sign;
  }
  return halvesToBigint(lo, hi, unsigned);
}
