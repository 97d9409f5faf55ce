/** Fully-qualified names of the well-known types the codec and emitter map to plain JavaScript values. */
export const WKT = {
  timestamp: '.google.protobuf.Timestamp',
  duration: '.google.protobuf.Duration',
  struct: '.google.protobuf.Struct',
  value: '.google.protobuf.Value',
  listValue: '.google.protobuf.ListValue',
  any: '.google.protobuf.Any',
} as const;

/** Wrapper message → the scalar type of its `value` field. */
export const WRAPPERS: Readonly<Record<string, string>> = {
  '.google.protobuf.DoubleValue': 'double',
  '.google.protobuf.FloatValue': 'float',
  '.google.protobuf.Int64Value': 'int64',
  '.google.protobuf.UInt64Value': 'uint64',
  '.google.protobuf.Int32Value': 'int32',
  '.google.protobuf.UInt32Value': 'uint32',
  '.google.protobuf.BoolValue': 'bool',
  '.google.protobuf.StringValue': 'string',
  '.google.protobuf.BytesValue': 'bytes',
};

/** Scalar types carried as 64-bit integers (bigint or string in plain shapes). */
export const INT64_TYPES: ReadonlySet<string> = new Set(['int64', 'uint64', 'sint64', 'fixed64', 'sfixed64']);
/** Unsigned 64-bit scalar types. */
export const UNSIGNED_64: ReadonlySet<string> = new Set(['uint64', 'fixed64']);
