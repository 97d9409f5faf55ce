import * as avro from 'avsc';

const MIN = -(2n ** 63n);
const MAX = 2n ** 63n - 1n;

/** Avro `long` as `bigint` (full 64-bit range), through avsc's abstract long hook. */
export const bigintLongType: avro.Type = avro.types.LongType.__with({
  fromBuffer: (buf: Buffer): bigint => buf.readBigInt64LE(0),
  toBuffer: (n: bigint): Buffer => {
    const buf = Buffer.allocUnsafe(8);
    buf.writeBigInt64LE(n);
    return buf;
  },
  fromJSON: (json: number | string | bigint): bigint => BigInt(json),
  // JSON has no 64-bit integers; a decimal string keeps every digit.
  toJSON: (n: bigint): string => n.toString(),
  isValid: (n: unknown): boolean => typeof n === 'bigint' && n >= MIN && n <= MAX,
  compare: (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0),
});
