import { hasOwn, isRecord, entryKey, messageChecks, ownRead, putOwn } from './checks';
import type { FieldPlan, MessageCodec, OneofPlan } from './field-plan';
import { pathOf, type Fail } from './scalars';

/**
 * Builds a message's plain → protobufjs-object converter as straight-line code with constant property names
 * (like protobufjs's own encoders), so every property access site stays monomorphic. The codec encodes
 * through the fused encoder; this validating conversion serves `accepts`.
 */
export function compileMessageConverter(
  typeName: string,
  fields: readonly FieldPlan[],
  oneofs: readonly OneofPlan[],
  fail: Fail,
): MessageCodec['toWire'] {
  const checks = messageChecks(typeName, [...fields.map((f) => f.prop), ...oneofs.map((o) => o.prop)], fail);
  const q = JSON.stringify;
  const helpers = {
    ...checks,
    isRecord,
    hasOwn,
    pathOf,
    repeated: (f: FieldPlan, v: unknown, path: string): unknown[] => {
      const items = checks.array(v, path, f.key);
      const at = path + f.key;
      const out = new Array<unknown>(items.length);
      for (let i = 0; i < items.length; i++) out[i] = f.encode(items[i], at, i);
      return out;
    },
    map: (f: FieldPlan, v: unknown, path: string): Record<string, unknown> => {
      const entries = checks.map(v, path, f.key);
      const at = path + f.key;
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(entries)) {
        const entry = entryKey(k);
        putOwn(out, f.mapKey!.encode(k, at, entry), f.encode(item, at, entry));
      }
      return out;
    },
    oneof: (o: OneofPlan, v: unknown, path: string, out: Record<string, unknown>): void => {
      const c = checks.oneofCase(o, v, path);
      if (c === undefined) return;
      const member = o.cases.get(c)!;
      out[member.wire] = member.encode((v as Record<string, unknown>)['value'], path + o.key, '.value');
    },
  };

  const enc: string[] = [];
  fields.forEach((f, i) => {
    const get = `v = ${ownRead('value', f.prop)};`;
    const set = `out[${q(f.wire)}]`;
    switch (f.presence) {
      case 'repeated':
        enc.push(get, `if (v !== undefined) ${set} = h.repeated(F[${i}], v, path);`);
        break;
      case 'map':
        enc.push(get, `if (v !== undefined) ${set} = h.map(F[${i}], v, path);`);
        break;
      case 'required':
        enc.push(
          get,
          `if (v === undefined) h.missing(path, ${q(f.key)}); else ${set} = E[${i}](v, path, ${q(f.key)});`,
        );
        break;
      default:
        enc.push(get, `if (v !== undefined) ${set} = E[${i}](v, path, ${q(f.key)});`);
    }
  });
  oneofs.forEach((o, i) => {
    enc.push(`v = ${ownRead('value', o.prop)};`, `if (v !== undefined) h.oneof(O[${i}], v, path, out);`);
  });

  const source = `
    const E = F.map((f) => f.encode);
    return function toWire(value, parent, key) {
      if (!h.isRecord(value)) return h.notObject(parent, key, value);
      const path = key === '' ? parent : h.pathOf(parent, key);
      for (const k in value) if (!h.known.has(k) && h.hasOwn(value, k)) h.unknown(path, k);
      const out = {};
      let v;
      ${enc.join('\n      ')}
      return out;
    };`;
  const factory = new Function('F', 'O', 'h', source) as (
    f: readonly FieldPlan[],
    o: readonly OneofPlan[],
    h: typeof helpers,
  ) => MessageCodec['toWire'];
  return factory(fields, oneofs, helpers);
}
