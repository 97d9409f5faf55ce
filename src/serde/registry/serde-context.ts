import type { Client } from '@confluentinc/schemaregistry';
import type { CodecFactory } from './codec-factory';
import type { ProducerSchemaOptions } from './resolve-schema-id';
import type { WriterSchemaCache } from './writer-schemas';

/** What every serializer/deserializer of one client shares: the registry, the codecs, the writer cache. */
export interface SerdeContext {
  /** The official registry client every REST call goes through. */
  readonly registry: Client;
  /** Builds the codec of each schema. */
  readonly codecs: CodecFactory;
  /** Writer schemas fetched by id, cached. */
  readonly writers: WriterSchemaCache;
  /** How producers find (or register) the schema ids they write. */
  readonly producerSchemas: ProducerSchemaOptions;
}

/** Encodes one key or value into Kafka bytes; synchronous on the fast path. */
export type ValueSerializer = (value: unknown) => Buffer | Promise<Buffer>;
/** Decodes Kafka bytes; synchronous once the writer schema id has been seen. */
export type ValueDeserializer = (data: Buffer) => unknown;
