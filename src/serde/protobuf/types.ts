/** Shapes generated Protobuf types use for well-known types; exported from `kgen` for generated code. */

/** A `google.protobuf.Value` as plain JSON (`Struct` → object, `ListValue` → array, `NullValue` → null). */
export type ProtobufJsonValue =
  | null
  | boolean
  | number
  | string
  | readonly ProtobufJsonValue[]
  | { readonly [key: string]: ProtobufJsonValue };

/** A `google.protobuf.Struct` as a plain JSON object. */
export type ProtobufJsonObject = { readonly [key: string]: ProtobufJsonValue };

/** A `google.protobuf.Any`: the packed message's type URL and its encoded bytes (input accepts any Uint8Array). */
export interface ProtobufAny<TBytes extends Uint8Array = Buffer> {
  /** Type URL of the packed message, e.g. `type.googleapis.com/acme.Order`. */
  readonly typeUrl: string;
  /** The packed message, encoded. */
  readonly value: TBytes;
}
