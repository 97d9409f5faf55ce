/** Exact decimal ↔ Avro `decimal` bytes (big-endian two's complement of the unscaled value). */

const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?$/;

/** Unscaled integer of `text` at `scale`, or a reason it does not fit `precision`/`scale`. */
export function parseDecimal(text: string, precision: number, scale: number): bigint | string {
  const m = DECIMAL.exec(text);
  if (!m) return `"${text}" is not a decimal number (expected digits with an optional "." and sign)`;
  const fraction = m[3] ?? '';
  if (fraction.length > scale) {
    return `"${text}" has ${fraction.length} fractional digits; the schema's scale is ${scale}`;
  }
  const digits = ((m[2] ?? '') + fraction.padEnd(scale, '0')).replace(/^0+(?=\d)/, '');
  if (digits !== '0' && digits.length > precision) {
    return `"${text}" has ${digits.length} significant digits; the schema's precision is ${precision}`;
  }
  const unscaled = BigInt(digits);
  return m[1] === '-' ? -unscaled : unscaled;
}

/** `unscaled / 10^scale` written exactly, e.g. `(-1234n, 2)` → `"-12.34"`. */
export function formatDecimal(unscaled: bigint, scale: number): string {
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  const whole = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${whole}` : whole;
}

/** Two's complement big-endian bytes; `size` fixes the length (fixed), otherwise the minimal length (bytes). */
export function decimalToBytes(unscaled: bigint, size?: number): Buffer | undefined {
  let length = size ?? 1;
  if (size === undefined) {
    while (unscaled >= 1n << BigInt(8 * length - 1) || unscaled < -(1n << BigInt(8 * length - 1))) length++;
  } else if (unscaled >= 1n << BigInt(8 * size - 1) || unscaled < -(1n << BigInt(8 * size - 1))) {
    return undefined;
  }
  const bits = BigInt(8 * length);
  const hex = BigInt.asUintN(Number(bits), unscaled)
    .toString(16)
    .padStart(2 * length, '0');
  return Buffer.from(hex, 'hex');
}

/** The unscaled integer of two's complement big-endian bytes. */
export function bytesToDecimal(bytes: Buffer): bigint {
  if (bytes.length === 0) return 0n;
  return BigInt.asIntN(8 * bytes.length, BigInt(`0x${bytes.toString('hex')}`));
}
