import { KgenError } from '../../errors';
import type { ProtobufCodecOptions } from '../../topics';

/** Defaults every Protobuf option resolves to when not given. */
export const DEFAULT_PROTOBUF_OPTIONS: Required<ProtobufCodecOptions> = {
  int64: 'bigint',
  enums: 'string',
  timestamp: 'message',
  duration: 'message',
  wrappers: 'unwrap',
};

const allowed: { readonly [K in keyof ProtobufCodecOptions]-?: readonly string[] } = {
  int64: ['bigint', 'string'],
  enums: ['string', 'number'],
  timestamp: ['date', 'message'],
  duration: ['message', 'milliseconds'],
  wrappers: ['unwrap', 'message'],
};

/**
 * Fills defaults and rejects unknown keys and values, so a typo is an error rather than a silent default.
 * `where` names the caller's source of the options in the error.
 */
export function resolveProtobufOptions(
  options: Partial<ProtobufCodecOptions> | undefined,
  where = 'Protobuf options',
): Required<ProtobufCodecOptions> {
  const resolved: Record<string, string> = { ...DEFAULT_PROTOBUF_OPTIONS };
  for (const [key, value] of Object.entries(options ?? {})) {
    // Own keys only: a key such as "constructor" must be unknown, not Object's constructor.
    const values = Object.prototype.hasOwnProperty.call(allowed, key)
      ? (allowed as Record<string, readonly string[]>)[key]
      : undefined;
    if (!values)
      throw new KgenError(
        'INVALID_OPTIONS',
        `${where}: unknown option "${key}" (known: ${Object.keys(allowed).join(', ')})`,
      );
    if (value === undefined) continue;
    if (typeof value !== 'string' || !values.includes(value)) {
      throw new KgenError(
        'INVALID_OPTIONS',
        `${where}: option "${key}" must be one of ${values.map((v) => `"${v}"`).join(', ')}`,
      );
    }
    resolved[key] = value;
  }
  return resolved as unknown as Required<ProtobufCodecOptions>;
}
