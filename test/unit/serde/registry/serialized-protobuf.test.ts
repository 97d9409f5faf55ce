import type { Client, SchemaInfo } from '@confluentinc/schemaregistry';
import { createProtobufCodec } from '../../../../src/serde/protobuf';
import { WriterSchemaCache } from '../../../../src/serde/registry/writer-schemas';
import { resolveSchemaId } from '../../../../src/serde/registry/resolve-schema-id';
import { protobufSchema } from '../../../../src/topics';
import fixtures from '../protobuf/fixtures/protoc-descriptors.json';

// The consumer's writer-schema lookup and the producer's id resolution read Protobuf schemas the registry
// returns in serialized form (base64 FileDescriptorProto, e.g. google/rpc/status.proto as protoc wrote it).
const STATUS = (fixtures as Record<string, string>)['google/rpc/status.proto']!;
const fakeRegistry = (info: SchemaInfo): Client =>
  ({
    getBySubjectAndId: async () => info,
    getSchemaMetadata: async () => ({ ...info, id: 7, version: 1 }),
    getLatestSchemaMetadata: async () => ({ ...info, id: 7, version: 1 }),
  }) as unknown as Client;

describe('serialized Protobuf schemas from the registry (runtime)', () => {
  it('the writer-schema cache hands the codec .proto text it can resolve against', async () => {
    const cache = new WriterSchemaCache(fakeRegistry({ schemaType: 'PROTOBUF', schema: STATUS }));
    const { writer } = await cache.get(7);
    expect(writer.schema).toContain('message Status {');
    const codec = createProtobufCodec(
      protobufSchema<Record<string, unknown>, Record<string, unknown>>({
        name: 'google.rpc.Status',
        fileName: 'google/rpc/status.proto',
        schema: writer.schema,
        references: [],
        options: { int64: 'bigint', enums: 'string', timestamp: 'message' },
      }),
    );
    const decode = codec.resolving(writer);
    expect(decode(codec.encode({ code: 5, message: 'not found' }))).toEqual({
      code: 5,
      message: 'not found',
      details: [],
    });
  });

  it('a pinned id whose registered schema is serialized resolves to its text', async () => {
    const registry = fakeRegistry({ schemaType: 'PROTOBUF', schema: STATUS });
    const descriptor = protobufSchema({
      name: 'google.rpc.Status',
      fileName: 'google/rpc/status.proto',
      schema: 'unused',
      references: [],
      options: { int64: 'bigint', enums: 'string', timestamp: 'message' },
      id: 7,
    });
    const resolved = await resolveSchemaId(registry, 's-value', descriptor);
    expect(resolved.info.schema).toContain('message Status {');
  });
});
