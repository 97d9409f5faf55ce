import type { Client, Reference, SchemaInfo, SchemaMetadata } from '@confluentinc/schemaregistry';
import { schemaTextOf } from './writer-schemas';
import type { RegistrySchemaDescriptor } from '../../topics';
import { describeError, RegistryError, registryErrorCode, SchemaNotRegisteredError } from './errors';
import { usesRules } from './uses-rules';

/**
 * How a producer finds the schema id it frames with, once at start-up:
 * - `auto` (default): the id pinned in the descriptor if any, else `lookup`;
 * - `pinned`: the descriptor's `id` (from the lock file); missing pin is an error;
 * - `lookup`: the id under which this exact schema is registered in its subject;
 * - `latest`: the subject's latest version (values are encoded with that schema).
 */
export type SchemaIdMode = 'auto' | 'pinned' | 'lookup' | 'latest';

/** Producer-side schema options. */
export interface ProducerSchemaOptions {
  /** How the schema id is found; see {@link SchemaIdMode}. Default `auto`. */
  readonly ids?: SchemaIdMode;
  /** Register the local schema (and its references) when `lookup` does not find it. Default `false`. */
  readonly autoRegister?: boolean;
  /** Ask the registry to normalize schemas on lookup/registration. Default `false`. */
  readonly normalize?: boolean;
}

/** The id a producer frames with, and the registered schema behind it. */
export interface ResolvedSchema {
  readonly id: number;
  readonly subject: string;
  /** The schema as registered under `id` (for `latest`, may differ from the descriptor's). */
  readonly info: SchemaInfo;
  /** The subject carries rules: encode with the official serializer. */
  readonly usesRules: boolean;
}

/** The registry form of a descriptor's schema. */
export function schemaInfoOf(descriptor: RegistrySchemaDescriptor): SchemaInfo {
  const references: Reference[] = descriptor.references.map((r) => ({
    name: r.name,
    subject: r.subject,
    version: r.version,
  }));
  return {
    schemaType: descriptor.format,
    schema: descriptor.schema,
    ...(references.length > 0 ? { references } : {}),
  };
}

// 40400 is what the official MockClient answers for "not found".
const NOT_FOUND = new Set([40400, 40401, 40402, 40403, 404]);

async function lookup(
  registry: Client,
  subject: string,
  descriptor: RegistrySchemaDescriptor,
  options: ProducerSchemaOptions,
): Promise<SchemaMetadata> {
  const info = schemaInfoOf(descriptor);
  const normalize = options.normalize ?? false;
  try {
    return await registry.getIdFullResponse(subject, info, normalize);
  } catch (err) {
    const code = registryErrorCode(err);
    if (code === undefined || !NOT_FOUND.has(code))
      throw new RegistryError(subject, `schema lookup failed: ${describeError(err)}`, { cause: err });
    if (options.autoRegister !== true)
      throw new SchemaNotRegisteredError(
        subject,
        `the local schema ${descriptor.name} is not registered (${describeError(err)}); register it ` +
          '(kgen register) or enable autoRegister',
        { cause: err },
      );
  }
  for (const ref of descriptor.references) await lookup(registry, ref.subject, ref.schema, options);
  try {
    return await registry.registerFullResponse(subject, info, normalize);
  } catch (err) {
    throw new RegistryError(subject, `auto-registration failed: ${describeError(err)}`, { cause: err });
  }
}

async function byId(registry: Client, subject: string, id: number): Promise<SchemaMetadata> {
  try {
    return { ...(await registry.getBySubjectAndId(subject, id)), id, subject };
  } catch (err) {
    throw new SchemaNotRegisteredError(subject, `pinned schema id ${id} is unknown: ${describeError(err)}`, {
      cause: err,
    });
  }
}

async function latest(registry: Client, subject: string): Promise<SchemaMetadata> {
  try {
    return await registry.getLatestSchemaMetadata(subject);
  } catch (err) {
    throw new SchemaNotRegisteredError(subject, `no latest version: ${describeError(err)}`, { cause: err });
  }
}

/** Subject → schema id, resolved once per producer serializer (see {@link SchemaIdMode}). */
export async function resolveSchemaId(
  registry: Client,
  subject: string,
  descriptor: RegistrySchemaDescriptor,
  options: ProducerSchemaOptions = {},
): Promise<ResolvedSchema> {
  const mode = options.ids ?? 'auto';
  let meta: SchemaMetadata;
  if (mode === 'pinned' || (mode === 'auto' && descriptor.id !== undefined)) {
    if (descriptor.id === undefined)
      throw new SchemaNotRegisteredError(
        subject,
        'ids: "pinned" but the descriptor pins no id (run kgen pull)',
      );
    meta = await byId(registry, subject, descriptor.id);
  } else if (mode === 'latest') {
    meta = await latest(registry, subject);
  } else {
    // The id of exactly the local schema: frame with it and encode with the local text.
    meta = { ...(await lookup(registry, subject, descriptor, options)), schema: descriptor.schema };
  }
  if (meta.id === undefined) throw new RegistryError(subject, 'the registry answered without a schema id');
  // A serialized Protobuf schema (base64 descriptor, as Python clients register) is encoded with as text.
  const info = { ...meta, schema: schemaTextOf(meta, subject) };
  return { id: meta.id, subject, info, usesRules: usesRules(meta) };
}
