/// <reference types="node" preserve="true" />
/**
 * kgen/serde — the serde building blocks under the client, for code that encodes or decodes by itself:
 * Confluent wire framing, the Avro and Protobuf codecs, and per-topic serializers over a client's registry.
 * @packageDocumentation
 */

export { MAGIC_BYTE, WireFormatError, frame, frameHeader, unframe, type Frame } from './serde/wire-format';
export {
  AvroDecodeError,
  AvroEncodeError,
  AvroSchemaError,
  createAvroCodec,
  DEFAULT_AVRO_CODEC_OPTIONS,
  type AvroProblem,
} from './serde/avro';
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
export { type SchemaCodec, type WriterSchema } from './serde/codec';
export { type CodecFactory, type RegistryCodec } from './serde/registry/codec-factory';
export {
  type SerdeContext,
  type ValueDeserializer,
  type ValueSerializer,
} from './serde/registry/serde-context';
export { WriterSchemaCache } from './serde/registry/writer-schemas';
export { createTopicDeserializer, createTopicSerializer } from './serde/topic-serde';
export { serdeContextOf } from './client/create-client';
export {
  DEFAULT_REGISTRY_REQUEST_TIMEOUT_MS,
  createRegistryClient,
  type RegistryAuth,
  type RegistryOptions,
} from './client/registry-options';

// Types of the main entry these building blocks mention, so this entry's declarations stand alone.
export type {
  AvroCodecOptions,
  AvroSchemaDescriptor,
  BytesDescriptor,
  InputOf,
  OneOfDescriptor,
  OutputOf,
  RegistrySchemaFields,
  StringDescriptor,
  TopicDescriptor,
  TypeCarrier,
  ProtobufCodecOptions,
  ProtobufSchemaDescriptor,
  RegistrySchemaDescriptor,
  SchemaDescriptor,
  SchemaReference,
  TopicMap,
  TopicName,
} from './topics';
export type { HeaderField, HeaderFields, HeadersDescriptor, HeaderType } from './topic-headers';
export type { ProducerSchemaOptions, SchemaIdMode } from './serde/registry/resolve-schema-id';
export type { SerdeLocation, SerdeRole } from './serde/registry/errors';
export type { FetchedWriter } from './serde/registry/writer-schemas';
export { AvroValueError } from './serde/avro';
export type { ProtobufSchemaProblem } from './serde/protobuf';
export { KgenError, type KgenErrorCode } from './errors';
