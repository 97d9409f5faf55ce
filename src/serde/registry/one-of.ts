import type { OneOfDescriptor, RegistrySchemaDescriptor } from '../../topics';
import { payloadOffset, schemaIdOf } from '../wire-format';
import type { RegistryCodec } from './codec-factory';
import { type SerdeRole, SchemaMismatchError, SerializationError } from './errors';
import { decoderFor, type PayloadDecoder } from './registry-deserializer';
import { createRegistrySerializer } from './registry-serializer';
import type { SerdeContext, ValueDeserializer, ValueSerializer } from './serde-context';
import { subjectOf } from './subject-name';
import type { FetchedWriter } from './writer-schemas';

/** A topic with several record types: the first variant whose schema accepts the value encodes it. */
export async function createOneOfSerializer(
  ctx: SerdeContext,
  topic: string,
  role: SerdeRole,
  descriptor: OneOfDescriptor,
): Promise<ValueSerializer> {
  const variants = await Promise.all(
    descriptor.variants.map((v) => createRegistrySerializer(ctx, topic, role, v, true)),
  );
  return (value) => {
    for (const variant of variants) if (variant.accepts(value)) return variant.serialize(value);
    throw new SerializationError(
      { topic, role },
      `no variant accepts the value (tried ${variants.map((v) => v.subject).join(', ')})`,
    );
  };
}

/** Full name of an Avro schema's top-level named type. */
function avroFullName(schema: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(schema);
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { name, namespace } = parsed as { name?: unknown; namespace?: unknown };
    if (typeof name !== 'string') return undefined;
    return name.includes('.') || typeof namespace !== 'string' || namespace === ''
      ? name
      : `${namespace}.${name}`;
  } catch {
    return undefined;
  }
}

async function registeredUnder(ctx: SerdeContext, subject: string, writer: FetchedWriter): Promise<boolean> {
  try {
    await ctx.registry.getVersion(subject, writer.info, false, true);
    return true;
  } catch {
    return false;
  }
}

/**
 * The variant that reads `writer`: Avro by full record name, Protobuf and JSON Schema by the subject the
 * schema sits in.
 */
async function pickVariant(
  ctx: SerdeContext,
  topic: string,
  role: SerdeRole,
  variants: readonly RegistrySchemaDescriptor[],
  writer: FetchedWriter,
): Promise<RegistrySchemaDescriptor> {
  const sameFormat = variants.filter((v) => v.format === writer.writer.schemaType);
  if (writer.writer.schemaType === 'AVRO') {
    const name = avroFullName(writer.writer.schema);
    const byName = sameFormat.find((v) => v.name === name);
    if (byName !== undefined) return byName;
  } else {
    for (const v of sameFormat)
      if (await registeredUnder(ctx, subjectOf(topic, role, v, true), writer)) return v;
  }
  const only = sameFormat.length === 1 ? sameFormat[0] : undefined;
  if (only !== undefined && writer.writer.schemaType !== 'AVRO') return only;
  throw new SchemaMismatchError(
    undefined,
    `topic "${topic}" ${role}: schema id ${writer.id} matches none of its record types ` +
      `(${variants.map((v) => v.name).join(', ')})`,
  );
}

/** A topic with several record types: the writer's schema id decides which variant decodes the payload. */
export function createOneOfDeserializer(
  ctx: SerdeContext,
  topic: string,
  role: SerdeRole,
  descriptor: OneOfDescriptor,
): ValueDeserializer {
  const codecs = new Map<RegistrySchemaDescriptor, RegistryCodec>(
    descriptor.variants.map((v) => [v, ctx.codecs(v)]),
  );
  const decoders = new Map<number, { decoder: PayloadDecoder; protobuf: boolean }>();
  const learn = async (id: number): Promise<{ decoder: PayloadDecoder; protobuf: boolean }> => {
    const writer = await ctx.writers.get(id);
    const variant = await pickVariant(ctx, topic, role, descriptor.variants, writer);
    const decoder = await decoderFor(ctx, { topic, role }, variant, codecs.get(variant)!, writer, true);
    const entry = { decoder, protobuf: variant.format === 'PROTOBUF' };
    decoders.set(id, entry);
    return entry;
  };
  return (data) => {
    const id = schemaIdOf(data);
    const known = decoders.get(id);
    if (known !== undefined) return known.decoder(data, payloadOffset(data, known.protobuf));
    return learn(id).then((e) => e.decoder(data, payloadOffset(data, e.protobuf)));
  };
}
