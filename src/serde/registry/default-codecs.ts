import type { RegistrySchemaDescriptor } from '../../topics';
import { createAvroCodec } from '../avro';
import { createJsonCodec } from '../json';
import { createProtobufCodec } from '../protobuf';
import type { RegistryCodec } from './codec-factory';

/** kgen's own codecs: avsc for Avro, protobufjs for Protobuf, Ajv for JSON Schema, driven by the descriptor's options. */
export function defaultCodecs(descriptor: RegistrySchemaDescriptor): RegistryCodec {
  switch (descriptor.format) {
    case 'AVRO':
      return createAvroCodec(descriptor);
    case 'PROTOBUF':
      return createProtobufCodec(descriptor);
    case 'JSON':
      return createJsonCodec(descriptor);
  }
}
