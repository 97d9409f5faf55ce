import { Enum, Reader } from 'protobufjs';
import { putOwn } from './checks';
import { RECURSION_LIMIT } from './compile-encoder';
import type { FieldPlan, MessageDecoder, OneofPlan } from './field-plan';
import { bitsToBigint } from './scalars';
import { readVarint64 } from './varint64';
import { INT64_TYPES, UNSIGNED_64 } from './wkt';
import { verifiesUtf8 } from './protobufjs-private';
import { mapKeyWireType, packable, scalarType, wireType } from './wire';

const EMPTY = Buffer.alloc(0);
const VARINT64: Readonly<Record<string, boolean>> = { int64: true, uint64: true, sint64: true };

const helpers = {
  limit: RECURSION_LIMIT,
  /** A reader of no bytes: an absent map value decodes as the empty message. */
  empty: (): Reader => Reader.create(EMPTY),
  varint64: readVarint64,
  longKey: (k: unknown, unsigned: boolean): string => bitsToBigint(k, unsigned).toString(),
  /** Sets a string-keyed map entry; `__proto__` as an own property rather than the prototype. */
  put: putOwn,
};

/** The Reader call reading one scalar element of `type` for field `f`. */
function readScalar(f: FieldPlan, type: string): string {
  if (VARINT64[type]) return `h.varint64(r, ${type === 'uint64'}, ${type === 'sint64'})`;
  return type === 'string' && verifiesUtf8(f.field) ? 'r.stringVerify()' : `r.${type}()`;
}

/** Whether plain elements differ from what the Reader returns (int64 → bigint/string, enums, bytes → Buffer). */
function converts(f: FieldPlan, type: string): boolean {
  return f.field.resolvedType instanceof Enum || INT64_TYPES.has(type) || type === 'bytes';
}

/**
 * Builds a message's decoder: reads fields off a protobufjs Reader straight into the plain shape (int64 as
 * bigint/string, enums by name, proto3 defaults, oneofs as `{ case, value }`), with protobufjs's wire rules:
 * packed and unpacked repeated fields, unknown fields and mismatched wire types skipped, later occurrences
 * of a message merged, required proto2 fields checked. Values are read into locals and the object is built
 * once at the end, so all results of a message share one hidden class.
 */
export function compileMessageDecoder(
  fields: readonly FieldPlan[],
  oneofs: readonly OneofPlan[],
): MessageDecoder {
  const q = JSON.stringify;
  const member = new Map<FieldPlan, [oneof: number, name: string]>();
  oneofs.forEach((o, j) => o.cases.forEach((f, name) => member.set(f, [j, name])));
  const all = [...fields, ...member.keys()];
  const cases: string[] = [];
  const after: string[] = [];
  const locals: string[] = [];
  const fresh: string[] = [];
  const merged: string[] = [];

  /** Reads one message element of field `i`, merging into `prev`. */
  const readMessage = (f: FieldPlan, i: number, prev: string): string => {
    const end = ((f.field.id << 3) | 4) >>> 0;
    if (f.nested)
      return f.field.delimited
        ? `N${i}.decode(r, undefined, q + 1, ${prev}, ${end})`
        : `N${i}.decode(r, r.size(), q + 1, ${prev})`;
    return f.field.delimited
      ? `W${i}.decode(r, undefined, ${end}, q + 1, ${prev})`
      : `W${i}.decode(r, r.size(), undefined, q + 1, ${prev})`;
  };
  const messageWire = (f: FieldPlan): number => (f.field.delimited ? 3 : 2);
  /** Statements reading one scalar element of field `i` and handing its plain value to `use`. */
  const scalar = (f: FieldPlan, i: number, use: (v: string) => string): string => {
    const type = scalarType(f.field);
    if (f.closedEnum) return `const e = r.int32(); if (!C${i}.has(e)) continue; ${use(`D${i}(e)`)}`;
    const read = readScalar(f, type);
    return use(converts(f, type) ? `D${i}(${read})` : read);
  };

  all.forEach((f, i) => {
    const { id } = f.field;
    const type = scalarType(f.field);
    const isMessage = f.nested !== undefined || f.wellKnown !== undefined;
    const local = `f${i}`;
    const inOneof = member.get(f);
    if (inOneof) {
      const [j, name] = inOneof;
      const set = (v: string): string => `o${j} = { case: ${q(name)}, value: ${v} };`;
      if (f.nested) {
        const prev = `o${j} !== undefined && o${j}.case === ${q(name)} ? o${j}.value : undefined`;
        cases.push(
          `case ${id}: { if (u !== ${messageWire(f)}) break; ${set(readMessage(f, i, prev))} continue; }`,
        );
      } else if (f.wellKnown) {
        cases.push(
          `case ${id}: { if (u !== ${messageWire(f)}) break; ${set(`D${i}(${readMessage(f, i, 'undefined')})`)} continue; }`,
        );
      } else {
        cases.push(`case ${id}: { if (u !== ${wireType(type)}) break; ${scalar(f, i, set)} continue; }`);
      }
      return;
    }
    locals.push(local);
    merged.push(`${local} = g[${q(f.prop)}];`);
    switch (f.presence) {
      case 'repeated': {
        fresh.push(`${local} = [];`);
        const push = (v: string): string => `${local}.push(${v});`;
        if (isMessage) {
          const read = readMessage(f, i, 'undefined');
          cases.push(
            `case ${id}: { if (u !== ${messageWire(f)}) break; ${push(f.nested ? read : `D${i}(${read})`)} continue; }`,
          );
        } else {
          const packed = packable(type)
            ? `if (u === 2) { const e2 = r.size() + r.pos; if (e2 > r.len) throw RangeError('index out of range'); const s2 = r.len; r.len = e2; while (r.pos < e2) { ${scalar(f, i, push)} } r.len = s2; continue; } `
            : '';
          cases.push(
            `case ${id}: { ${packed}if (u !== ${wireType(type)}) break; ${scalar(f, i, push)} continue; }`,
          );
        }
        break;
      }
      case 'map': {
        fresh.push(`${local} = {};`);
        const keyType = (f.field as { keyType?: string }).keyType ?? 'string';
        const keyRead = VARINT64[keyType]
          ? `h.varint64(r, ${keyType === 'uint64'}, ${keyType === 'sint64'})`
          : keyType === 'string' && verifiesUtf8(f.field)
            ? 'r.stringVerify()'
            : `r.${keyType}()`;
        const keyDefault = keyType === 'string' ? "''" : keyType === 'bool' ? 'false' : '0';
        const key =
          keyType === 'string'
            ? 'k'
            : INT64_TYPES.has(keyType)
              ? `h.longKey(k, ${UNSIGNED_64.has(keyType)})`
              : "'' + k";
        let valueDefault = 'undefined';
        let valueRead: string;
        let value: string;
        let valueWire = 2;
        if (f.nested) {
          valueRead = `N${i}.decode(r, r.size(), q + 1, y)`;
          value = `y === undefined ? N${i}.decode(h.empty(), 0, q + 1) : y`;
        } else if (f.wellKnown) {
          valueRead = `W${i}.decode(r, r.size(), undefined, q + 1, y)`;
          value = `D${i}(y === undefined ? W${i}.create() : y)`;
        } else {
          valueWire = wireType(type);
          valueDefault =
            type === 'string' ? "''" : type === 'bool' ? 'false' : type === 'bytes' ? 'Buffer.alloc(0)' : '0';
          valueRead = readScalar(f, type);
          value = converts(f, type) ? `D${i}(y)` : 'y';
        }
        cases.push(
          `case ${id}: {`,
          `  if (u !== 2) break;`,
          `  const e2 = r.size() + r.pos; if (e2 > r.len) throw RangeError('index out of range'); const s2 = r.len; r.len = e2;`,
          `  let k = ${keyDefault}, y = ${valueDefault};`,
          `  while (r.pos < e2) {`,
          `    const t2 = r.tag(), u2 = t2 & 7, n2 = t2 >>> 3;`,
          `    if (n2 === 1 && u2 === ${mapKeyWireType(keyType)}) k = ${keyRead};`,
          `    else if (n2 === 2 && u2 === ${valueWire}) y = ${valueRead};`,
          `    else r.skipType(u2, q, n2);`,
          `  }`,
          `  r.len = s2;`,
          f.closedEnum ? `  if (!C${i}.has(y)) continue;` : '',
          keyType === 'string' ? `  h.put(${local}, k, ${value});` : `  ${local}[${key}] = ${value};`,
          `  continue;`,
          `}`,
        );
        break;
      }
      default: {
        const required = f.presence === 'required';
        const seen = required ? ` s${i} = true;` : '';
        if (required) {
          locals.push(`s${i} = g !== undefined`);
          after.push(`if (!s${i}) throw Error(${q(`missing required '${f.field.name}'`)});`);
        }
        if (f.presence === 'implicit' || (required && !isMessage)) {
          const d = f.defaultValue();
          const literal = typeof d === 'bigint' ? `${d}n` : typeof d === 'object' ? `Z${i}()` : q(d);
          fresh.push(`${local} = ${literal};`);
        } else fresh.push(`${local} = undefined;`);
        if (f.nested) {
          cases.push(
            `case ${id}: { if (u !== ${messageWire(f)}) break; ${local} = ${readMessage(f, i, local)};${seen} continue; }`,
          );
        } else if (f.wellKnown) {
          // The wire object is kept so later occurrences merge into it; converted once at the end.
          locals.push(`x${i}`);
          cases.push(
            `case ${id}: { if (u !== ${messageWire(f)}) break; x${i} = ${readMessage(f, i, `x${i}`)};${seen} continue; }`,
          );
          after.push(`if (x${i} !== undefined) ${local} = D${i}(x${i});`);
        } else {
          cases.push(
            `case ${id}: { if (u !== ${wireType(type)}) break; ${scalar(f, i, (v) => `${local} = ${v};`)}${seen} continue; }`,
          );
        }
      }
    }
  });
  oneofs.forEach((o, j) => {
    locals.push(`o${j}`);
    fresh.push(`o${j} = undefined;`);
    merged.push(`o${j} = g[${q(o.prop)}];`);
  });

  // Properties in declaration order, oneofs last (as the emitted types list them); absent explicit fields
  // are left out, so the literal stops at the first of them.
  const build: string[] = [];
  const literal: string[] = [];
  let open = true;
  fields.forEach((f, i) => {
    if (f.presence === 'explicit') {
      open = false;
      build.push(`if (f${i} !== undefined) m[${q(f.prop)}] = f${i};`);
    } else if (open) literal.push(`${q(f.prop)}: f${i}`);
    else build.push(`m[${q(f.prop)}] = f${i};`);
  });
  oneofs.forEach((o, j) => {
    const v = `o${j} === undefined ? { case: undefined } : o${j}`;
    if (open) literal.push(`${q(o.prop)}: ${v}`);
    else build.push(`m[${q(o.prop)}] = ${v};`);
  });

  const consts = all
    .map(
      (_f, i) =>
        `const D${i} = A[${i}].decode, N${i} = A[${i}].nested, W${i} = A[${i}].wellKnown, C${i} = A[${i}].closedEnum, Z${i} = A[${i}].defaultValue;`,
    )
    .join('\n    ');
  const source = `
    ${consts}
    return function decode(r, l, q, g, z) {
      if (q > h.limit) throw Error('max depth exceeded');
      let c = r.len, s = 0;
      if (l !== undefined) {
        c = r.pos + l;
        if (c > r.len) throw RangeError('index out of range');
        s = r.len;
        r.len = c;
      }
      ${locals.length > 0 ? `let ${locals.join(', ')};` : ''}
      if (g === undefined) { ${fresh.join(' ')} } else { ${merged.join(' ')} }
      while (r.pos < c) {
        const t = r.tag();
        if (t === z) { z = undefined; break; }
        const u = t & 7;
        switch (t >>> 3) {
          ${cases.filter((c) => c !== '').join('\n          ')}
        }
        r.skipType(u, q, t >>> 3);
      }
      if (l !== undefined) {
        if (r.pos !== c) throw RangeError('index out of range');
        r.len = s;
      }
      if (z !== undefined) throw Error('missing end group');
      ${after.join('\n      ')}
      const m = { ${literal.join(', ')} };
      ${build.join('\n      ')}
      return m;
    };`;
  const factory = new Function('A', 'h', source) as (
    a: readonly FieldPlan[],
    h: typeof helpers,
  ) => MessageDecoder;
  return factory(all, helpers);
}
