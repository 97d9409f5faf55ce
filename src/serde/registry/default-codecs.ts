import type { RegistrySchemaDescriptor } from '../../topics';
import { createAvroCodec } from '../avro';
import { createProtobufCodec } from '../protobuf';
import type { RegistryCodec } from './codec-factory';

/** kgen's own codecs: avsc for Avro, protobufjs for Protobuf, driven by the descriptor's options. */
export function defaultCodecs(descriptor: RegistrySchemaDescriptor): RegistryCodec {
  return descriptor.format === 'AVRO' ? createAvroCodec(descriptor) : createProtobufCodec(descriptor);
}
