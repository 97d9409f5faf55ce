import type { RegistrySchemaDescriptor } from '../../topics';
import { payloadOffset, schemaIdOf } from '../wire-format';
import type { RegistryCodec } from './codec-factory';
import { type SerdeRole, SchemaMismatchError } from './errors';
import { officialDeserializer } from './official-fallback';
import type { SerdeContext, ValueDeserializer } from './serde-context';
import { subjectOf } from './subject-name';
import type { FetchedWriter } from './writer-schemas';

/**
 * Decodes the payload that starts at `offset` of the framed message (the official fallback reads the whole
 * framed message).
 */
export type PayloadDecoder = (framed: Buffer, offset: number) => unknown;

function sameSchema(writer: FetchedWriter, descriptor: RegistrySchemaDescriptor): boolean {
  return writer.writer.schema.trim() === descriptor.schema.trim();
}

/** The decoder for payloads written with `writer`, read as `descriptor` (schema resolution when they differ). */
export async function decoderFor(
  ctx: SerdeContext,
  at: { topic: string; role: SerdeRole },
  descriptor: RegistrySchemaDescriptor,
  codec: RegistryCodec,
  writer: FetchedWriter,
  variant = false,
): Promise<PayloadDecoder> {
  const subject = subjectOf(at.topic, at.role, descriptor, variant);
  if (writer.writer.schemaType !== descriptor.format)
    throw new SchemaMismatchError(
      subject,
      `schema id ${writer.id} is ${writer.writer.schemaType} but topic "${at.topic}" ${at.role} reads ${descriptor.format}`,
    );
  const same = sameSchema(writer, descriptor);
  const decodeWriterBytes: (payload: Buffer) => unknown = same
    ? codec.decode.bind(codec)
    : codec.resolving(writer.writer);
  if (writer.usesRules) {
    const official = await officialDeserializer(ctx.registry, descriptor, decodeWriterBytes, {
      ...at,
      subject,
      info: writer.info,
    });
    return (framed) => official(framed);
  }
  // Read in place where the codec can: a payload view per message is an allocation on the consume hot path.
  if (same && codec.decodeAt !== undefined) return codec.decodeAt.bind(codec);
  return (framed, offset) => decodeWriterBytes(framed.subarray(offset));
}

/**
 * Unframes, looks the writer id up (fetched once, then cached per id) and decodes into the reader's type.
 * Returns the value synchronously once the id has been seen, a promise the first time.
 */
export function createRegistryDeserializer(
  ctx: SerdeContext,
  topic: string,
  role: SerdeRole,
  descriptor: RegistrySchemaDescriptor,
): ValueDeserializer {
  const codec = ctx.codecs(descriptor);
  const protobuf = descriptor.format === 'PROTOBUF';
  const decoders = new Map<number, PayloadDecoder>();
  const learn = async (id: number): Promise<PayloadDecoder> => {
    const decoder = await decoderFor(ctx, { topic, role }, descriptor, codec, await ctx.writers.get(id));
    decoders.set(id, decoder);
    return decoder;
  };
  return (data) => {
    const schemaId = schemaIdOf(data);
    const offset = payloadOffset(data, protobuf);
    const known = decoders.get(schemaId);
    if (known !== undefined) return known(data, offset);
    return learn(schemaId).then((decoder) => decoder(data, offset));
  };
}
