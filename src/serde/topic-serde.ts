import type { SchemaDescriptor } from '../topics';
import { type SerdeRole, SerializationError } from './registry/errors';
import { createOneOfDeserializer, createOneOfSerializer } from './registry/one-of';
import { createRegistryDeserializer } from './registry/registry-deserializer';
import { createRegistrySerializer } from './registry/registry-serializer';
import type { SerdeContext, ValueDeserializer, ValueSerializer } from './registry/serde-context';

function unknownFormat(topic: string, role: SerdeRole, descriptor: SchemaDescriptor): SerializationError {
  const format = (descriptor as { format?: unknown }).format;
  return new SerializationError(
    { topic, role },
    `unknown descriptor format ${JSON.stringify(format)} (expected AVRO, PROTOBUF, JSON, ONE_OF, STRING or BYTES)`,
  );
}

function serializeString(topic: string, role: SerdeRole): ValueSerializer {
  return (value) => {
    if (typeof value !== 'string')
      throw new SerializationError({ topic, role }, `expected a string, got ${typeof value}`);
    return Buffer.from(value, 'utf8');
  };
}

function serializeBytes(topic: string, role: SerdeRole): ValueSerializer {
  return (value) => {
    if (!Buffer.isBuffer(value))
      throw new SerializationError({ topic, role }, `expected a Buffer, got ${typeof value}`);
    return value;
  };
}

/**
 * Descriptor → serializer producing Kafka bytes (Confluent-framed for registry schemas). Resolves registry
 * schema ids now, so that serializing is synchronous afterwards.
 */
export async function createTopicSerializer(
  ctx: SerdeContext,
  topic: string,
  role: SerdeRole,
  descriptor: SchemaDescriptor,
): Promise<ValueSerializer> {
  switch (descriptor.format) {
    case 'STRING':
      return serializeString(topic, role);
    case 'BYTES':
      return serializeBytes(topic, role);
    case 'ONE_OF':
      return createOneOfSerializer(ctx, topic, role, descriptor);
    case 'AVRO':
    case 'PROTOBUF':
    case 'JSON':
      return (await createRegistrySerializer(ctx, topic, role, descriptor)).serialize;
    default:
      throw unknownFormat(topic, role, descriptor);
  }
}

/** Descriptor → deserializer from Kafka bytes; writer schemas are fetched on first sight and cached. */
export function createTopicDeserializer(
  ctx: SerdeContext,
  topic: string,
  role: SerdeRole,
  descriptor: SchemaDescriptor,
): ValueDeserializer {
  switch (descriptor.format) {
    case 'STRING':
      return (data) => data.toString(); // utf8; without arguments Node takes its direct path
    case 'BYTES':
      return (data) => data;
    case 'ONE_OF':
      return createOneOfDeserializer(ctx, topic, role, descriptor);
    case 'AVRO':
    case 'PROTOBUF':
    case 'JSON':
      return createRegistryDeserializer(ctx, topic, role, descriptor);
    default:
      throw unknownFormat(topic, role, descriptor);
  }
}
