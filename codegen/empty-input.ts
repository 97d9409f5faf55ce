import { CodegenError, type SchemaLocation } from './errors';

/** The flag that lets a command run on an empty input on purpose. */
export const ALLOW_EMPTY_FLAG = '--allow-empty';

/**
 * An empty input is almost always a mistake (a wrong path, a failed checkout), and acting on it silently either
 * destroys output (`generate` would remove every module) or passes a check that checked nothing. Commands call
 * this when an input holds no schema, and go on only when the user said the emptiness is intended.
 */
export function refuseEmptyInput(
  what: string,
  consequence: string,
  location: SchemaLocation,
  allowEmpty: boolean | undefined,
): void {
  if (allowEmpty === true) return;
  throw new CodegenError(
    'EMPTY_INPUT',
    `${what}; ${consequence}. Wrong path or failed checkout? Pass ${ALLOW_EMPTY_FLAG} if it is intended`,
    location,
  );
}

/** "no .avsc, .avdl or .proto file in" — the shared wording. */
export const NO_SCHEMA_FILES = 'no .avsc, .avdl or .proto file';
