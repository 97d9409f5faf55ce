import { Enum, Type, type Field } from 'protobufjs';
import { type AvroNames } from '../record-json/avro-json';
import { isSyntheticOneof, propName } from '../../../src/serde/protobuf/shape-converter';

/** A small seeded generator (mulberry32): the same seed gives the same records, run after run. */
export class Random {
  #state: number;
  constructor(seed: number) {
    this.#state = seed >>> 0;
  }
  next(): number {
    let t = (this.#state = (this.#state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)] as T;
  }
  text(maxLength = 12): string {
    const n = this.int(0, maxLength);
    let s = '';
    for (let i = 0; i < n; i++) s += String.fromCharCode(this.int(97, 122));
    return s;
  }
  bytes(n: number): Buffer {
    const b = Buffer.alloc(n);
    for (let i = 0; i < n; i++) b[i] = this.int(0, 255);
    return b;
  }
  int64(): string {
    return (
      BigInt(this.int(-0x7fffffff, 0x7fffffff)) * 4294967296n +
      BigInt(this.int(0, 0xffffffff))
    ).toString();
  }
}

type Node = Readonly<Record<string, unknown>>;
const ISO_BASE = Date.UTC(2020, 0, 1);

/**
 * A random value of an Avro schema, in `kgen tail`'s JSON rendering (read with `avroFromJson`). Containers
 * hold 0-3 items; recursion stops by taking a union's null branch or an empty container past depth 4.
 */
export function randomAvroJson(
  schema: unknown,
  names: AvroNames,
  rnd: Random,
  ns?: string,
  depth = 0,
): unknown {
  if (Array.isArray(schema)) {
    const hasNull = schema.includes('null');
    const branches = schema.filter((b) => b !== 'null');
    if (hasNull && (depth > 4 || rnd.next() < 0.2)) return null;
    const branch = rnd.pick(branches);
    const value = randomAvroJson(branch, names, rnd, ns, depth + 1);
    if (branches.length === 1) return value;
    return { [branchName(branch, names, ns)]: value };
  }
  if (typeof schema === 'string') {
    const named = names.lookup(schema, ns);
    if (named) return randomAvroJson(named.node, names, rnd, named.namespace, depth);
    return randomAvroJson({ type: schema }, names, rnd, ns, depth);
  }
  const node = schema as Node;
  const type = node['type'];
  if (typeof type !== 'string' || (!PRIMITIVE_OR_COMPLEX.has(type) && names.lookup(type, ns)))
    return randomAvroJson(type, names, rnd, ns, depth);
  const logical = node['logicalType'];
  if (type === 'long' && typeof logical === 'string' && logical.includes('timestamp-m')) {
    const iso = new Date(ISO_BASE + rnd.int(0, 2_000_000_000) * 1000 + rnd.int(0, 999)).toISOString();
    return logical.endsWith('micros') ? iso.replace('Z', `${rnd.int(100, 999)}Z`) : iso;
  }
  if (type === 'int' && logical === 'date')
    return new Date(ISO_BASE + rnd.int(0, 3650) * 86_400_000).toISOString().slice(0, 10);
  if ((type === 'bytes' || type === 'fixed') && logical === 'decimal') {
    const scale = Number(node['scale'] ?? 0);
    const precision = Number(node['precision']);
    const intDigits = Math.max(0, Math.min(precision - scale, 9));
    const whole = intDigits > 0 ? String(rnd.int(0, 10 ** intDigits - 1)) : '0';
    const frac =
      scale > 0
        ? `.${String(rnd.int(0, 10 ** Math.min(scale, 9) - 1))
            .padStart(Math.min(scale, 9), '0')
            .padEnd(scale, '0')}`
        : '';
    return `${rnd.next() < 0.5 ? '-' : ''}${whole}${frac}`;
  }
  const inner = (s: unknown): unknown => randomAvroJson(s, names, rnd, namespaceOfNode(node, ns), depth + 1);
  switch (type) {
    case 'null':
      return null;
    case 'boolean':
      return rnd.next() < 0.5;
    case 'int':
      return rnd.int(-100_000, 100_000);
    case 'long':
      return rnd.int64();
    case 'float':
      return Math.fround(rnd.next() * 1000);
    case 'double':
      return rnd.next() * 1e6;
    case 'bytes':
      return rnd.bytes(rnd.int(0, 16)).toString('base64');
    case 'string':
      return logical === 'uuid' ? '123e4567-e89b-12d3-a456-426614174000' : rnd.text();
    case 'fixed':
      return rnd.bytes(Number(node['size'])).toString('base64');
    case 'enum':
      return rnd.pick(node['symbols'] as string[]);
    case 'array':
      return Array.from({ length: depth > 4 ? 0 : rnd.int(0, 3) }, () => inner(node['items']));
    case 'map':
      return Object.fromEntries(
        Array.from({ length: depth > 4 ? 0 : rnd.int(0, 3) }, (_, i) => [`k${i}`, inner(node['values'])]),
      );
    default: {
      const out: Record<string, unknown> = {};
      for (const f of node['fields'] as Node[]) out[f['name'] as string] = inner(f['type']);
      return out;
    }
  }
}

const PRIMITIVE_OR_COMPLEX = new Set([
  'null',
  'boolean',
  'int',
  'long',
  'float',
  'double',
  'bytes',
  'string',
  'record',
  'error',
  'enum',
  'fixed',
  'array',
  'map',
]);

function namespaceOfNode(node: Node, ns: string | undefined): string | undefined {
  const name = node['name'];
  if (typeof name !== 'string') return ns;
  if (name.includes('.')) return name.slice(0, name.lastIndexOf('.'));
  return typeof node['namespace'] === 'string' ? node['namespace'] || undefined : ns;
}

function branchName(branch: unknown, names: AvroNames, ns: string | undefined): string {
  if (typeof branch === 'string') {
    if (PRIMITIVE_OR_COMPLEX.has(branch)) return branch;
    const found = names.lookup(branch, ns);
    const name = (found?.node['name'] as string | undefined) ?? branch;
    return name.includes('.') || !found?.namespace ? name : `${found.namespace}.${name}`;
  }
  const node = branch as Node;
  const type = node['type'];
  if (type === 'record' || type === 'error' || type === 'enum' || type === 'fixed') {
    const name = node['name'] as string;
    const own = namespaceOfNode(node, ns);
    return name.includes('.') || !own ? name : `${own}.${name}`;
  }
  return typeof type === 'string' ? branchName(type, names, ns) : 'union';
}

const INT32 = new Set(['int32', 'sint32', 'sfixed32']);
const UINT32 = new Set(['uint32', 'fixed32']);
const INT64 = new Set(['int64', 'sint64', 'sfixed64', 'uint64', 'fixed64']);

function protoScalar(field: Field, rnd: Random, depth: number): unknown {
  if (INT32.has(field.type)) return rnd.int(-100_000, 100_000);
  if (UINT32.has(field.type)) return rnd.int(0, 100_000);
  if (INT64.has(field.type))
    return field.type.startsWith('u') || field.type === 'fixed64' ? String(rnd.int(0, 1e9)) : rnd.int64();
  if (field.type === 'double') return rnd.next() * 1e6;
  if (field.type === 'float') return Math.fround(rnd.next() * 1000);
  if (field.type === 'bool') return rnd.next() < 0.5;
  if (field.type === 'string') return rnd.text();
  if (field.type === 'bytes') return rnd.bytes(rnd.int(0, 16));
  const t = field.resolvedType;
  if (t instanceof Enum) return rnd.pick(Object.keys(t.values));
  if (t instanceof Type) return randomProtobufValue(t, rnd, depth + 1);
  return undefined;
}

/**
 * A random message in the shape kgen's Protobuf codec takes with `int64: 'string'`, `enums: 'string'` and
 * well-known types as messages: camelCase properties, a oneof as `{ case, value }`. Well-known types other
 * than Timestamp and Duration are left unset.
 */
export function randomProtobufValue(type: Type, rnd: Random, depth = 0): Record<string, unknown> | undefined {
  const full = type.fullName;
  if (full === '.google.protobuf.Timestamp' || full === '.google.protobuf.Duration')
    return { seconds: String(rnd.int(0, 2_000_000_000)), nanos: rnd.int(0, 999_999_999) };
  if (full.startsWith('.google.protobuf.') || depth > 4) return undefined;
  const out: Record<string, unknown> = {};
  for (const field of type.fieldsArray) {
    field.resolve();
    if (field.partOf && !isSyntheticOneof(field.partOf)) continue;
    if (field.map) {
      const entries = Array.from({ length: rnd.int(0, 3) }, (_, i) => [
        (field as Field & { keyType: string }).keyType === 'string' ? `k${i}` : String(i),
        protoScalar(field, rnd, depth),
      ]);
      out[propName(field.name)] = Object.fromEntries(entries.filter(([, v]) => v !== undefined));
    } else if (field.repeated) {
      out[propName(field.name)] = Array.from({ length: rnd.int(0, 3) }, () =>
        protoScalar(field, rnd, depth),
      ).filter((v) => v !== undefined);
    } else {
      const v = protoScalar(field, rnd, depth);
      if (v !== undefined) out[propName(field.name)] = v;
    }
  }
  for (const oneof of type.oneofsArray) {
    if (isSyntheticOneof(oneof) || rnd.next() < 0.2) continue;
    const member = rnd.pick(oneof.fieldsArray);
    member.resolve();
    const value = protoScalar(member, rnd, depth);
    if (value !== undefined) out[propName(oneof.name)] = { case: propName(member.name), value };
  }
  return out;
}
