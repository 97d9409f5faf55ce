import {
  AvroDeserializer,
  AvroSerializer,
  type Client,
  SerdeType,
  type SchemaInfo,
} from '@confluentinc/schemaregistry';
import * as avsc from 'avsc';
import type { RegistrySchemaDescriptor } from '../../topics';
import type { RegistryCodec } from './codec-factory';
import { type SerdeRole, UnsupportedSchemaError } from './errors';
import { resolveReferences } from './writer-schemas';

/** avsc's default value representation of a schema (what the official Avro serde reads and returns). */
async function plainAvroType(registry: Client, info: SchemaInfo): Promise<avsc.Type> {
  const registryTypes: Record<string, avsc.Type> = {};
  for (const ref of await resolveReferences(registry, info.references))
    avsc.Type.forSchema(JSON.parse(ref.schema) as avsc.Schema, { registry: registryTypes });
  return avsc.Type.forSchema(JSON.parse(info.schema) as avsc.Schema, { registry: registryTypes });
}

function assertAvro(descriptor: RegistrySchemaDescriptor, subject: string): void {
  if (descriptor.format !== 'AVRO')
    throw new UnsupportedSchemaError(
      subject,
      'the subject uses data-contract rules or encryption, and the official-serde fallback covers Avro only ' +
        '(the official Protobuf serde needs protobuf-es message types)',
    );
}

/**
 * Encoding through the official serializer, for subjects with rules or encryption: kgen's codec turns the
 * typed value into Avro bytes, avsc reads them back as plain values, and the official serializer runs the
 * rules and frames. Slow, but the rules run exactly as Confluent's clients run them.
 */
export async function officialSerializer(
  registry: Client,
  descriptor: RegistrySchemaDescriptor,
  codec: RegistryCodec,
  at: { topic: string; role: SerdeRole; subject: string; id: number; info: SchemaInfo },
): Promise<(value: unknown) => Promise<Buffer>> {
  assertAvro(descriptor, at.subject);
  const plain = await plainAvroType(registry, at.info);
  const serializer = new AvroSerializer(registry, at.role === 'key' ? SerdeType.KEY : SerdeType.VALUE, {
    useSchemaId: at.id,
    subjectNameStrategy: () => at.subject,
  });
  return (value) => serializer.serialize(at.topic, plain.fromBuffer(codec.encode(value)));
}

/**
 * Decoding through the official deserializer (rules, decryption), then back into kgen's typed shape by
 * re-encoding the plain value with the writer schema and decoding with the reader codec.
 */
export async function officialDeserializer(
  registry: Client,
  descriptor: RegistrySchemaDescriptor,
  decodeWriterBytes: (payload: Buffer) => unknown,
  at: { topic: string; role: SerdeRole; subject: string; info: SchemaInfo },
): Promise<(framed: Buffer) => Promise<unknown>> {
  assertAvro(descriptor, at.subject);
  const plain = await plainAvroType(registry, at.info);
  const deserializer = new AvroDeserializer(registry, at.role === 'key' ? SerdeType.KEY : SerdeType.VALUE, {
    subjectNameStrategy: () => at.subject,
  });
  return async (framed) =>
    decodeWriterBytes(plain.toBuffer(await deserializer.deserialize(at.topic, framed)));
}
