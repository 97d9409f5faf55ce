import * as avro from 'avsc';
import { describe, KgenLogicalType } from './logical-types';
import { UnrepresentableValue } from './unrepresentable';

/** `$.items[2].price` from avsc's path segments. */
export function formatPath(segments: readonly string[], base = '$'): string {
  return segments.reduce(
    (acc, s) =>
      /^\d+$/.test(s)
        ? `${acc}[${s}]`
        : /^[A-Za-z_][\w]*$/.test(s)
          ? `${acc}.${s}`
          : `${acc}[${JSON.stringify(s)}]`,
    base,
  );
}

function expected(type: avro.Type): string {
  if (type instanceof KgenLogicalType) return type.typeName;
  if (type instanceof avro.types.EnumType) return `one of the enum symbols ${JSON.stringify(type.symbols)}`;
  if (type instanceof avro.types.FixedType) return `a Buffer of ${type.size} bytes (fixed ${type.name})`;
  if (type.typeName === 'abstract:long') return 'a bigint within the signed 64-bit range (long)';
  if (type.typeName === 'long') return 'an integer number within ±(2^53 − 1) (long)';
  if (type.typeName === 'bytes') return 'a Buffer (bytes)';
  if (type.typeName.includes('union')) return `a value of the union ${JSON.stringify(type.schema())}`;
  return type.name ? `${type.typeName} ${type.name}` : type.typeName;
}

/** The first invalid spot of `value` against `type`: its path and what is wrong, or undefined if valid. */
export function findInvalid(type: avro.Type, value: unknown): { path: string; reason: string } | undefined {
  let found: { path: string; reason: string } | undefined;
  type.isValid(value, {
    errorHook: (segments: string[], val: unknown, at: avro.Type) => {
      if (found) return;
      const path = formatPath(segments);
      if (val === undefined && segments.length > 0) {
        found = { path, reason: `missing required field (expected ${expected(at)})` };
      } else if (at.typeName === 'long' && typeof val === 'number' && Number.isInteger(val)) {
        found = {
          path,
          reason: `long ${val} is outside ±(2^53 − 1) (Number.MAX_SAFE_INTEGER) and cannot be encoded exactly from a number; use long: 'bigint'`,
        };
      } else if (at instanceof KgenLogicalType) {
        found = { path, reason: at.explain(val) };
      } else {
        found = { path, reason: `expected ${expected(at)}, got ${describe(val)}` };
      }
    },
  });
  return found;
}

/** The path of the first unrepresentable-value marker in a value decoded by a lenient twin codec. */
export function findUnrepresentable(
  value: unknown,
  path = '$',
): { path: string; marker: UnrepresentableValue } | undefined {
  if (value instanceof UnrepresentableValue) return { path, marker: value };
  if (typeof value !== 'object' || value === null || Buffer.isBuffer(value) || value instanceof Date)
    return undefined;
  for (const [key, v] of Object.entries(value)) {
    const found = findUnrepresentable(v, formatPath([key], path));
    if (found) return found;
  }
  return undefined;
}
