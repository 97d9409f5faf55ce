import type { AvroCodecOptions } from '../../topics';

/**
 * The default Avro representation (also the generator's): `long` as number, multi-branch unions wrapped,
 * timestamps and dates as `Date`, decimals as exact strings. Hand-written descriptors can start from it.
 */
export const DEFAULT_AVRO_CODEC_OPTIONS: AvroCodecOptions = Object.freeze({
  long: 'number',
  unions: 'wrapped',
  timestamps: 'date',
  date: 'date',
  decimal: 'string',
});
