import type { JsonCodecOptions } from '../../src/topics';
import { CodegenError } from '../errors';

/**
 * Options of the JSON Schema generator (the `json` section of the config). They are the codec options: the
 * same object shapes the emitted types and is embedded in every descriptor.
 *
 * - `dateTime` (`string`): `format: "date-time"` as `string`, or `date` (`Date` in types and values).
 * - `validateOnConsume` (`true`): validate consumed payloads. With `true`, absent properties that have a
 *   `default` are filled in, so they are required in the consumer type (optional in the producer input).
 */
export type ResolvedJsonGenerateOptions = Required<JsonCodecOptions>;

export const DEFAULT_JSON_OPTIONS: ResolvedJsonGenerateOptions = {
  dateTime: 'string',
  validateOnConsume: true,
};

/** Fills defaults; an unknown key or value, or a combination the codec cannot honour, is an error (exit 2). */
export function resolveJsonGenerateOptions(
  raw: Readonly<Record<string, unknown>> = {},
  path = '$.json',
): ResolvedJsonGenerateOptions {
  const bad = (key: string, message: string): never => {
    throw new CodegenError('INVALID_OPTIONS', message, { path: `${path}.${key}` });
  };
  for (const key of Object.keys(raw))
    if (!(key in DEFAULT_JSON_OPTIONS))
      bad(key, `unknown option "${key}" (expected dateTime or validateOnConsume)`);
  const dateTime = raw.dateTime ?? DEFAULT_JSON_OPTIONS.dateTime;
  if (dateTime !== 'string' && dateTime !== 'date')
    bad('dateTime', `dateTime must be "string" or "date", got ${JSON.stringify(dateTime)}`);
  const validateOnConsume = raw.validateOnConsume ?? DEFAULT_JSON_OPTIONS.validateOnConsume;
  if (typeof validateOnConsume !== 'boolean')
    bad(
      'validateOnConsume',
      `validateOnConsume must be true or false, got ${JSON.stringify(validateOnConsume)}`,
    );
  // Dates are made by the consume-side validator: without it, consumers would get strings typed as Date.
  if (dateTime === 'date' && validateOnConsume === false)
    bad(
      'dateTime',
      'dateTime "date" needs validateOnConsume true (the consume-side validator makes the Dates)',
    );
  return { dateTime: dateTime as 'string' | 'date', validateOnConsume: validateOnConsume as boolean };
}
