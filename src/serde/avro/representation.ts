import type { AvroCodecOptions } from '../../topics';

/**
 * The one place that decides how an Avro type is represented in JavaScript under given options. The runtime
 * codec builds its logical types from it and the emitter derives TypeScript types from it, so the two agree.
 */

/** A logical type the codec implements itself; anything else is represented as its underlying type. */
export type LogicalRepresentation =
  | {
      readonly kind: 'timestamp';
      readonly unit: 'millis' | 'micros';
      /** `date-lossy`: micros floored to a `Date`'s millisecond (opt-in only). */
      readonly as: 'date' | 'number' | 'bigint' | 'date-lossy';
    }
  | { readonly kind: 'date'; readonly as: 'date' | 'string' }
  | { readonly kind: 'decimal'; readonly precision: number; readonly scale: number; readonly size?: number };

/** JavaScript values that an unwrapped (`plain`) union tells apart at runtime. */
export type RuntimeBucket =
  'null' | 'boolean' | 'number' | 'bigint' | 'string' | 'buffer' | 'array' | 'object';

const TIMESTAMPS: Readonly<Record<string, 'millis' | 'micros'>> = {
  'timestamp-millis': 'millis',
  'timestamp-micros': 'micros',
  'local-timestamp-millis': 'millis',
  'local-timestamp-micros': 'micros',
};

/** The `timestampMicros` option, defaulted (exact: a number of microseconds). */
export function timestampMicrosOf(options: AvroCodecOptions): 'number' | 'bigint' | 'date-lossy' {
  return options.timestampMicros ?? 'number';
}

function isNonNegativeInteger(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

/** Largest number of decimal digits a two's-complement number of `size` bytes always holds. */
export function maxDecimalPrecision(size: number): number {
  return Math.floor(Math.log10(2) * (8 * size - 1));
}

/**
 * The logical representation of an Avro schema object under `options`, or `undefined` when the value is the
 * underlying type's (no logical type, an unknown or invalid one, or an option that keeps the raw value).
 * Invalid logical types fall back to the underlying type, as the Avro specification requires.
 */
export function logicalRepresentation(
  schema: Readonly<Record<string, unknown>>,
  options: AvroCodecOptions,
): LogicalRepresentation | undefined {
  const logical = schema['logicalType'];
  const type = schema['type'];
  if (typeof logical !== 'string') return undefined;
  const unit = Object.hasOwn(TIMESTAMPS, logical) ? TIMESTAMPS[logical] : undefined;
  if (unit !== undefined) {
    if (type !== 'long') return undefined;
    const as = unit === 'millis' ? options.timestamps : timestampMicrosOf(options);
    // A raw count in the `long` option's own representation needs no logical type.
    if ((as === 'number' && options.long === 'number') || (as === 'bigint' && options.long === 'bigint')) {
      return undefined;
    }
    return { kind: 'timestamp', unit, as };
  }
  if (logical === 'date') {
    if (type !== 'int' || options.date === 'number') return undefined;
    return { kind: 'date', as: options.date };
  }
  if (logical === 'decimal') {
    if (options.decimal === 'bytes' || (type !== 'bytes' && type !== 'fixed')) return undefined;
    const precision = schema['precision'];
    const scale = schema['scale'] ?? 0;
    if (
      !isNonNegativeInteger(precision) ||
      precision < 1 ||
      !isNonNegativeInteger(scale) ||
      scale > precision
    ) {
      return undefined;
    }
    if (type === 'fixed') {
      const size = schema['size'];
      if (!isNonNegativeInteger(size) || precision > maxDecimalPrecision(size)) return undefined;
      return { kind: 'decimal', precision, scale, size };
    }
    return { kind: 'decimal', precision, scale };
  }
  return undefined;
}

/** The runtime bucket of a logical representation (a `Date` is an object to an unwrapped union). */
export function logicalBucket(logical: LogicalRepresentation): RuntimeBucket {
  switch (logical.kind) {
    case 'timestamp':
      return logical.as === 'date' || logical.as === 'date-lossy' ? 'object' : logical.as;
    case 'date':
      return logical.as === 'date' ? 'object' : 'string';
    case 'decimal':
      return 'string';
  }
}

/** The runtime bucket of a non-logical Avro type name (`long` depends on the `long` option). */
export function typeBucket(typeName: string, options: AvroCodecOptions): RuntimeBucket {
  switch (typeName) {
    case 'null':
    case 'boolean':
    case 'string':
    case 'array':
      return typeName;
    case 'int':
    case 'float':
    case 'double':
      return 'number';
    case 'long':
      return options.long === 'bigint' ? 'bigint' : 'number';
    case 'enum':
      return 'string';
    case 'bytes':
    case 'fixed':
      return 'buffer';
    default:
      return 'object'; // record, error, map
  }
}

/** Whether a union is decoded wrapped (`{ branch: value }`): multi-branch unions under `unions: 'wrapped'`. */
export function isWrappedUnion(branches: readonly unknown[], options: AvroCodecOptions): boolean {
  const nonNull = branches.filter(
    (b) =>
      b !== 'null' && !(typeof b === 'object' && b !== null && (b as { type?: unknown }).type === 'null'),
  );
  return nonNull.length > 1 && options.unions === 'wrapped';
}

/** The first pair of branch labels that share a runtime bucket, if any (such a `plain` union is ambiguous). */
export function ambiguousBranches(
  branches: ReadonlyArray<{ readonly label: string; readonly bucket: RuntimeBucket }>,
): readonly [string, string, RuntimeBucket] | undefined {
  const seen = new Map<RuntimeBucket, string>();
  for (const { label, bucket } of branches) {
    const other = seen.get(bucket);
    if (other !== undefined) return [other, label, bucket];
    seen.set(bucket, label);
  }
  return undefined;
}
