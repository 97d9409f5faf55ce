import type { RegistrySchemaDescriptor } from '../../topics';
import { frame, frameHeader } from '../wire-format';
import type { RegistryCodec } from './codec-factory';
import { describeError, type SerdeRole, SerializationError } from './errors';
import { officialSerializer } from './official-fallback';
import { resolveSchemaId } from './resolve-schema-id';
import type { SerdeContext, ValueSerializer } from './serde-context';
import { subjectOf } from './subject-name';

/** A serializer for one registry descriptor, plus the check a topic with several record types picks by. */
export interface RegistrySerializer {
  readonly subject: string;
  readonly schemaId: number;
  readonly accepts: (value: unknown) => boolean;
  readonly serialize: ValueSerializer;
}

function writerCodec(
  ctx: SerdeContext,
  descriptor: RegistrySchemaDescriptor,
  registered: string,
): RegistryCodec {
  const codec = ctx.codecs(descriptor);
  // `latest` may resolve to another version than the local one: encode with the registered schema then.
  if (registered === descriptor.schema) return codec;
  return ctx.codecs({ ...descriptor, schema: registered });
}

/**
 * Resolves the subject's schema id once, then frames synchronously: `header + codec.encode(value)`. Subjects
 * with rules go through the official serializer instead.
 */
export async function createRegistrySerializer(
  ctx: SerdeContext,
  topic: string,
  role: SerdeRole,
  descriptor: RegistrySchemaDescriptor,
  variant = false,
): Promise<RegistrySerializer> {
  const subject = subjectOf(topic, role, descriptor, variant);
  const resolved = await resolveSchemaId(ctx.registry, subject, descriptor, ctx.producerSchemas);
  const codec = writerCodec(ctx, descriptor, resolved.info.schema);
  const at = { topic, role, subject };
  const accepts = (value: unknown): boolean => codec.accepts(value);
  if (resolved.usesRules) {
    const viaOfficial = await officialSerializer(ctx.registry, descriptor, codec, {
      ...at,
      id: resolved.id,
      info: resolved.info,
    });
    return { subject, schemaId: resolved.id, accepts, serialize: viaOfficial };
  }
  const header = frameHeader(
    resolved.id,
    descriptor.format === 'PROTOBUF' ? (codec.messageIndexes ?? [0]) : undefined,
  );
  const encodeFramed = codec.encodeFramed?.bind(codec);
  const serialize = (value: unknown): Buffer => {
    try {
      return encodeFramed !== undefined ? encodeFramed(header, value) : frame(header, codec.encode(value));
    } catch (err) {
      throw new SerializationError(at, describeError(err), { cause: err });
    }
  };
  return { subject, schemaId: resolved.id, accepts, serialize };
}
