/** A JSON value that does not fit the schema: where (JSON path from the value's root) and why. */
export class RecordShapeError extends Error {
  readonly path: string;
  readonly reason: string;
  constructor(path: string, reason: string) {
    super(`${path}: ${reason}`);
    this.name = 'RecordShapeError';
    this.path = path;
    this.reason = reason;
  }
}

/** `$.a`, `$.a[2]`, `$["odd key"]`. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** A short description of a JSON value for error messages. */
export function describeJson(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  const text = JSON.stringify(v);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Bytes from their base64 rendering (standard alphabet, padded). */
export function bytesFromBase64(v: unknown, path: string): Buffer {
  if (typeof v !== 'string' || !BASE64.test(v))
    throw new RecordShapeError(path, `expected bytes as a base64 string, got ${describeJson(v)}`);
  return Buffer.from(v, 'base64');
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** A 64-bit integer from a decimal string (how it is rendered) or a safe-integer number. */
export function int64FromJson(v: unknown, path: string, unsigned = false): bigint {
  let n: bigint | undefined;
  if (typeof v === 'string' && /^-?\d{1,20}$/.test(v)) n = BigInt(v);
  else if (typeof v === 'number' && Number.isSafeInteger(v)) n = BigInt(v);
  if (n === undefined)
    throw new RecordShapeError(
      path,
      `expected a 64-bit integer as a decimal string (or a safe integer), got ${describeJson(v)}`,
    );
  if (unsigned ? n < 0n || n > UINT64_MAX : n < INT64_MIN || n > INT64_MAX)
    throw new RecordShapeError(path, `${v} is outside the ${unsigned ? 'unsigned ' : ''}64-bit range`);
  return n;
}

/** A float or double: a number, or "NaN" / "Infinity" / "-Infinity" (JSON has no literal for them). */
export function floatFromJson(v: unknown, path: string): number {
  if (typeof v === 'number') return v;
  if (v === 'NaN') return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  throw new RecordShapeError(path, `expected a number, got ${describeJson(v)}`);
}

/** A float as JSON: non-finite values as the strings {@link floatFromJson} reads back. */
export function floatToJson(v: number): number | string {
  return Number.isFinite(v) ? v : String(v);
}

/** An integer within [min, max]. */
export function intFromJson(v: unknown, path: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
    throw new RecordShapeError(path, `expected an integer in [${min}, ${max}], got ${describeJson(v)}`);
  return v;
}

export function expectType(v: unknown, type: 'string' | 'boolean', path: string): void {
  if (typeof v !== type) throw new RecordShapeError(path, `expected a ${type}, got ${describeJson(v)}`);
}

export function expectObject(v: unknown, path: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new RecordShapeError(path, `expected an object, got ${describeJson(v)}`);
  return v as Record<string, unknown>;
}

export function expectArray(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) throw new RecordShapeError(path, `expected an array, got ${describeJson(v)}`);
  return v;
}
