import type { ProtobufCodecOptions } from 'kgen';
import { resolveProtobufOptions } from '../../src/serde/protobuf/options';
import { CodegenError } from '../errors';

/**
 * Options of the Protobuf generator (the `protobuf` section of the config). They are the codec options: the
 * same object shapes the emitted types and is embedded in every descriptor, so the runtime codec produces
 * exactly those shapes.
 *
 * - `int64` (`bigint`): 64-bit integers as `bigint`, or `string` (decimal).
 * - `enums` (`string`): enum values as string-literal unions (unknown numbers kept as `number`), or `number`
 *   with a `const` object of the names.
 * - `timestamp` (`message`): `google.protobuf.Timestamp` as the exact `{ seconds, nanos }`, or `date` (`Date`;
 *   lossy: nanoseconds below the millisecond are dropped).
 * - `duration` (`message`): `google.protobuf.Duration` as the exact `{ seconds, nanos }`, or `milliseconds`
 *   (number; lossy below the nanosecond through double rounding).
 * - `wrappers` (`unwrap`): `google.protobuf.*Value` wrappers as `T | undefined`, or `message` (`{ value }`).
 */
export type ProtobufGenerateOptions = Partial<ProtobufCodecOptions>;

/** Every option filled in: what the header prints and every descriptor embeds. */
export type ResolvedProtobufGenerateOptions = Required<ProtobufCodecOptions>;

/** Fills defaults; an unknown key or value is a `CodegenError` (exit 2) naming it. */
export function resolveProtobufGenerateOptions(
  options: Readonly<Record<string, unknown>> | undefined,
  where = 'protobuf options',
): ResolvedProtobufGenerateOptions {
  try {
    return resolveProtobufOptions(options as ProtobufGenerateOptions | undefined, where);
  } catch (err) {
    throw new CodegenError('INVALID_OPTIONS', (err as Error).message, { path: '$.protobuf' }, { cause: err });
  }
}
