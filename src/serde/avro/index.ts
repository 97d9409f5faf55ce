/** The Avro codec: avsc with kgen's value representation, and what the emitter shares with it. */
export { createAvroCodec } from './codec';
export {
  AvroDecodeError,
  AvroEncodeError,
  AvroSchemaError,
  AvroValueError,
  type AvroProblem,
} from './errors';
export { DEFAULT_AVRO_CODEC_OPTIONS } from './default-options';
