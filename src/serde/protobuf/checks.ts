import type { OneofPlan } from './field-plan';
import { describe, type Fail, type Key } from './scalars';

export const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/**
 * Source reading property `prop` of `obj` in compiled code: names `Object.prototype` has (`constructor`,
 * `toString`, ...) are read only when own, so an absent field is not taken from the prototype.
 */
export function ownRead(obj: string, prop: string): string {
  const at = `${obj}[${JSON.stringify(prop)}]`;
  return prop in Object.prototype ? `(h.hasOwn(${obj}, ${JSON.stringify(prop)}) ? ${at} : undefined)` : at;
}

/** Sets `obj[key]`; `__proto__` becomes an own property rather than the prototype. */
export function putOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/** A plain object (not an array, bytes or Date). */
export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  !(v instanceof Uint8Array) &&
  !(v instanceof Date);

/** The error path key of a map entry. */
export const entryKey = (k: string): string => `[${JSON.stringify(k)}]`;

/**
 * The shape checks of one message's plain value, shared by the converter and the encoder so both report the
 * same problems with the same paths.
 */
export function messageChecks(typeName: string, props: readonly string[], fail: Fail) {
  const known = new Set(props);
  return {
    known,
    notObject: (parent: string, key: Key, v: unknown): never =>
      fail(parent, key, `expected a ${typeName} object, got ${describe(v)}`),
    unknown: (path: string, k: string): never =>
      fail(path, `.${k}`, `unknown field (${typeName} has: ${[...known].join(', ')})`),
    missing: (path: string, key: string): never => fail(path, key, 'required field is missing'),
    array: (v: unknown, path: string, key: string): unknown[] =>
      Array.isArray(v) ? v : fail(path, key, `expected an array, got ${describe(v)}`),
    map: (v: unknown, path: string, key: string): Record<string, unknown> =>
      isRecord(v) ? v : fail(path, key, `expected an object (map), got ${describe(v)}`),
    /** The case name of a oneof value, or undefined when no case is set; throws on a malformed one. */
    oneofCase: (o: OneofPlan, v: unknown, path: string): string | undefined => {
      if (!isRecord(v)) fail(path, o.key, `expected a oneof object { case, value }, got ${describe(v)}`);
      const c = (v as Record<string, unknown>)['case'];
      if (c === undefined) return undefined;
      const at = path + o.key;
      if (typeof c !== 'string' || !o.cases.has(c))
        fail(at, '.case', `unknown case ${describe(c)} (expected one of: ${[...o.cases.keys()].join(', ')})`);
      if ((v as Record<string, unknown>)['value'] === undefined)
        fail(at, '.value', `case "${String(c)}" is set but its value is missing`);
      return c as string;
    },
  };
}

export type MessageChecks = ReturnType<typeof messageChecks>;
