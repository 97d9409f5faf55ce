import type { AvroCodecOptions } from '../../../src/topics';
import { logicalRepresentation } from '../../../src/serde/avro/representation';
import {
  bytesFromBase64,
  childPath,
  describeJson,
  expectArray,
  expectObject,
  expectType,
  floatFromJson,
  floatToJson,
  int64FromJson,
  intFromJson,
  RecordShapeError,
} from './shape-error';

/**
 * The Avro codec options `tail` and `produce` use: every value exact (64-bit integers and microsecond
 * timestamps as bigint, dates and decimals as exact strings, unions wrapped so every branch is named).
 */
export const LOSSLESS_AVRO_OPTIONS: AvroCodecOptions = Object.freeze({
  long: 'bigint',
  unions: 'wrapped',
  timestamps: 'date',
  timestampMicros: 'bigint',
  date: 'string',
  decimal: 'string',
});

type Schema = unknown;
type Node = Readonly<Record<string, unknown>>;

const PRIMITIVES = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);
const NAMED = new Set(['record', 'error', 'enum', 'fixed']);

function fullName(name: string, namespace: string | undefined): string {
  return name.includes('.') || !namespace ? name : `${namespace}.${name}`;
}

function namespaceOf(full: string): string | undefined {
  const dot = full.lastIndexOf('.');
  return dot > 0 ? full.slice(0, dot) : undefined;
}

/** Named types by full name, from the writer schema and its references; resolves names as Avro does. */
export class AvroNames {
  readonly #types = new Map<string, { node: Node; namespace: string | undefined }>();

  constructor(schemas: readonly string[]) {
    for (const text of schemas) this.#collect(JSON.parse(text) as Schema, undefined);
  }

  #collect(schema: Schema, ns: string | undefined): void {
    if (Array.isArray(schema)) {
      for (const b of schema) this.#collect(b, ns);
      return;
    }
    if (typeof schema !== 'object' || schema === null) return;
    const node = schema as Node;
    const type = node['type'];
    if (typeof type === 'string' && NAMED.has(type) && typeof node['name'] === 'string') {
      const ownNs = typeof node['namespace'] === 'string' ? node['namespace'] || undefined : ns;
      const full = fullName(node['name'], ownNs);
      const inner = namespaceOf(full);
      this.#types.set(full, { node, namespace: inner });
      for (const f of (node['fields'] as Node[] | undefined) ?? []) this.#collect(f['type'], inner);
      return;
    }
    if (type === 'array') this.#collect(node['items'], ns);
    else if (type === 'map') this.#collect(node['values'], ns);
    else if (typeof type === 'object') this.#collect(type, ns);
  }

  /** The definition a type name refers to from namespace `ns`. */
  lookup(name: string, ns: string | undefined): { node: Node; namespace: string | undefined } | undefined {
    return this.#types.get(fullName(name, ns)) ?? this.#types.get(name);
  }
}

/** A schema node with named references followed, and the namespace its nested names resolve in. */
interface Resolved {
  readonly node: Node;
  readonly ns: string | undefined;
  /** The union branch name avsc gives it (full name of a named type, else the type name). */
  readonly branch: string;
}

type Union = { readonly union: readonly Schema[] };

function resolve(schema: Schema, ns: string | undefined, names: AvroNames): Resolved | Union {
  if (Array.isArray(schema)) return { union: schema };
  if (typeof schema === 'string') {
    if (PRIMITIVES.has(schema)) return { node: { type: schema }, ns, branch: schema };
    const found = names.lookup(schema, ns);
    if (!found) throw new Error(`unknown Avro type name "${schema}"`);
    const name = found.node['name'] as string;
    return {
      node: found.node,
      ns: found.namespace,
      branch: fullName(name, found.namespace === namespaceOf(name) ? undefined : found.namespace),
    };
  }
  const node = schema as Node;
  const type = node['type'];
  if (typeof type === 'string' && NAMED.has(type)) {
    const ownNs = typeof node['namespace'] === 'string' ? node['namespace'] || undefined : ns;
    const full = fullName(node['name'] as string, ownNs);
    return { node, ns: namespaceOf(full), branch: full };
  }
  if (typeof type === 'string' && !PRIMITIVES.has(type) && type !== 'array' && type !== 'map') {
    // `{"type": "com.acme.Money"}`: a reference written as an object.
    return resolve(type, ns, names);
  }
  if (typeof type === 'object' && type !== null) return resolve(type, ns, names);
  return { node, ns, branch: type as string };
}

const TIMESTAMP_UNITS: Readonly<Record<string, 'millis' | 'micros'>> = {
  'timestamp-millis': 'millis',
  'local-timestamp-millis': 'millis',
  'timestamp-micros': 'micros',
  'local-timestamp-micros': 'micros',
};

/** The unit of a timestamp logical type on a long (the codec gives a Date for millis, a bigint for micros). */
function timestampUnit(node: Node): 'millis' | 'micros' | undefined {
  const logical = node['logicalType'];
  return node['type'] === 'long' && typeof logical === 'string' && Object.hasOwn(TIMESTAMP_UNITS, logical)
    ? TIMESTAMP_UNITS[logical]
    : undefined;
}

function nonNull(branches: readonly Schema[]): Schema[] {
  return branches.filter((b) => b !== 'null' && !(typeof b === 'object' && (b as Node)?.['type'] === 'null'));
}

/** ISO 8601 with microseconds (`2024-05-06T07:08:09.123456Z`) of a count of microseconds. */
function isoMicros(micros: bigint): string {
  const ms = micros / 1000n - (micros % 1000n < 0n ? 1n : 0n);
  const sub = Number(micros - ms * 1000n);
  const iso = new Date(Number(ms)).toISOString();
  return `${iso.slice(0, -1)}${String(sub).padStart(3, '0')}Z`;
}

const ISO = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/** A timestamp string back to its count of `unit`s since the epoch, exactly. */
function fromIso(v: unknown, path: string, unit: 'millis' | 'micros'): bigint {
  const m = typeof v === 'string' ? ISO.exec(v) : null;
  const seconds = m ? Date.parse(`${m[1]}${m[3]}`) : NaN;
  if (!m || Number.isNaN(seconds))
    throw new RecordShapeError(
      path,
      `expected an ISO 8601 timestamp like "2024-05-06T07:08:09.123Z", got ${describeJson(v)}`,
    );
  const digits = unit === 'millis' ? 3 : 6;
  const fraction = m[2] ?? '';
  if (fraction.length > digits && /[1-9]/.test(fraction.slice(digits)))
    throw new RecordShapeError(path, `${v} has more precision than timestamp-${unit} holds`);
  return (
    (BigInt(seconds) * (unit === 'millis' ? 1000n : 1_000_000n)) / 1000n +
    BigInt(fraction.slice(0, digits).padEnd(digits, '0'))
  );
}

/** A decoded Avro value (codec with {@link LOSSLESS_AVRO_OPTIONS}) as JSON, exactly (see README "kgen tail"). */
export function avroToJson(schema: Schema, value: unknown, names: AvroNames, ns?: string): unknown {
  const r = resolve(schema, ns, names);
  if ('union' in r) {
    if (value === null) return null;
    const branches = nonNull(r.union);
    if (branches.length === 1) return avroToJson(branches[0], value, names, ns);
    const [branch, inner] = Object.entries(value as Record<string, unknown>)[0] ?? [];
    const match = branches.find((b) => {
      const rb = resolve(b, ns, names);
      return !('union' in rb) && rb.branch === branch;
    });
    return { [branch as string]: avroToJson(match, inner, names, ns) };
  }
  const { node } = r;
  const type = node['type'] as string;
  const unit = timestampUnit(node);
  if (unit !== undefined)
    return unit === 'millis' ? (value as Date).toISOString() : isoMicros(value as bigint);
  switch (type) {
    case 'long':
      return String(value);
    case 'float':
    case 'double':
      return floatToJson(value as number);
    case 'bytes':
    case 'fixed':
      return Buffer.isBuffer(value) ? value.toString('base64') : value; // a decimal is already a string
    case 'array':
      return (value as unknown[]).map((v) => avroToJson(node['items'], v, names, r.ns));
    case 'map':
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([k, v]) => [
          k,
          avroToJson(node['values'], v, names, r.ns),
        ]),
      );
    case 'record':
    case 'error': {
      const out: Record<string, unknown> = {};
      for (const f of node['fields'] as Node[]) {
        const name = f['name'] as string;
        out[name] = avroToJson(f['type'], (value as Record<string, unknown>)[name], names, r.ns);
      }
      return out;
    }
    default:
      return value;
  }
}

/**
 * JSON in the rendering of {@link avroToJson} → the value the lossless codec encodes. Throws
 * {@link RecordShapeError} naming the JSON path of the first value that does not fit.
 */
export function avroFromJson(
  schema: Schema,
  json: unknown,
  names: AvroNames,
  path = '$',
  ns?: string,
): unknown {
  const r = resolve(schema, ns, names);
  if ('union' in r) {
    if (json === null) {
      if (r.union.length === nonNull(r.union).length)
        throw new RecordShapeError(path, 'null is not a branch of this union');
      return null;
    }
    const branches = nonNull(r.union);
    if (branches.length === 1) return avroFromJson(branches[0], json, names, path, ns);
    const obj = expectObject(json, path);
    const keys = Object.keys(obj);
    const labels = branches.map((b) => {
      const rb = resolve(b, ns, names);
      return 'union' in rb ? 'union' : rb.branch;
    });
    if (keys.length !== 1)
      throw new RecordShapeError(
        path,
        `expected a union as {"<branch>": value} with one of ${labels.join(', ')}`,
      );
    const key = keys[0] as string;
    const at = labels.indexOf(key);
    if (at < 0)
      throw new RecordShapeError(path, `"${key}" is not a branch of this union (${labels.join(', ')})`);
    return { [key]: avroFromJson(branches[at], obj[key], names, childPath(path, key), ns) };
  }
  const { node } = r;
  const type = node['type'] as string;
  const unit = timestampUnit(node);
  if (unit !== undefined) {
    const count = fromIso(json, path, unit);
    return unit === 'millis' ? new Date(Number(count)) : count;
  }
  const logical = logicalRepresentation(node, LOSSLESS_AVRO_OPTIONS);
  if (logical?.kind === 'date' || logical?.kind === 'decimal') {
    expectType(json, 'string', path);
    return json;
  }
  switch (type) {
    case 'null':
      if (json !== null) throw new RecordShapeError(path, `expected null, got ${describeJson(json)}`);
      return null;
    case 'boolean':
    case 'string':
      expectType(json, type, path);
      return json;
    case 'int':
      return intFromJson(json, path, -(2 ** 31), 2 ** 31 - 1);
    case 'long':
      return int64FromJson(json, path);
    case 'float':
    case 'double':
      return floatFromJson(json, path);
    case 'bytes':
      return bytesFromBase64(json, path);
    case 'fixed': {
      const bytes = bytesFromBase64(json, path);
      if (bytes.length !== node['size'])
        throw new RecordShapeError(
          path,
          `expected ${String(node['size'])} bytes (fixed ${r.branch}), got ${bytes.length}`,
        );
      return bytes;
    }
    case 'enum': {
      const symbols = node['symbols'] as string[];
      if (typeof json !== 'string' || !symbols.includes(json))
        throw new RecordShapeError(
          path,
          `expected one of ${symbols.join(', ')} (enum ${r.branch}), got ${describeJson(json)}`,
        );
      return json;
    }
    case 'array':
      return expectArray(json, path).map((v, i) =>
        avroFromJson(node['items'], v, names, childPath(path, i), r.ns),
      );
    case 'map':
      return Object.fromEntries(
        Object.entries(expectObject(json, path)).map(([k, v]) => [
          k,
          avroFromJson(node['values'], v, names, childPath(path, k), r.ns),
        ]),
      );
    case 'record':
    case 'error': {
      const obj = expectObject(json, path);
      const fields = node['fields'] as Node[];
      const known = new Set(fields.map((f) => f['name'] as string));
      const extra = Object.keys(obj).find((k) => !known.has(k));
      if (extra !== undefined)
        throw new RecordShapeError(childPath(path, extra), `record ${r.branch} has no field "${extra}"`);
      const out: Record<string, unknown> = {};
      for (const f of fields) {
        const name = f['name'] as string;
        if (!Object.hasOwn(obj, name)) {
          if (Object.hasOwn(f, 'default')) continue; // the codec writes the field's default
          throw new RecordShapeError(childPath(path, name), `missing field "${name}" (no default)`);
        }
        out[name] = avroFromJson(f['type'], obj[name], names, childPath(path, name), r.ns);
      }
      return out;
    }
    default:
      throw new RecordShapeError(path, `unsupported Avro type ${type}`);
  }
}
