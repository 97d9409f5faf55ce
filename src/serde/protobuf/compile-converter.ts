import { describe, pathOf, type Decode, type Encode, type Fail, type Key } from './scalars';

/** How a field's presence shows in the plain shape. */
export type Presence = 'implicit' | 'explicit' | 'required' | 'repeated' | 'map';

/** One field of a message: names, presence and element converters. */
export interface FieldPlan {
  readonly prop: string;
  /** `.prop`: the key of the field in error paths. */
  readonly key: string;
  /** protobufjs's name of the field (what its encoder reads and decoder writes). */
  readonly wire: string;
  readonly presence: Presence;
  readonly encode: Encode;
  readonly decode: Decode;
  readonly defaultValue: () => unknown;
  readonly mapKey?: { encode: (k: string, p: string, at: Key) => string; decode: (k: string) => string };
}

/** A (non-synthetic) oneof: its property and its cases by property name. */
export interface OneofPlan {
  readonly prop: string;
  readonly key: string;
  readonly cases: ReadonlyMap<string, FieldPlan>;
}

/** Converts one message type between the plain emitted shape and what protobufjs encodes/decodes. */
export interface MessageConverter {
  /** `parent` + `key` locate the value for errors; the root is called with its name and key `''`. */
  toWire(value: unknown, parent: string, key: Key): Record<string, unknown>;
  fromWire(message: unknown): Record<string, unknown>;
}

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** A plain object (not an array, bytes or Date). */
export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  !(v instanceof Uint8Array) &&
  !(v instanceof Date);

/**
 * Builds a message's converters as straight-line functions with constant property names (like protobufjs's
 * own encoders), so every property access site stays monomorphic; a loop over fields with computed keys is
 * several times slower. Everything but the property names goes through the helpers below.
 */
export function compileMessageConverter(
  typeName: string,
  fields: readonly FieldPlan[],
  oneofs: readonly OneofPlan[],
  fail: Fail,
): MessageConverter {
  const known = new Set([...fields.map((f) => f.prop), ...oneofs.map((o) => o.prop)]);
  const q = JSON.stringify;
  const helpers = {
    isRecord,
    hasOwn,
    pathOf,
    known,
    notObject: (parent: string, key: Key, v: unknown): never =>
      fail(parent, key, `expected a ${typeName} object, got ${describe(v)}`),
    unknown: (path: string, k: string): never =>
      fail(path, `.${k}`, `unknown field (${typeName} has: ${[...known].join(', ')})`),
    missing: (path: string, key: string): never => fail(path, key, 'required field is missing'),
    repeated: (f: FieldPlan, v: unknown, path: string): unknown[] => {
      if (!Array.isArray(v)) fail(path, f.key, `expected an array, got ${describe(v)}`);
      const items = v as unknown[];
      const at = path + f.key;
      const out = new Array<unknown>(items.length);
      for (let i = 0; i < items.length; i++) out[i] = f.encode(items[i], at, i);
      return out;
    },
    map: (f: FieldPlan, v: unknown, path: string): Record<string, unknown> => {
      if (!isRecord(v)) fail(path, f.key, `expected an object (map), got ${describe(v)}`);
      const at = path + f.key;
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v)) {
        const entry = `[${q(k)}]`;
        out[f.mapKey!.encode(k, at, entry)] = f.encode(item, at, entry);
      }
      return out;
    },
    oneof: (o: OneofPlan, v: unknown, path: string, out: Record<string, unknown>): void => {
      if (!isRecord(v)) fail(path, o.key, `expected a oneof object { case, value }, got ${describe(v)}`);
      const c = v['case'];
      if (c === undefined) return;
      const member = typeof c === 'string' ? o.cases.get(c) : undefined;
      const at = path + o.key;
      if (!member)
        fail(at, '.case', `unknown case ${describe(c)} (expected one of: ${[...o.cases.keys()].join(', ')})`);
      const inner = v['value'];
      if (inner === undefined) fail(at, '.value', `case "${String(c)}" is set but its value is missing`);
      out[member!.wire] = member!.encode(inner, at, '.value');
    },
    decodeRepeated: (f: FieldPlan, v: unknown): unknown[] => (Array.isArray(v) ? v.map(f.decode) : []),
    decodeMap: (f: FieldPlan, v: unknown): Record<string, unknown> => {
      const out: Record<string, unknown> = {};
      if (v && typeof v === 'object') {
        for (const [k, item] of Object.entries(v as Record<string, unknown>))
          out[f.mapKey!.decode(k)] = f.decode(item);
      }
      return out;
    },
    decodeOneof: (o: OneofPlan, m: Record<string, unknown>): Record<string, unknown> => {
      let set: Record<string, unknown> = { case: undefined };
      for (const [name, member] of o.cases) {
        const v = hasOwn(m, member.wire) ? m[member.wire] : undefined;
        if (v !== undefined && v !== null) set = { case: name, value: member.decode(v) };
      }
      return set;
    },
  };

  const enc: string[] = [];
  const dec: string[] = [];
  fields.forEach((f, i) => {
    const get = `v = value[${q(f.prop)}];`;
    const set = `out[${q(f.wire)}]`;
    const read = `v = h.hasOwn(m, ${q(f.wire)}) ? m[${q(f.wire)}] : undefined;`;
    switch (f.presence) {
      case 'repeated':
        enc.push(get, `if (v !== undefined) ${set} = h.repeated(F[${i}], v, path);`);
        dec.push(read, `out[${q(f.prop)}] = h.decodeRepeated(F[${i}], v);`);
        break;
      case 'map':
        enc.push(get, `if (v !== undefined) ${set} = h.map(F[${i}], v, path);`);
        dec.push(read, `out[${q(f.prop)}] = h.decodeMap(F[${i}], v);`);
        break;
      case 'explicit':
        enc.push(get, `if (v !== undefined) ${set} = E[${i}](v, path, ${q(f.key)});`);
        dec.push(read, `if (v != null) out[${q(f.prop)}] = D[${i}](v);`);
        break;
      default:
        enc.push(
          get,
          f.presence === 'required'
            ? `if (v === undefined) h.missing(path, ${q(f.key)}); else ${set} = E[${i}](v, path, ${q(f.key)});`
            : `if (v !== undefined) ${set} = E[${i}](v, path, ${q(f.key)});`,
        );
        dec.push(read, `out[${q(f.prop)}] = v != null ? D[${i}](v) : Z[${i}]();`);
    }
  });
  oneofs.forEach((o, i) => {
    enc.push(`v = value[${q(o.prop)}];`, `if (v !== undefined) h.oneof(O[${i}], v, path, out);`);
    dec.push(`out[${q(o.prop)}] = h.decodeOneof(O[${i}], m);`);
  });

  const source = `
    const E = F.map((f) => f.encode), D = F.map((f) => f.decode), Z = F.map((f) => f.defaultValue);
    return {
      toWire(value, parent, key) {
        if (!h.isRecord(value)) return h.notObject(parent, key, value);
        const path = key === '' ? parent : h.pathOf(parent, key);
        for (const k in value) if (!h.known.has(k) && h.hasOwn(value, k)) h.unknown(path, k);
        const out = {};
        let v;
        ${enc.join('\n        ')}
        return out;
      },
      fromWire(m) {
        const out = {};
        let v;
        ${dec.join('\n        ')}
        return out;
      },
    };`;
  const factory = new Function('F', 'O', 'h', source) as (
    f: readonly FieldPlan[],
    o: readonly OneofPlan[],
    h: typeof helpers,
  ) => MessageConverter;
  return factory(fields, oneofs, helpers);
}
