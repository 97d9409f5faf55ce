/**
 * Avro's zigzag varint for 64-bit `long`, done exactly. avsc's own long reads and writes values past 2^52
 * through float arithmetic (`-n * 2 - 1` cannot be represented past 2^53), which silently corrupts negative
 * values in (−2^53, −2^52]; these helpers work on two unsigned 32-bit halves instead.
 */

/** avsc's read/write cursor (absent from its typings). A read past the end leaves `pos > buf.length`. */
export interface Tap {
  buf: Buffer;
  pos: number;
}

const TWO_32 = 4294967296;
const TWO_31 = 2147483648;
/** `hi` (upper half of the zigzag value) at or past which |value| >= 2^53. */
const HI_UNSAFE = 0x400000;
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** A varint longer than 10 bytes: not a 64-bit value (Avro's Java reader rejects it too). */
export class MalformedLongError extends Error {
  constructor() {
    super('malformed long: a varint longer than 10 bytes');
    this.name = 'MalformedLongError';
  }
}

// The last zigzag value read, as unsigned halves; module state keeps the hot path allocation-free.
let zzLo = 0;
let zzHi = 0;

/** Reads one varint into `zzLo`/`zzHi`. A truncated buffer reads as zero bytes (avsc checks `pos` after). */
function readZigzag(tap: Tap): void {
  const buf = tap.buf;
  let pos = tap.pos;
  let lo = 0;
  let hi = 0;
  let b: number;
  let done = false;
  for (let shift = 0; shift < 28; shift += 7) {
    b = (buf[pos++] as number) | 0;
    lo |= (b & 0x7f) << shift;
    if (b < 0x80) {
      done = true;
      break;
    }
  }
  if (!done) {
    b = (buf[pos++] as number) | 0;
    lo |= (b & 0x7f) << 28;
    hi = (b & 0x7f) >>> 4;
    done = b < 0x80;
    for (let shift = 3; !done && shift < 32; shift += 7) {
      b = (buf[pos++] as number) | 0;
      hi |= (b & 0x7f) << shift;
      done = b < 0x80;
    }
    if (!done) throw new MalformedLongError();
  }
  tap.pos = pos;
  zzLo = lo >>> 0;
  zzHi = hi >>> 0;
}

function writeZigzag(tap: Tap, lo: number, hi: number): void {
  const buf = tap.buf;
  let pos = tap.pos;
  // Writes past the end are dropped by the Buffer; avsc sees `pos` past the end and retries larger.
  while (hi !== 0 || lo > 0x7f) {
    buf[pos++] = (lo & 0x7f) | 0x80;
    lo = ((lo >>> 7) | (hi << 25)) >>> 0;
    hi >>>= 7;
  }
  buf[pos++] = lo;
  tap.pos = pos;
}

/**
 * Reads a long as a number: exact for every safe integer; `undefined` when the value is outside
 * ±(2^53 − 1), where `readBigLong` gives the value.
 */
export function readSafeLong(tap: Tap): number | undefined {
  const first = tap.buf[tap.pos];
  if (first !== undefined && first < 0x80) {
    tap.pos++;
    return (first >>> 1) ^ -(first & 1); // one byte: −64..63
  }
  readZigzag(tap);
  if (zzHi >= HI_UNSAFE) return undefined;
  const half = zzHi * TWO_31 + (zzLo >>> 1);
  const value = zzLo & 1 ? -half - 1 : half;
  return value < Number.MIN_SAFE_INTEGER ? undefined : value;
}

/** Reads a long as a bigint (the full signed 64-bit range). */
export function readBigLong(tap: Tap): bigint {
  readZigzag(tap);
  const zz = (BigInt(zzHi) << 32n) | BigInt(zzLo);
  return (zz >> 1n) ^ -(zz & 1n);
}

/** Writes a safe integer (the caller has checked `Number.isSafeInteger`). */
export function writeSafeLong(tap: Tap, n: number): void {
  if (n >= -0x40000000 && n < 0x40000000) {
    writeZigzag(tap, ((n << 1) ^ (n >> 31)) >>> 0, 0);
    return;
  }
  // zigzag(n) = 2m + sign with m = n or −n − 1, both exact for safe n; split m into halves first.
  const sign = n < 0 ? 1 : 0;
  const m = sign ? -n - 1 : n;
  const mLo = m % TWO_32;
  const mHi = (m - mLo) / TWO_32;
  writeZigzag(tap, ((mLo << 1) | sign) >>> 0, ((mHi << 1) | (mLo >>> 31)) >>> 0);
}

/** Writes a bigint within the signed 64-bit range (the caller has checked it). */
export function writeBigLong(tap: Tap, n: bigint): void {
  if (n >= MIN_SAFE && n <= MAX_SAFE) {
    writeSafeLong(tap, Number(n));
    return;
  }
  const zz = BigInt.asUintN(64, (n << 1n) ^ (n >> 63n));
  writeZigzag(tap, Number(zz & 0xffffffffn), Number(zz >> 32n));
}
