/**
 * A tiny Avro binary encoder written from the specification with BigInt arithmetic, independent of avsc and
 * of kgen's codec: the oracle the numeric-limit and round-trip property tests compare bytes against.
 */

/** Zigzag varint of a signed 64-bit (or 32-bit) integer. */
export function refLong(value: bigint): Buffer {
  let zz = BigInt.asUintN(64, (value << 1n) ^ (value >> 63n));
  const bytes: number[] = [];
  while (zz >= 0x80n) {
    bytes.push(Number(zz & 0x7fn) | 0x80);
    zz >>= 7n;
  }
  bytes.push(Number(zz));
  return Buffer.from(bytes);
}

/** Decodes one zigzag varint at the start of `buf`. */
export function refReadLong(buf: Buffer): bigint {
  let zz = 0n;
  let shift = 0n;
  for (const b of buf) {
    zz |= BigInt(b & 0x7f) << shift;
    shift += 7n;
    if (b < 0x80) break;
  }
  return (zz >> 1n) ^ -(zz & 1n);
}

export function refFloat(value: number): Buffer {
  const buf = Buffer.alloc(4);
  new DataView(buf.buffer, buf.byteOffset, 4).setFloat32(0, value, true);
  return buf;
}

export function refDouble(value: number): Buffer {
  const buf = Buffer.alloc(8);
  new DataView(buf.buffer, buf.byteOffset, 8).setFloat64(0, value, true);
  return buf;
}

/** `bytes` and `string`: a long length, then the bytes. */
export function refBytes(bytes: Buffer): Buffer {
  return Buffer.concat([refLong(BigInt(bytes.length)), bytes]);
}

/** Big-endian two's complement of `value` in the fewest bytes (what Java's BigInteger writes). */
export function refTwosComplement(value: bigint, size?: number): Buffer {
  let n = 1;
  while (value < -(1n << BigInt(8 * n - 1)) || value >= 1n << BigInt(8 * n - 1)) n++;
  const len = size ?? n;
  const out = Buffer.alloc(len);
  let v = BigInt.asUintN(8 * len, value);
  for (let i = len - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}
