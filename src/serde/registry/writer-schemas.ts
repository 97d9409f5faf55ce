import type { Client, Reference, SchemaInfo } from '@confluentinc/schemaregistry';
import type { WriterSchema } from '../codec';
import { protobufSchemaText } from '../protobuf/descriptor-text';
import { describeError, RegistryError, UnknownSchemaIdError } from './errors';
import { usesRules } from './uses-rules';

/** A writer schema fetched by id: as registered, and with its references resolved for the codecs. */
export interface FetchedWriter {
  /** The schema id. */
  readonly id: number;
  /** The schema as the registry returned it. */
  readonly info: SchemaInfo;
  /** The schema with its references resolved, for the codecs. */
  readonly writer: WriterSchema;
  /** The subject carries rules: decode it with the official deserializer. */
  readonly usesRules: boolean;
}

function formatOf(info: SchemaInfo): 'AVRO' | 'PROTOBUF' | undefined {
  const type = info.schemaType ?? 'AVRO';
  return type === 'AVRO' || type === 'PROTOBUF' ? type : undefined;
}

/** The schema text of a registry answer: a serialized Protobuf schema (base64 descriptor) becomes .proto text. */
export function schemaTextOf(info: Pick<SchemaInfo, 'schema' | 'schemaType'>, where: string): string {
  return info.schemaType === 'PROTOBUF' ? protobufSchemaText(info.schema, where) : info.schema;
}

/** Resolves references transitively (reference name → schema text), each (subject, version) fetched once. */
export async function resolveReferences(
  registry: Client,
  references: readonly Reference[] | undefined,
): Promise<Array<{ name: string; schema: string }>> {
  const out = new Map<string, string>();
  const visit = async (refs: readonly Reference[] | undefined): Promise<void> => {
    for (const ref of refs ?? []) {
      if (out.has(ref.name)) continue;
      let meta: SchemaInfo;
      try {
        meta = await registry.getSchemaMetadata(ref.subject, ref.version, true);
      } catch (err) {
        throw new RegistryError(
          ref.subject,
          `cannot fetch version ${ref.version} referenced as "${ref.name}": ${describeError(err)}`,
          { cause: err },
        );
      }
      out.set(ref.name, schemaTextOf(meta, `${ref.subject} v${ref.version}`));
      await visit(meta.references);
    }
  };
  await visit(references);
  return [...out].map(([name, schema]) => ({ name, schema }));
}

/**
 * Writer schemas by id, each fetched from the registry once and then served from memory. A failed fetch is
 * not cached, so a registry hiccup does not poison an id.
 */
export class WriterSchemaCache {
  readonly #registry: Client;
  readonly #byId = new Map<number, Promise<FetchedWriter>>();

  constructor(registry: Client) {
    this.#registry = registry;
  }

  /** The writer schema of `id`; throws `UnknownSchemaIdError` when the registry does not know it. */
  get(id: number): Promise<FetchedWriter> {
    let hit = this.#byId.get(id);
    if (hit === undefined) {
      hit = this.#fetch(id);
      this.#byId.set(id, hit);
      hit.catch(() => this.#byId.delete(id));
    }
    return hit;
  }

  async #fetch(id: number): Promise<FetchedWriter> {
    let info: SchemaInfo;
    try {
      info = await this.#registry.getBySubjectAndId('', id);
    } catch (err) {
      throw new UnknownSchemaIdError(id, `the registry cannot return it: ${describeError(err)}`, {
        cause: err,
      });
    }
    const schemaType = formatOf(info);
    if (schemaType === undefined)
      throw new UnknownSchemaIdError(id, `schema type ${info.schemaType} is neither AVRO nor PROTOBUF`);
    const references = await resolveReferences(this.#registry, info.references);
    const schema = schemaTextOf(info, `schema id ${id}`);
    return { id, info, writer: { schemaType, schema, references }, usesRules: usesRules(info) };
  }
}
