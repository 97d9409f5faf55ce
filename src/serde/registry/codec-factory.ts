import type { RegistrySchemaDescriptor } from '../../topics';
import type { SchemaCodec } from '../codec';

/** A codec for one registry descriptor; Protobuf codecs also say where their message sits in its file. */
export interface RegistryCodec extends SchemaCodec<unknown, unknown> {
  /** Protobuf only: the Confluent message-index path of the descriptor's message (`[0]` = first message). */
  readonly messageIndexes?: readonly number[];
}

/** Builds the codec of a descriptor. The client uses the Avro and Protobuf codecs; tests may inject another. */
export type CodecFactory = (descriptor: RegistrySchemaDescriptor) => RegistryCodec;
