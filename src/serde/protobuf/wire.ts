import { Enum, types, type Field } from 'protobufjs';

/** The protobufjs Writer/Reader method of a field's elements: its scalar type, `int32` for enums. */
export function scalarType(field: Field): string {
  return field.resolvedType instanceof Enum ? 'int32' : field.type;
}

const table = (t: object, type: string): number | undefined =>
  (t as Record<string, number | undefined>)[type];

/** Wire type of a scalar type (0 varint, 1 64-bit, 2 length-delimited, 5 32-bit); 2 for messages. */
export function wireType(type: string): number {
  return table(types.basic, type) ?? 2;
}

/** Wire type of a map key type. */
export function mapKeyWireType(keyType: string): number {
  return table(types.mapKey, keyType) ?? 2;
}

/** Whether a repeated field of this scalar type may be packed (decoders accept both forms). */
export function packable(type: string): boolean {
  return table(types.packed, type) !== undefined;
}

/** A field key as written on the wire: number and wire type. */
export function tagOf(id: number, wire: number): number {
  return ((id << 3) | wire) >>> 0;
}
