import { Enum, Type, type Field } from 'protobufjs';
import { presenceOf } from '../../src/serde/protobuf/shape-converter';
import { INT64_TYPES, WKT, WRAPPERS } from '../../src/serde/protobuf/wkt';
import type { ResolvedProtobufGenerateOptions } from './options';

/** Which side of the codec a type is for: what `decode` returns, or what `encode` takes. */
export type Side = 'output' | 'input';

/** Resolves a message or enum to the TypeScript name to write in the current module (local or `alias.Name`). */
export type NameOf = (decl: Type | Enum) => string;

/** TypeScript type of one scalar value. */
export function scalarType(type: string, side: Side, options: ResolvedProtobufGenerateOptions): string {
  if (INT64_TYPES.has(type)) return options.int64;
  switch (type) {
    case 'bool':
      return 'boolean';
    case 'string':
      return 'string';
    case 'bytes':
      return side === 'output' ? 'Buffer' : 'Uint8Array';
    default:
      return 'number';
  }
}

function timeMessage(side: Side, options: ResolvedProtobufGenerateOptions): string {
  const s = options.int64;
  return side === 'output'
    ? `{ seconds: ${s}; nanos: number }`
    : `{ seconds?: ${s} | undefined; nanos?: number | undefined }`;
}

/** The plain-JavaScript type of a well-known message, or undefined for an ordinary message. */
export function wellKnownType(
  t: Type,
  side: Side,
  options: ResolvedProtobufGenerateOptions,
): string | undefined {
  switch (t.fullName) {
    case WKT.timestamp:
      return options.timestamp === 'date' ? 'Date' : timeMessage(side, options);
    case WKT.duration:
      return options.duration === 'milliseconds' ? 'number' : timeMessage(side, options);
    case WKT.struct:
      return 'kgen.ProtobufJsonObject';
    case WKT.value:
      return 'kgen.ProtobufJsonValue';
    case WKT.listValue:
      return 'readonly kgen.ProtobufJsonValue[]';
    case WKT.any:
      return side === 'output' ? 'kgen.ProtobufAny' : 'kgen.ProtobufAny<Uint8Array>';
    case '.google.protobuf.Empty':
      return side === 'output' ? 'Record<string, never>' : '{ readonly [key: string]: never }';
    case '.google.protobuf.FieldMask':
      return side === 'output' ? '{ paths: string[] }' : '{ paths?: readonly string[] | undefined }';
  }
  const wrapped = WRAPPERS[t.fullName];
  if (wrapped === undefined) return undefined;
  const inner = scalarType(wrapped, side, options);
  if (options.wrappers === 'unwrap') return inner;
  return side === 'output' ? `{ value: ${inner} }` : `{ value?: ${inner} | undefined }`;
}

/** Type of one element of a field (the whole value for singular fields). */
export function elementType(
  field: Field,
  side: Side,
  options: ResolvedProtobufGenerateOptions,
  nameOf: NameOf,
): string {
  const t = field.resolvedType;
  if (t instanceof Enum) {
    if (t.fullName === '.google.protobuf.NullValue') return 'null';
    // Values the schema does not know (a newer writer) are kept as numbers.
    return options.enums === 'string' ? `${nameOf(t)} | number` : `${nameOf(t)} | (number & {})`;
  }
  if (t instanceof Type) {
    const wkt = wellKnownType(t, side, options);
    if (wkt !== undefined) return wkt;
    return side === 'output' ? nameOf(t) : `${nameOf(t)}Input`;
  }
  return scalarType(field.type, side, options);
}

function needsParens(type: string): boolean {
  return /[|&]/.test(type) || type.startsWith('readonly ');
}

/** Full property type of a field: arrays, maps, or the element type. */
export function fieldType(
  field: Field,
  side: Side,
  options: ResolvedProtobufGenerateOptions,
  nameOf: NameOf,
): string {
  const element = elementType(field, side, options, nameOf);
  const presence = presenceOf(field);
  if (presence === 'repeated') {
    const e = needsParens(element) ? `(${element})` : element;
    return side === 'output' ? `${e}[]` : `readonly ${e}[]`;
  }
  if (presence === 'map') {
    const keyType = (field as Field & { keyType?: string }).keyType ?? 'string';
    const key = INT64_TYPES.has(keyType) || keyType === 'string' || keyType === 'bool' ? 'string' : 'number';
    return side === 'output' ? `{ [key: ${key}]: ${element} }` : `{ readonly [key: ${key}]: ${element} }`;
  }
  return element;
}
