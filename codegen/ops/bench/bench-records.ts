import type { Client } from '@confluentinc/schemaregistry';
import type { ResolvedConfig } from '../../config/config-types';
import { CodegenError } from '../../errors';
import { avroSchema, bytesSerde, protobufSchema, stringSerde } from '../../../src/topics';
import type { RegistrySchemaDescriptor, SchemaDescriptor, SchemaReference } from '../../../src/topics';
import { createAvroCodec } from '../../../src/serde/avro';
import { createProtobufCodec } from '../../../src/serde/protobuf';
import { buildProtobufRoot } from '../../../src/serde/protobuf/build-root';
import { topLevelMessages } from '../../../src/serde/protobuf/message-indexes';
import { schemaTextOf } from '../../../src/serde/registry/writer-schemas';
import { avroFromJson, AvroNames, LOSSLESS_AVRO_OPTIONS } from '../record-json/avro-json';
import { Random, randomAvroJson, randomProtobufValue } from './random-values';

/** What the bench sends: key/value descriptors, a pool of values cycled through, and their encoded size. */
export interface BenchRecords {
  readonly key: SchemaDescriptor;
  readonly value: SchemaDescriptor;
  readonly keys: readonly unknown[];
  readonly values: readonly unknown[];
  /** Mean bytes of one record's key + value as sent (framed). */
  readonly meanBytes: number;
  /** Where the shape comes from, for the report. */
  readonly source:
    | { readonly kind: 'size'; readonly bytes: number }
    | { readonly kind: 'topic'; readonly topic: string; readonly valueSubject: string };
}

const POOL = 1000;
const PROTOBUF_OPTIONS = {
  int64: 'string',
  enums: 'string',
  timestamp: 'message',
  duration: 'message',
  wrappers: 'message',
} as const;
const PROTO_ENTRY = 'kgen-bench.proto';

/** Raw values of `size` bytes with short string keys. */
export function sizedRecords(size: number, messages: number): BenchRecords {
  const rnd = new Random(42);
  const n = Math.min(POOL, messages);
  const keys = Array.from({ length: n }, (_, i) => `key-${i}`);
  return {
    key: stringSerde,
    value: bytesSerde,
    keys,
    values: Array.from({ length: n }, () => rnd.bytes(size)),
    meanBytes: size + keys.reduce((s, k) => s + Buffer.byteLength(k), 0) / n,
    source: { kind: 'size', bytes: size },
  };
}

/** The latest schema of `subject` as a descriptor pinned to its id (references resolved recursively). */
async function descriptorOf(
  registry: Client,
  subject: string,
  version?: number,
): Promise<RegistrySchemaDescriptor> {
  const meta =
    version === undefined
      ? await registry.getLatestSchemaMetadata(subject)
      : await registry.getSchemaMetadata(subject, version, true);
  const references: SchemaReference[] = [];
  for (const r of meta.references ?? [])
    references.push({
      name: r.name,
      subject: r.subject,
      version: r.version,
      schema: await descriptorOf(registry, r.subject, r.version),
    });
  const schema = schemaTextOf(meta, subject);
  const base = { subject, id: meta.id as number, version: meta.version as number, schema, references };
  if ((meta.schemaType ?? 'AVRO') === 'AVRO') {
    const node = JSON.parse(schema) as { name?: string; namespace?: string };
    const name =
      node.name && node.namespace && !node.name.includes('.')
        ? `${node.namespace}.${node.name}`
        : (node.name ?? 'value');
    return avroSchema({ ...base, name, options: LOSSLESS_AVRO_OPTIONS });
  }
  if (meta.schemaType !== 'PROTOBUF')
    throw new CodegenError(
      'UNSUPPORTED_SCHEMA_TYPE',
      `schema type ${meta.schemaType} is neither AVRO nor PROTOBUF`,
      { subject },
    );
  const files = new Map<string, string>();
  const collect = (refs: readonly SchemaReference[]): void => {
    for (const r of refs) {
      files.set(r.name, r.schema.schema);
      collect(r.schema.references);
    }
  };
  collect(references);
  files.set(PROTO_ENTRY, schema);
  const first = topLevelMessages(buildProtobufRoot(PROTO_ENTRY, files).root, PROTO_ENTRY)[0];
  if (!first)
    throw new CodegenError('SCHEMA_INVALID', 'the Protobuf schema declares no message', { subject });
  return protobufSchema({
    ...base,
    name: first.fullName.slice(1),
    fileName: PROTO_ENTRY,
    options: PROTOBUF_OPTIONS,
  });
}

function allFiles(d: RegistrySchemaDescriptor, out = new Map<string, string>()): Map<string, string> {
  for (const r of d.references) {
    out.set(r.name, r.schema.schema);
    allFiles(r.schema, out);
  }
  return out;
}

function flatReferences(d: RegistrySchemaDescriptor, out: string[] = []): string[] {
  for (const r of d.references) {
    flatReferences(r.schema, out);
    out.push(r.schema.schema);
  }
  return out;
}

/** Random values of a descriptor in the typed producer's input shape, and their framed size. */
function randomValuesOf(
  d: RegistrySchemaDescriptor,
  n: number,
  rnd: Random,
): { values: unknown[]; bytes: number } {
  const values: unknown[] = [];
  let bytes = 0;
  if (d.format === 'AVRO') {
    const names = new AvroNames([...flatReferences(d), d.schema]);
    const schema = JSON.parse(d.schema) as unknown;
    const codec = createAvroCodec(d);
    for (let i = 0; i < n; i++) {
      const value = avroFromJson(schema, randomAvroJson(schema, names, rnd), names);
      values.push(value);
      bytes += codec.encode(value).length + 5;
    }
  } else if (d.format === 'PROTOBUF') {
    const files = allFiles(d);
    files.set(d.fileName, d.schema);
    const type = buildProtobufRoot(d.fileName, files).root.lookupType(d.name);
    const codec = createProtobufCodec(d);
    for (let i = 0; i < n; i++) {
      const value = randomProtobufValue(type, rnd) ?? {};
      values.push(value);
      bytes += codec.encode(value).length + 6;
    }
  } else {
    throw new CodegenError(
      'UNSUPPORTED_SCHEMA_TYPE',
      'kgen bench --topic generates Avro and Protobuf records; JSON Schema topics are not supported yet',
    );
  }
  return { values, bytes };
}

/** Random valid records of a config topic's schemas (from the registry), for the typed producer. */
export async function topicRecords(
  config: ResolvedConfig,
  topicName: string,
  registry: Client,
  messages: number,
): Promise<BenchRecords> {
  const topic = config.topics.find((t) => t.name === topicName);
  if (!topic)
    throw new CodegenError(
      'UNKNOWN_TOPIC',
      `the config has no topic "${topicName}" (topics: ${config.topics.map((t) => t.name).join(', ') || 'none'})`,
      {
        ...(config.configFile ? { file: config.configFile } : {}),
      },
    );
  const rnd = new Random(42);
  const n = Math.min(POOL, messages);
  const side = async (
    s: (typeof topic)['value'],
  ): Promise<{ descriptor: SchemaDescriptor; values: unknown[]; bytes: number; subject?: string }> => {
    if (s.kind === 'string') {
      const values = Array.from({ length: n }, (_, i) => `key-${i}`);
      return { descriptor: stringSerde, values, bytes: values.reduce((a, v) => a + v.length, 0) };
    }
    if (s.kind === 'bytes')
      return { descriptor: bytesSerde, values: Array.from({ length: n }, () => rnd.bytes(8)), bytes: 8 * n };
    const subject = s.subjects[0]?.subject;
    if (subject === undefined)
      throw new CodegenError('CONFIG_INVALID', `topic "${topicName}" names no subject`);
    const descriptor = await descriptorOf(registry, subject);
    return { descriptor, ...randomValuesOf(descriptor, n, rnd), subject };
  };
  const key = await side(topic.key);
  const value = await side(topic.value);
  return {
    key: key.descriptor,
    value: value.descriptor,
    keys: key.values,
    values: value.values,
    meanBytes: (key.bytes + value.bytes) / n,
    source: { kind: 'topic', topic: topicName, valueSubject: value.subject ?? '' },
  };
}
