import type { AvroCodecOptions } from '../../src/topics';
import { DEFAULT_AVRO_CODEC_OPTIONS } from '../../src/serde/avro/default-options';
import { CodegenError, type SchemaLocation } from '../errors';

/**
 * Options of the Avro generator. It embeds the codec options: they are written into every generated
 * descriptor, so the runtime codec decodes exactly the values the emitted types describe.
 */
export interface AvroGenerateOptions extends AvroCodecOptions {
  /**
   * Suffix of the producer-input type of a record whose input differs from its output (fields with defaults
   * are optional in the input). Default `Input` (`Order` / `OrderInput`).
   */
  readonly inputSuffix: string;
}

/** Defaults: the codec's default representation, and `Input` as the input-type suffix. */
export const DEFAULT_AVRO_OPTIONS: AvroGenerateOptions = {
  ...DEFAULT_AVRO_CODEC_OPTIONS,
  inputSuffix: 'Input',
};

const CHOICES: { readonly [K in keyof AvroCodecOptions]-?: readonly NonNullable<AvroCodecOptions[K]>[] } = {
  long: ['number', 'bigint'],
  unions: ['wrapped', 'plain'],
  timestamps: ['date', 'number'],
  timestampMicros: ['number', 'bigint', 'date-lossy'],
  date: ['date', 'string', 'number'],
  decimal: ['string', 'bytes'],
};

/** The codec part of the generator options (what a descriptor carries). */
export function codecOptions(options: AvroCodecOptions): AvroCodecOptions {
  return {
    long: options.long,
    unions: options.unions,
    timestamps: options.timestamps,
    timestampMicros: options.timestampMicros ?? 'number',
    date: options.date,
    decimal: options.decimal,
  };
}

/**
 * The `avro` section of the config → complete options. Unknown keys and bad values are errors (no silent
 * defaults); `where.path` is the JSON path of the section, e.g. `$.avro`.
 */
export function resolveAvroOptions(
  raw: Readonly<Record<string, unknown>>,
  where: SchemaLocation = { path: '$.avro' },
): AvroGenerateOptions {
  const base = where.path ?? '$.avro';
  const out: Record<string, unknown> = { ...DEFAULT_AVRO_OPTIONS };
  for (const [key, value] of Object.entries(raw)) {
    const at = { ...where, path: `${base}.${key}` };
    if (key === 'inputSuffix') {
      if (typeof value !== 'string' || !/^[A-Za-z0-9_]+$/.test(value)) {
        throw new CodegenError(
          'BAD_OPTION',
          `inputSuffix must be a non-empty identifier suffix, got ${JSON.stringify(value)}`,
          at,
        );
      }
    } else if (Object.hasOwn(CHOICES, key)) {
      const allowed: readonly unknown[] = CHOICES[key as keyof AvroCodecOptions];
      if (!allowed.includes(value)) {
        throw new CodegenError(
          'BAD_OPTION',
          `avro option ${key} must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, got ${JSON.stringify(value)}`,
          at,
        );
      }
    } else {
      throw new CodegenError(
        'BAD_OPTION',
        `unknown avro option "${key}" (known: ${[...Object.keys(CHOICES), 'inputSuffix'].join(', ')})`,
        at,
      );
    }
    out[key] = value;
  }
  return out as unknown as AvroGenerateOptions;
}
