import * as avro from 'avsc';
import { daysToIsoDate, isoDateToDays } from './calendar';
import { bytesToDecimal, decimalToBytes, formatDecimal, parseDecimal } from './decimal';
import type { LogicalRepresentation, RuntimeBucket } from './representation';
import { logicalBucket } from './representation';
import { isBigintLongType } from './exact-long';
import { UnrepresentableValue, type OnUnrepresentable } from './unrepresentable';

const MS_PER_DAY = 86_400_000;
/** A `Date` holds ±8.64e15 ms (±100 000 000 days) around the epoch. */
const MAX_DATE_MS = 8.64e15;
const MAX_DATE_DAYS = 100_000_000;

type Schema = Readonly<Record<string, unknown>>;

function baseTypeName(type: avro.Type): string {
  return type.typeName === 'abstract:long' ? 'long' : type.typeName;
}

/** The exact integer of a raw `long` read as a number or a bigint. */
function toBigint(raw: number | bigint): bigint {
  return typeof raw === 'bigint' ? raw : BigInt(raw);
}

/** Base of the codec's logical types: resolution from writers and a reason for invalid values. */
export abstract class KgenLogicalType<R extends LogicalRepresentation = LogicalRepresentation>
  extends avro.types.LogicalType
{
  constructor(
    schema: Schema,
    opts: unknown,
    readonly representation: R,
    /** Called with the reason when a decoded value has no exact representation. */
    protected readonly unrepresentable: OnUnrepresentable,
  ) {
    super(schema as avro.Schema, opts);
  }

  /** What `unions: 'plain'` sees this value as. */
  get bucket(): RuntimeBucket {
    return logicalBucket(this.representation);
  }

  /** Why `value` cannot be written, for error messages. */
  abstract explain(value: unknown): string;

  /** Writers of the same logical type are already converted; bare underlying writers are converted here. */
  protected override _resolve(writer: avro.Type): ((value: unknown) => unknown) | undefined {
    if (writer instanceof KgenLogicalType) {
      return JSON.stringify(writer.representation) === JSON.stringify(this.representation)
        ? (value) => value
        : undefined;
    }
    const from = baseTypeName(writer);
    const to = baseTypeName(this.underlyingType);
    if (from === to || (from === 'int' && to === 'long')) return (value) => this._fromValue(value);
    return undefined;
  }

  protected override _export(schema: avro.Schema): void {
    const attrs = schema as Record<string, unknown>;
    if (this.representation.kind === 'decimal') {
      attrs['precision'] = this.representation.precision;
      attrs['scale'] = this.representation.scale;
    }
  }
}

function floorDiv(n: bigint, d: bigint): bigint {
  const q = n / d;
  return n % d !== 0n && n < 0n ? q - 1n : q;
}

/**
 * `timestamp-*` / `local-timestamp-*` on `long`: a `Date` (millis, exact), a count as a `number` (when `long`
 * is `bigint`) or a `bigint` (when `long` is `number`), or a `Date` floored from micros (`date-lossy`).
 */
export class TimestampType extends KgenLogicalType<Extract<LogicalRepresentation, { kind: 'timestamp' }>> {
  private readonly bigintLong = isBigintLongType(this.underlyingType);

  protected override _fromValue(
    raw: number | bigint | UnrepresentableValue,
  ): Date | number | bigint | UnrepresentableValue {
    if (raw instanceof UnrepresentableValue) return raw; // the lenient twin's marker from the long itself
    const { as, unit } = this.representation;
    if (as === 'bigint') return toBigint(raw);
    if (as === 'number') {
      const n = Number(raw);
      if (!Number.isSafeInteger(n) || toBigint(raw) !== BigInt(n)) {
        return this.unrepresentable(
          `timestamp-${unit} ${raw} is outside ±(2^53 − 1) and cannot be a number; use ${
            unit === 'millis' ? "timestamps: 'date'" : "timestampMicros: 'bigint'"
          }`,
        );
      }
      return n;
    }
    const ms = unit === 'millis' ? toBigint(raw) : floorDiv(toBigint(raw), 1000n);
    if (ms > BigInt(MAX_DATE_MS) || ms < -BigInt(MAX_DATE_MS)) {
      return this.unrepresentable(
        `timestamp-${unit} ${raw} is outside the range of a Date (±8.64e15 ms); use ${
          unit === 'millis' ? "timestamps: 'number'" : "timestampMicros: 'bigint'"
        }`,
      );
    }
    return new Date(Number(ms));
  }

  protected override _toValue(value: unknown): number | bigint | undefined {
    const { as, unit } = this.representation;
    let raw: number | bigint;
    if (as === 'bigint') {
      if (typeof value !== 'bigint') return undefined;
      raw = value;
    } else if (as === 'number') {
      if (!Number.isSafeInteger(value)) return undefined;
      raw = value as number;
    } else {
      if (!(value instanceof Date) || Number.isNaN(value.getTime())) return undefined;
      // Micros of far dates pass 2^53: multiply as bigint.
      raw = unit === 'micros' ? BigInt(value.getTime()) * 1000n : value.getTime();
    }
    if (this.bigintLong) return toBigint(raw);
    const n = Number(raw);
    return Number.isSafeInteger(n) ? n : undefined;
  }

  explain(value: unknown): string {
    const { as, unit } = this.representation;
    if (as === 'date' || as === 'date-lossy') {
      return `expected a valid Date (${unit} timestamp), got ${describe(value)}`;
    }
    if (as === 'bigint') return `expected a bigint count of ${unit} (signed 64-bit), got ${describe(value)}`;
    return `expected an integer number of ${unit} within ±(2^53 − 1), got ${describe(value)}`;
  }
}

/** `date` on `int`: a `Date` at UTC midnight or an ISO `YYYY-MM-DD` string. */
export class DateType extends KgenLogicalType<Extract<LogicalRepresentation, { kind: 'date' }>> {
  protected override _fromValue(days: number): Date | string | UnrepresentableValue {
    if (this.representation.as === 'string') return daysToIsoDate(days);
    if (days > MAX_DATE_DAYS || days < -MAX_DATE_DAYS) {
      return this.unrepresentable(
        `date ${days} (days) is outside the range of a Date (±100 000 000 days); use date: 'string'`,
      );
    }
    return new Date(days * MS_PER_DAY);
  }

  protected override _toValue(value: unknown): number | undefined {
    if (this.representation.as === 'string')
      return typeof value === 'string' ? isoDateToDays(value) : undefined;
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) return undefined;
    return Math.floor(value.getTime() / MS_PER_DAY);
  }

  explain(value: unknown): string {
    return this.representation.as === 'date'
      ? `expected a valid Date, got ${describe(value)}`
      : `expected a calendar date "YYYY-MM-DD", got ${describe(value)}`;
  }
}

/** `decimal` on `bytes`/`fixed`: the exact value as a string such as `"-12.34"`. */
export class DecimalType extends KgenLogicalType<Extract<LogicalRepresentation, { kind: 'decimal' }>> {
  protected override _fromValue(bytes: Buffer): string {
    return formatDecimal(bytesToDecimal(bytes), this.representation.scale);
  }

  protected override _toValue(value: unknown): Buffer | undefined {
    if (typeof value !== 'string') return undefined;
    const { precision, scale, size } = this.representation;
    const unscaled = parseDecimal(value, precision, scale);
    return typeof unscaled === 'bigint' ? decimalToBytes(unscaled, size) : undefined;
  }

  explain(value: unknown): string {
    if (typeof value !== 'string') return `expected a decimal string such as "12.34", got ${describe(value)}`;
    const { precision, scale } = this.representation;
    const unscaled = parseDecimal(value, precision, scale);
    return typeof unscaled === 'string' ? unscaled : `"${value}" does not fit the schema's fixed size`;
  }

  /** A value within precision (avsc's would be arbitrary bytes). */
  override random(): avro.types.LogicalType {
    const { precision, scale } = this.representation;
    const digits = Array.from({ length: 1 + Math.floor(Math.random() * precision) }, () =>
      Math.floor(Math.random() * 10),
    ).join('');
    const value = formatDecimal(BigInt(digits) * (Math.random() < 0.5 ? -1n : 1n), scale);
    // avsc's typings declare random() as returning a Type; at runtime it returns a value.
    return value as unknown as avro.types.LogicalType;
  }
}

/** A short description of a value for error messages. */
export function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'bigint') return `bigint ${value}n`;
  if (Buffer.isBuffer(value)) return `Buffer(${value.length})`;
  if (value instanceof Date)
    return `Date ${Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()}`;
  if (Array.isArray(value)) return `array(${value.length})`;
  if (typeof value === 'object') return 'object';
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return `${typeof value} ${text.length > 60 ? `${text.slice(0, 57)}...` : text}`;
}
