import { Enum } from 'protobufjs';
import { entryKey, hasOwn, isRecord, messageChecks, ownRead } from './checks';
import type { FieldPlan, MessageEncoder, OneofPlan } from './field-plan';
import { bigintToBits, pathOf, type Fail } from './scalars';
import { INT64_TYPES } from './wkt';
import { mapKeyWireType, packable, scalarType, tagOf, wireType } from './wire';

/** protoc's (and protobufjs's) limit on message nesting. */
export const RECURSION_LIMIT = 100;

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** A validated decimal 64-bit map key → what protobufjs's 64-bit writers take. */
function longKey(k: string): number | { low: number; high: number } {
  const n = BigInt(k);
  return n >= MIN_SAFE && n <= MAX_SAFE ? Number(n) : bigintToBits(n);
}

/** The condition under which protobufjs writes an implicit-presence (proto3 scalar) value `x`: not its zero. */
function nonZero(f: FieldPlan, type: string): string {
  if (f.field.resolvedType instanceof Enum) return `x !== ${Number(f.field.typeDefault)}`;
  if (INT64_TYPES.has(type)) return `(typeof x === 'object' ? (x.low | x.high) !== 0 : x !== 0)`;
  switch (type) {
    case 'bool':
      return 'x !== false';
    case 'string':
      return "x !== ''";
    case 'bytes':
      return 'x.length !== 0';
    case 'double':
    case 'float':
      return '!Object.is(x, 0)';
    default:
      return 'x !== 0';
  }
}

/**
 * Builds a message's encoder: validates the plain value exactly as the converter does and writes it straight
 * to a protobufjs Writer, fields in number order as protobufjs does, so the bytes are the same as
 * `type.encode(toWire(value))` without the intermediate object. Straight-line code with constant property
 * names keeps every access site monomorphic.
 */
export function compileMessageEncoder(
  typeName: string,
  fields: readonly FieldPlan[],
  oneofs: readonly OneofPlan[],
  fail: Fail,
): MessageEncoder {
  const checks = messageChecks(typeName, [...fields.map((f) => f.prop), ...oneofs.map((o) => o.prop)], fail);
  const helpers = { ...checks, isRecord, hasOwn, pathOf, entryKey, longKey, limit: RECURSION_LIMIT };
  const q = JSON.stringify;
  const members = new Map<FieldPlan, number>();
  oneofs.forEach((o, i) => o.cases.forEach((f) => members.set(f, i)));
  const all = [...fields, ...members.keys()].sort((a, b) => a.field.id - b.field.id);

  /** Statements writing one element `val` of field `i` (path `p`, key `k`) with its tag. */
  const element = (f: FieldPlan, i: number, val: string, p: string, k: string): string => {
    const { id } = f.field;
    const delimited = f.field.delimited;
    const open = delimited ? `w.uint32(${tagOf(id, 3)})` : `w.uint32(${tagOf(id, 2)}).fork()`;
    const close = delimited ? `w.uint32(${tagOf(id, 4)});` : 'w.ldelim();';
    if (f.nested) return `${open}; N${i}.encode(${val}, w, ${p}, ${k}, q + 1); ${close}`;
    if (f.wellKnown) return `W${i}.encode(E${i}(${val}, ${p}, ${k}), ${open}); ${close}`;
    const type = scalarType(f.field);
    return `w.uint32(${tagOf(id, wireType(type))}).${type}(E${i}(${val}, ${p}, ${k}));`;
  };

  /** Statements writing one map entry (key `k`, value `m[k]`) of field `i`. */
  const entry = (f: FieldPlan, i: number): string => {
    const keyType = (f.field as { keyType?: string }).keyType ?? 'string';
    const keyArg =
      keyType === 'string'
        ? 'k'
        : keyType === 'bool'
          ? "k === 'true'"
          : INT64_TYPES.has(keyType)
            ? 'h.longKey(k)'
            : '+k';
    let value: string;
    if (f.nested) value = `w.uint32(18).fork(); N${i}.encode(m[k], w, at, ek, q + 1); w.ldelim();`;
    else if (f.wellKnown) value = `W${i}.encode(E${i}(m[k], at, ek), w.uint32(18).fork()).ldelim();`;
    else {
      const type = scalarType(f.field);
      value = `w.uint32(${tagOf(2, wireType(type))}).${type}(E${i}(m[k], at, ek));`;
    }
    return [
      `const k = ks[j], ek = h.entryKey(k);`,
      `K${i}(k, at, ek);`,
      `w.uint32(${tagOf(f.field.id, 2)}).fork().uint32(${tagOf(1, mapKeyWireType(keyType))}).${keyType}(${keyArg});`,
      value,
      `w.ldelim();`,
    ].join(' ');
  };

  const body: string[] = [];
  oneofs.forEach((o, j) => {
    body.push(
      `v = ${ownRead('value', o.prop)};`,
      `const c${j} = v === undefined ? undefined : h.oneofCase(O[${j}], v, path);`,
    );
  });
  all.forEach((f, i) => {
    const oneof = members.get(f);
    if (oneof !== undefined) {
      const o = oneofs[oneof]!;
      body.push(
        `if (c${oneof} === ${q([...o.cases].find(([, m]) => m === f)![0])}) {`,
        `  ${element(f, i, `value[${q(o.prop)}].value`, `path + ${q(o.key)}`, "'.value'")}`,
        `}`,
      );
      return;
    }
    body.push(`v = ${ownRead('value', f.prop)};`);
    const type = scalarType(f.field);
    switch (f.presence) {
      case 'implicit':
        body.push(
          `if (v !== undefined) {`,
          `  x = E${i}(v, path, ${q(f.key)});`,
          `  if (${nonZero(f, type)}) w.uint32(${tagOf(f.field.id, wireType(type))}).${type}(x);`,
          `}`,
        );
        break;
      case 'required':
        body.push(`if (v === undefined) h.missing(path, ${q(f.key)});`, element(f, i, 'v', 'path', q(f.key)));
        break;
      case 'explicit':
        body.push(`if (v !== undefined) { ${element(f, i, 'v', 'path', q(f.key))} }`);
        break;
      case 'repeated': {
        const packed = f.field.packed && !f.nested && !f.wellKnown && packable(type);
        body.push(
          `if (v !== undefined) {`,
          `  const a = h.array(v, path, ${q(f.key)}), at = path + ${q(f.key)};`,
          packed
            ? `  if (a.length !== 0) { w.uint32(${tagOf(f.field.id, 2)}).fork(); for (let j = 0; j < a.length; j++) w.${type}(E${i}(a[j], at, j)); w.ldelim(); }`
            : `  for (let j = 0; j < a.length; j++) { ${element(f, i, 'a[j]', 'at', 'j')} }`,
          `}`,
        );
        break;
      }
      case 'map':
        body.push(
          `if (v !== undefined) {`,
          `  const m = h.map(v, path, ${q(f.key)}), at = path + ${q(f.key)}, ks = Object.keys(m);`,
          `  for (let j = 0; j < ks.length; j++) { ${entry(f, i)} }`,
          `}`,
        );
        break;
    }
  });

  const consts = all
    .map(
      (_f, i) =>
        `const E${i} = A[${i}].encode, N${i} = A[${i}].nested, W${i} = A[${i}].wellKnown, K${i} = A[${i}].mapKey?.encode;`,
    )
    .join('\n    ');
  const source = `
    ${consts}
    return function encode(value, w, parent, key, q) {
      if (!h.isRecord(value)) return h.notObject(parent, key, value);
      if (q > h.limit) throw Error('max depth exceeded');
      const path = key === '' ? parent : h.pathOf(parent, key);
      for (const k in value) if (!h.known.has(k) && h.hasOwn(value, k)) h.unknown(path, k);
      let v, x;
      ${body.join('\n      ')}
    };`;
  const factory = new Function('A', 'O', 'h', source) as (
    a: readonly FieldPlan[],
    o: readonly OneofPlan[],
    h: typeof helpers,
  ) => MessageEncoder;
  return factory(all, oneofs, helpers);
}
