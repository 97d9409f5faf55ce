import { Enum, Type, type Field, type IConversionOptions } from 'protobufjs';
import {
  bytesFromBase64,
  childPath,
  describeJson,
  expectArray,
  expectObject,
  expectType,
  floatFromJson,
  int64FromJson,
  intFromJson,
  RecordShapeError,
} from './shape-error';

/**
 * The JSON rendering of a Protobuf message: ProtoJSON's scalar forms (64-bit integers as decimal strings,
 * bytes as base64, enums by name, NaN/Infinity as strings, lowerCamelCase field names, fields at their
 * default omitted), with well-known types as their plain fields (a Timestamp is `{seconds, nanos}`).
 */
const TO_JSON: IConversionOptions = { longs: String, enums: String, bytes: String, json: true };

export function protobufToJson(type: Type, payload: Buffer): Record<string, unknown> {
  return type.toObject(type.decode(payload), TO_JSON);
}

const INT32: Readonly<Record<string, readonly [number, number]>> = {
  int32: [-(2 ** 31), 2 ** 31 - 1],
  sint32: [-(2 ** 31), 2 ** 31 - 1],
  sfixed32: [-(2 ** 31), 2 ** 31 - 1],
  uint32: [0, 2 ** 32 - 1],
  fixed32: [0, 2 ** 32 - 1],
};
const INT64 = new Set(['int64', 'sint64', 'sfixed64']);
const UINT64 = new Set(['uint64', 'fixed64']);

function scalar(field: Field, v: unknown, path: string): void {
  const range = INT32[field.type];
  if (range) {
    // ProtoJSON also accepts integers as strings.
    const n = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
    intFromJson(n, path, range[0], range[1]);
  } else if (INT64.has(field.type) || UINT64.has(field.type)) {
    int64FromJson(v, path, UINT64.has(field.type));
  } else if (field.type === 'double' || field.type === 'float') {
    floatFromJson(v, path);
  } else if (field.type === 'bool') {
    expectType(v, 'boolean', path);
  } else if (field.type === 'string') {
    expectType(v, 'string', path);
  } else if (field.type === 'bytes') {
    bytesFromBase64(v, path);
  } else if (field.resolvedType instanceof Enum) {
    const values = field.resolvedType.values;
    const ok = typeof v === 'string' ? Object.hasOwn(values, v) : Number.isInteger(v);
    if (!ok)
      throw new RecordShapeError(
        path,
        `expected one of ${Object.keys(values).join(', ')} (enum ${field.resolvedType.fullName.slice(1)}), got ${describeJson(v)}`,
      );
  } else if (field.resolvedType instanceof Type) {
    checkMessage(field.resolvedType, v, path);
  }
}

function mapKey(keyType: string, key: string, path: string): void {
  if (keyType === 'string') return;
  if (keyType === 'bool') {
    if (key !== 'true' && key !== 'false') throw new RecordShapeError(path, `map key "${key}" is not a bool`);
    return;
  }
  scalar({ type: keyType } as Field, key, path);
}

/** Checks JSON against a message type; throws {@link RecordShapeError} at the first field that does not fit. */
export function checkMessage(type: Type, json: unknown, path = '$'): void {
  const obj = expectObject(json, path);
  const setOneofs = new Map<string, string>();
  for (const [key, v] of Object.entries(obj)) {
    const at = childPath(path, key);
    const field = type.fields[key];
    if (!field)
      throw new RecordShapeError(
        at,
        `message ${type.fullName.slice(1)} has no field "${key}" (names are lowerCamelCase)`,
      );
    if (v === null) continue; // unset
    const oneof = field.partOf?.oneof.length ? field.partOf : undefined;
    if (oneof && !oneof.name.startsWith('_')) {
      const other = setOneofs.get(oneof.name);
      if (other !== undefined)
        throw new RecordShapeError(
          at,
          `"${key}" and "${other}" are both set, but are members of oneof ${oneof.name}`,
        );
      setOneofs.set(oneof.name, key);
    }
    field.resolve();
    if (field.map) {
      const keyType = (field as Field & { keyType: string }).keyType;
      for (const [k, item] of Object.entries(expectObject(v, at))) {
        mapKey(keyType, k, childPath(at, k));
        scalar(field, item, childPath(at, k));
      }
    } else if (field.repeated) {
      expectArray(v, at).forEach((item, i) => scalar(field, item, childPath(at, i)));
    } else {
      scalar(field, v, at);
    }
  }
}

/** Checked JSON → encoded message bytes (without the Confluent frame). */
export function protobufFromJson(type: Type, json: unknown): Buffer {
  checkMessage(type, json);
  const message = type.fromObject(json as Record<string, unknown>);
  return Buffer.from(type.encode(message).finish());
}
