import { Enum, Type, type Field, type OneOf } from 'protobufjs';
import { isClosedEnum } from './protobufjs-private';
import type { ProtobufCodecOptions } from '../../topics';
import { ProtobufEncodeError } from './errors';
import {
  describe,
  mapKeyEncoder,
  scalarDecoder,
  scalarDefault,
  scalarEncoder,
  type Decode,
  pathOf,
  type Encode,
  type Fail,
} from './scalars';
import { WKT, WRAPPERS } from './wkt';
import { hasOwn, isRecord, putOwn } from './checks';
import { compileMessageConverter } from './compile-converter';
import { compileMessageDecoder } from './compile-decoder';
import { compileMessageEncoder } from './compile-encoder';
import { durationMillisCodec, timeMessageCodec, timestampDateCodec } from './time-codecs';
import type { FieldPlan, MessageCodec, OneofPlan, Presence } from './field-plan';

/** proto3 `optional` fields sit in a synthetic one-field oneof; they are plain optional properties. */
export function isSyntheticOneof(oneof: OneOf): boolean {
  const only = oneof.fieldsArray.length === 1 ? oneof.fieldsArray[0] : undefined;
  return only?.options?.['proto3_optional'] === true;
}

/**
 * The plain property name of a field or oneof: its JSON name as protoc derives it (`unit_price` → `unitPrice`,
 * `field_0` → `field0`). Idempotent, so it gives the same for protobufjs's partly camelCased names.
 */
export function propName(name: string): string {
  return name.replace(/_+(.?)/g, (_m, c: string) => c.toUpperCase());
}

/** How a field's presence shows in the plain shape. */
export function presenceOf(field: Field): Presence {
  if (field.map) return 'map';
  if (field.repeated) return 'repeated';
  if (field.required) return 'required';
  if (field.resolvedType instanceof Type || field.hasPresence) return 'explicit';
  return 'implicit';
}

/** Builds (and caches, for recursive types) the codecs of every message reachable from a root type. */
export class ShapeConverter {
  private readonly cache = new Map<Type, MessageCodec>();
  private readonly fail: Fail;

  constructor(
    private readonly options: Required<ProtobufCodecOptions>,
    messageName: string,
  ) {
    this.fail = (path, key, problem) => {
      throw new ProtobufEncodeError(messageName, pathOf(path, key), problem);
    };
  }

  forType(type: Type): MessageCodec {
    const cached = this.cache.get(type);
    if (cached) return cached;
    // Registered before the plans are built so recursive types find it; filled in below.
    const codec: MessageCodec = { toWire: () => ({}), encode: () => undefined, decode: () => ({}) };
    this.cache.set(type, codec);
    const fields: FieldPlan[] = [];
    const oneofs: OneofPlan[] = [];
    for (const oneof of type.oneofsArray) {
      if (isSyntheticOneof(oneof)) continue;
      oneofs.push({
        prop: propName(oneof.name),
        key: `.${propName(oneof.name)}`,
        cases: new Map(oneof.fieldsArray.map((f) => [propName(f.name), this.plan(f.resolve())])),
      });
    }
    for (const field of type.fieldsArray) {
      // Extension fields (declared with `extend`) are not part of the plain shape.
      if (field.declaringField || (field.partOf && !isSyntheticOneof(field.partOf))) continue;
      fields.push(this.plan(field.resolve()));
    }
    codec.toWire = compileMessageConverter(type.name, fields, oneofs, this.fail);
    codec.encode = compileMessageEncoder(type.name, fields, oneofs, this.fail);
    codec.decode = compileMessageDecoder(fields, oneofs);
    return codec;
  }

  private plan(field: Field): FieldPlan {
    const presence = presenceOf(field);
    const [encode, decode, defaultValue] = this.valueCodec(field);
    const mapKeyType = (field as Field & { keyType?: string }).keyType;
    const t = field.resolvedType;
    const wellKnown = t instanceof Type && this.wellKnown(t) !== undefined;
    return {
      prop: propName(field.name),
      key: `.${propName(field.name)}`,
      wire: field.name,
      presence,
      field,
      encode,
      decode,
      defaultValue,
      ...(t instanceof Type ? (wellKnown ? { wellKnown: t } : { nested: this.forType(t) }) : {}),
      ...(t instanceof Enum && isClosedEnum(t) ? { closedEnum: new Set(Object.values(t.values)) } : {}),
      ...(presence === 'map' && mapKeyType !== undefined
        ? { mapKey: { encode: mapKeyEncoder(mapKeyType, this.fail) } }
        : {}),
    };
  }

  /** Element converters of a field (one element for repeated/map fields) and its plain default. */
  private valueCodec(field: Field): [Encode, Decode, () => unknown] {
    const t = field.resolvedType;
    if (t instanceof Enum) return this.enumCodec(t);
    if (t instanceof Type) {
      const wkt = this.wellKnown(t);
      if (wkt) return [wkt[0], wkt[1], () => undefined];
      // Decoded by the nested type's decoder, never element-wise.
      return [(v, p, k) => this.forType(t).toWire(v, p, k), (v) => v, () => undefined];
    }
    const int64 = this.options.int64;
    return [
      scalarEncoder(field.type, this.fail),
      scalarDecoder(field.type, int64),
      () => scalarDefault(field.type, int64),
    ];
  }

  private enumCodec(e: Enum): [Encode, Decode, () => unknown] {
    const byId = new Map<number, string>();
    for (const [name, id] of Object.entries(e.values)) if (!byId.has(id)) byId.set(id, name);
    const first = Object.values(e.values)[0] ?? 0;
    const asString = this.options.enums === 'string';
    const decode: Decode = asString ? (v) => byId.get(v as number) ?? v : (v) => v;
    const encode: Encode = (v, p, k) => {
      if (typeof v === 'string') {
        const id = hasOwn(e.values, v) ? e.values[v] : undefined;
        return id !== undefined
          ? id
          : this.fail(p, k, `unknown ${e.name} value "${v}" (known: ${Object.keys(e.values).join(', ')})`);
      }
      // Numbers outside the enum are kept: they may come from a newer schema.
      if (typeof v === 'number' && Number.isInteger(v) && v >= -0x80000000 && v <= 0x7fffffff) return v;
      return this.fail(p, k, `expected a ${e.name} name or integer, got ${describe(v)}`);
    };
    return [encode, decode, () => decode(first)];
  }

  /** Converters for well-known types mapped to plain JavaScript values, or undefined for ordinary messages. */
  private wellKnown(t: Type): [Encode, Decode] | undefined {
    const fail = this.fail;
    const name = t.fullName;
    if (name === WKT.timestamp)
      return this.options.timestamp === 'date'
        ? timestampDateCodec(fail)
        : timeMessageCodec('Timestamp', this.options.int64, fail);
    if (name === WKT.duration)
      return this.options.duration === 'milliseconds'
        ? durationMillisCodec(fail)
        : timeMessageCodec('Duration', this.options.int64, fail);
    const wrapped = WRAPPERS[name];
    if (wrapped !== undefined && this.options.wrappers === 'unwrap') {
      const encode = scalarEncoder(wrapped, fail);
      const decode = scalarDecoder(wrapped, this.options.int64);
      const fallback = scalarDefault(wrapped, this.options.int64);
      return [
        (v, p, k) => ({ value: encode(v, p, k) }),
        (v) => {
          const inner = (v as { value?: unknown }).value;
          return inner !== undefined && inner !== null && hasOwn(v as object, 'value')
            ? decode(inner)
            : fallback;
        },
      ];
    }
    if (name === WKT.value) return [(v, p, k) => jsonToValue(v, pathOf(p, k), fail), valueToJson];
    if (name === WKT.struct) return [(v, p, k) => jsonToStruct(v, pathOf(p, k), fail), structToJson];
    if (name === WKT.listValue) return [(v, p, k) => jsonToList(v, pathOf(p, k), fail), listToJson];
    return undefined;
  }
}

function jsonToValue(v: unknown, p: string, fail: Fail): Record<string, unknown> {
  if (v === null) return { nullValue: 0 };
  switch (typeof v) {
    case 'number':
      return { numberValue: v };
    case 'string':
      return { stringValue: v };
    case 'boolean':
      return { boolValue: v };
    default:
      if (Array.isArray(v)) return { listValue: jsonToList(v, p, fail) };
      if (isRecord(v)) return { structValue: jsonToStruct(v, p, fail) };
      return fail(p, '', `expected a JSON value, got ${describe(v)}`);
  }
}

function jsonToStruct(v: unknown, p: string, fail: Fail): Record<string, unknown> {
  if (!isRecord(v)) return fail(p, '', `expected a JSON object, got ${describe(v)}`);
  const fields: Record<string, unknown> = {};
  for (const [k, item] of Object.entries(v))
    putOwn(fields, k, jsonToValue(item, `${p}[${JSON.stringify(k)}]`, fail));
  return { fields };
}

function jsonToList(v: unknown, p: string, fail: Fail): Record<string, unknown> {
  if (!Array.isArray(v)) return fail(p, '', `expected a JSON array, got ${describe(v)}`);
  return { values: v.map((item, i) => jsonToValue(item, `${p}[${i}]`, fail)) };
}

function valueToJson(v: unknown): unknown {
  const m = v as Record<string, unknown>;
  if (hasOwn(m, 'numberValue') && m['numberValue'] != null) return m['numberValue'];
  if (hasOwn(m, 'stringValue') && m['stringValue'] != null) return m['stringValue'];
  if (hasOwn(m, 'boolValue') && m['boolValue'] != null) return m['boolValue'];
  if (hasOwn(m, 'structValue') && m['structValue'] != null) return structToJson(m['structValue']);
  if (hasOwn(m, 'listValue') && m['listValue'] != null) return listToJson(m['listValue']);
  return null;
}

function structToJson(v: unknown): unknown {
  const fields = (v as { fields?: Record<string, unknown> }).fields ?? {};
  const out: Record<string, unknown> = {};
  for (const [k, item] of Object.entries(fields)) putOwn(out, k, valueToJson(item));
  return out;
}

function listToJson(v: unknown): unknown {
  return ((v as { values?: unknown[] }).values ?? []).map(valueToJson);
}
