/**
 * kgen — typed Kafka for TypeScript: the runtime SDK.
 * @packageDocumentation
 */

// Errors
export { KgenError, isKgenError } from './errors';

// Topic contract (targets of generated code and hand-written maps)
export {
  avroSchema,
  bytesSerde,
  defineTopics,
  oneOf,
  protobufSchema,
  stringSerde,
  type AvroCodecOptions,
  type AvroSchemaDescriptor,
  type BytesDescriptor,
  type InputOf,
  type KeyInput,
  type KeyOutput,
  type OneOfDescriptor,
  type OutputOf,
  type ProtobufCodecOptions,
  type ProtobufSchemaDescriptor,
  type RegistrySchemaDescriptor,
  type RegistrySchemaFields,
  type SchemaDescriptor,
  type SchemaReference,
  type StringDescriptor,
  type TopicDescriptor,
  type TopicMap,
  type TopicName,
  type TypeCarrier,
  type ValueInput,
  type ValueOutput,
} from './topics';

// Wire format
export { MAGIC_BYTE, WireFormatError, frame, frameHeader, unframe, type Frame } from './serde/wire-format';

// --- serde: Avro codec (owned by the Avro work) ---
export {
  AvroDecodeError,
  AvroEncodeError,
  AvroSchemaError,
  createAvroCodec,
  type AvroProblem,
} from './serde/avro';
// --- serde: Protobuf codec (owned by the Protobuf work) ---
export {
  DEFAULT_PROTOBUF_OPTIONS,
  ProtobufDecodeError,
  ProtobufEncodeError,
  ProtobufSchemaError,
  createProtobufCodec,
  resolveProtobufOptions,
  type ProtobufAny,
  type ProtobufCodec,
  type ProtobufJsonObject,
  type ProtobufJsonValue,
} from './serde/protobuf';
// --- client, producer, consumer (owned by the SDK work) ---
// --- delivery semantics: transactions, pipeline, commit strategies, DLQ (owned by the delivery work) ---
