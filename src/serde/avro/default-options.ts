import type { AvroCodecOptions } from '../../topics';

/**
 * The default Avro representation (also the generator's): `long` as number, multi-branch unions wrapped,
 * millisecond timestamps and dates as `Date`, microsecond timestamps as a number of microseconds, decimals
 * as exact strings. Every default reads and writes back the same bytes (or throws, naming the field, for a
 * value the representation cannot hold). Hand-written descriptors can start from it.
 */
export const DEFAULT_AVRO_CODEC_OPTIONS: AvroCodecOptions = Object.freeze({
  long: 'number',
  unions: 'wrapped',
  timestamps: 'date',
  timestampMicros: 'number',
  date: 'date',
  decimal: 'string',
});
