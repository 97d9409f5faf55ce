export { generateProtobuf, LATEST_VERSION } from './generate-protobuf';
export {
  resolveProtobufGenerateOptions,
  type ProtobufGenerateOptions,
  type ResolvedProtobufGenerateOptions,
} from './options';
