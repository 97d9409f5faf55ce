export { createProtobufCodec, descriptorFiles, type ProtobufCodec } from './codec';
export {
  ProtobufDecodeError,
  ProtobufEncodeError,
  ProtobufSchemaError,
  type ProtobufSchemaProblem,
} from './errors';
export { DEFAULT_PROTOBUF_OPTIONS, resolveProtobufOptions } from './options';
export type { ProtobufAny, ProtobufJsonObject, ProtobufJsonValue } from './types';
