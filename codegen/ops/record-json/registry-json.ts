import type { Client } from '@confluentinc/schemaregistry';
import type { Type } from 'protobufjs';
import type { SchemaCodec, WriterSchema } from '../../../src/serde/codec';
import { createAvroCodec } from '../../../src/serde/avro';
import { buildProtobufRoot } from '../../../src/serde/protobuf/build-root';
import { messageAtIndexes, topLevelMessages } from '../../../src/serde/protobuf/message-indexes';
import { frame, frameHeader, unframe } from '../../../src/serde/wire-format';
import {
  resolveReferences,
  schemaTextOf,
  WriterSchemaCache,
} from '../../../src/serde/registry/writer-schemas';
import { messageIndexesOf } from '../../../src/serde/protobuf/message-indexes';
import { CodegenError } from '../../errors';
import { UnknownSchemaIdError } from '../../../src/serde/registry/errors';
import { avroFromJson, avroToJson, AvroNames, LOSSLESS_AVRO_OPTIONS } from './avro-json';
import { createJsonCodec } from '../../../src/serde/json';
import type { JsonCodecOptions } from '../../../src/topics';

/** Date-times stay the strings they are on the wire; values come back as they were sent. */
const JSON_OPTIONS: JsonCodecOptions = { dateTime: 'string', validateOnConsume: false };
import { protobufFromJson, protobufToJson } from './protobuf-json';

/** A framed payload decoded to JSON: its schema id and, for Protobuf, the message type it holds. */
export interface DecodedJson {
  readonly schemaId: number;
  readonly format: 'AVRO' | 'PROTOBUF' | 'JSON';
  /** Protobuf: the full name of the message (several may share a schema). */
  readonly messageType?: string;
  readonly json: unknown;
}

/** The file name the writer schema's .proto text is parsed under (references keep their own names). */
const ENTRY = 'kgen-writer-schema.proto';

function avroTopName(schema: string): string {
  const node = JSON.parse(schema) as unknown;
  if (typeof node === 'string') return node;
  if (typeof node === 'object' && node !== null && !Array.isArray(node)) {
    const { name, namespace, type } = node as Record<string, unknown>;
    if (typeof name === 'string')
      return typeof namespace === 'string' && namespace && !name.includes('.')
        ? `${namespace}.${name}`
        : name;
    if (typeof type === 'string') return type;
  }
  return 'union';
}

/** JSON ↔ bytes for one writer schema (Avro: one type; Protobuf: every message of the file). */
export interface JsonCodec {
  readonly format: 'AVRO' | 'PROTOBUF' | 'JSON';
  toJson(
    payload: Buffer,
    messageIndexes: readonly number[] | undefined,
  ): { json: unknown; messageType?: string };
  /** JSON → payload (unframed); `messageType` picks a Protobuf message (default: the file's first). */
  fromJson(json: unknown, messageType?: string): { payload: Buffer; messageIndexes?: readonly number[] };
}

/**
 * JSON Schema records already are JSON: shown as written (a consumed record is not validated, so tail shows
 * what is on the topic), and validated against the writer schema on the way in.
 */
function jsonSchemaCodecOf(writer: WriterSchema): JsonCodec {
  const codec = createJsonCodec({
    format: 'JSON',
    name: 'value',
    schema: writer.schema,
    references: writer.references.map((r) => ({
      name: r.name,
      subject: r.name,
      version: 0,
      schema: { format: 'JSON', name: r.name, schema: r.schema, references: [], options: JSON_OPTIONS },
    })),
    options: JSON_OPTIONS,
  });
  return {
    format: 'JSON',
    toJson: (payload) => ({ json: JSON.parse(payload.toString('utf8')) as unknown }),
    fromJson: (json) => ({ payload: codec.encode(json) }),
  };
}

/** Builds the JSON codec of a writer schema (throws the serde layer's errors for a schema it cannot build). */
export function jsonCodecOf(writer: WriterSchema): JsonCodec {
  if (writer.schemaType === 'JSON') return jsonSchemaCodecOf(writer);
  if (writer.schemaType === 'AVRO') {
    const codec: SchemaCodec<unknown, unknown> = createAvroCodec({
      format: 'AVRO',
      name: avroTopName(writer.schema),
      schema: writer.schema,
      references: writer.references.map((r) => ({
        name: r.name,
        subject: r.name,
        version: 0,
        schema: {
          format: 'AVRO',
          name: r.name,
          schema: r.schema,
          references: [],
          options: LOSSLESS_AVRO_OPTIONS,
        },
      })),
      options: LOSSLESS_AVRO_OPTIONS,
    });
    const names = new AvroNames([...writer.references.map((r) => r.schema), writer.schema]);
    const schema = JSON.parse(writer.schema) as unknown;
    return {
      format: 'AVRO',
      toJson: (payload) => ({ json: avroToJson(schema, codec.decode(payload), names) }),
      fromJson: (json) => ({ payload: codec.encode(avroFromJson(schema, json, names)) }),
    };
  }
  const files = new Map(writer.references.map((r) => [r.name, r.schema]));
  files.set(ENTRY, writer.schema);
  const { root } = buildProtobufRoot(ENTRY, files);
  const first = topLevelMessages(root, ENTRY)[0];
  const find = (name: string | undefined): Type => {
    if (name === undefined) {
      if (!first) throw new CodegenError('SCHEMA_INVALID', 'the Protobuf schema declares no message');
      return first;
    }
    const found = root.lookupType(name.startsWith('.') ? name : `.${name}`);
    return found;
  };
  return {
    format: 'PROTOBUF',
    toJson: (payload, indexes) => {
      const type = messageAtIndexes(root, ENTRY, indexes ?? [0]);
      if (!type)
        throw new Error(`message indexes [${(indexes ?? []).join(', ')}] point at no message of the schema`);
      return { json: protobufToJson(type, payload), messageType: type.fullName.slice(1) };
    },
    fromJson: (json, messageType) => {
      let type: Type;
      try {
        type = find(messageType);
      } catch {
        throw new CodegenError('UNKNOWN_TYPE', `the schema has no message "${messageType ?? ''}"`);
      }
      return { payload: protobufFromJson(type, json), messageIndexes: messageIndexesOf(root, type) };
    },
  };
}

function statusOf(err: unknown): number | undefined {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    const s =
      (e as { status?: unknown }).status ?? (e as { response?: { status?: unknown } }).response?.status;
    if (typeof s === 'number') return s;
  }
  return undefined;
}

/** Why a payload could not be decoded; `registryDown` means no record can be: the command should stop. */
export class UndecodableError extends Error {
  constructor(
    message: string,
    readonly schemaId: number | undefined,
    readonly registryDown = false,
  ) {
    super(message);
    this.name = 'UndecodableError';
  }
}

/** Decodes Confluent-framed payloads of any writer schema to JSON, fetching each schema id once. */
export class RegistryJsonDecoder {
  readonly #writers: WriterSchemaCache;
  readonly #codecs = new Map<number, Promise<JsonCodec>>();

  constructor(registry: Client) {
    this.#writers = new WriterSchemaCache(registry);
  }

  async decode(data: Buffer): Promise<DecodedJson> {
    if (data.length < 5 || data[0] !== 0)
      throw new UndecodableError('not Confluent-framed (no magic byte 0 + schema id)', undefined);
    const schemaId = data.readUInt32BE(1);
    let codec: JsonCodec;
    try {
      codec = await this.#codecOf(schemaId);
    } catch (err) {
      if (!(err instanceof UnknownSchemaIdError))
        // The schema was fetched but kgen cannot build a codec for it: this record (and its id) only.
        throw new UndecodableError(`schema id ${schemaId}: ${(err as Error).message}`, schemaId);
      const status = statusOf(err);
      // No HTTP status behind a failed request: the registry did not answer (a refused schema type has no cause).
      if (status === undefined)
        throw new UndecodableError(
          `schema id ${schemaId}: ${err.message}`,
          schemaId,
          err.cause !== undefined,
        );
      throw new UndecodableError(`schema id ${schemaId} is not in the registry (HTTP ${status})`, schemaId);
    }
    try {
      const framed = unframe(data, codec.format === 'PROTOBUF');
      const { json, messageType } = codec.toJson(framed.payload, framed.messageIndexes);
      return { schemaId, format: codec.format, ...(messageType !== undefined ? { messageType } : {}), json };
    } catch (err) {
      throw new UndecodableError(`schema id ${schemaId}: ${(err as Error).message}`, schemaId);
    }
  }

  #codecOf(id: number): Promise<JsonCodec> {
    let hit = this.#codecs.get(id);
    if (!hit) {
      hit = this.#writers.get(id).then((w) => jsonCodecOf(w.writer));
      this.#codecs.set(id, hit);
      hit.catch(() => this.#codecs.delete(id));
    }
    return hit;
  }
}

/** The latest schema of a subject as a JSON encoder producing framed payloads. */
export interface SubjectEncoder {
  readonly subject: string;
  readonly schemaId: number;
  readonly format: 'AVRO' | 'PROTOBUF' | 'JSON';
  encode(json: unknown, messageType?: string): Buffer;
}

export async function subjectEncoder(registry: Client, subject: string): Promise<SubjectEncoder> {
  const latest = await registry.getLatestSchemaMetadata(subject);
  const schemaType = latest.schemaType ?? 'AVRO';
  if (schemaType !== 'AVRO' && schemaType !== 'PROTOBUF' && schemaType !== 'JSON')
    throw new CodegenError(
      'UNSUPPORTED_SCHEMA_TYPE',
      `schema type ${schemaType} is neither AVRO, PROTOBUF nor JSON`,
      { subject },
    );
  const references = await resolveReferences(registry, latest.references);
  const codec = jsonCodecOf({ schemaType, schema: schemaTextOf(latest, subject), references });
  const schemaId = latest.id as number;
  return {
    subject,
    schemaId,
    format: schemaType,
    encode: (json, messageType) => {
      const { payload, messageIndexes } = codec.fromJson(json, messageType);
      return frame(frameHeader(schemaId, messageIndexes), payload);
    },
  };
}
