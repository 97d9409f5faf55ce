import { MockClient } from '@confluentinc/schemaregistry';
import {
  avroSchema,
  oneOf,
  protobufSchema,
  SchemaMismatchError,
  SchemaNotRegisteredError,
  SerializationError,
  UnknownSchemaIdError,
  UnsupportedSchemaError,
  type AvroCodecOptions,
  type SchemaDescriptor,
} from 'kgen';
import type { SerdeContext } from '../../../src/serde/registry/serde-context';
import type { ProducerSchemaOptions } from '../../../src/serde/registry/resolve-schema-id';
import { WriterSchemaCache } from '../../../src/serde/registry/writer-schemas';
import { createTopicDeserializer, createTopicSerializer } from '../../../src/serde/topic-serde';
import { jsonCodec } from './registry/json-codec';

const options: AvroCodecOptions = {
  long: 'number',
  unions: 'wrapped',
  timestamps: 'date',
  date: 'date',
  decimal: 'string',
};
const v1 = JSON.stringify({ fields: { id: '', amount: 0 } });
const v2 = JSON.stringify({ fields: { id: '', amount: 0, note: 'none' } });
const orderV1 = avroSchema<{ id: string; amount: number }>({
  name: 'acme.Order',
  schema: v1,
  references: [],
  options,
});
const orderV2 = avroSchema<{ id: string; amount: number; note: string }>({
  name: 'acme.Order',
  schema: v2,
  references: [],
  options,
});

function context(registry: MockClient, producerSchemas: ProducerSchemaOptions = {}): SerdeContext {
  return { registry, codecs: jsonCodec, writers: new WriterSchemaCache(registry), producerSchemas };
}

async function serialize(
  ctx: SerdeContext,
  d: SchemaDescriptor,
  value: unknown,
  topic = 'orders',
): Promise<Buffer> {
  return (await createTopicSerializer(ctx, topic, 'value', d))(value);
}

async function deserialize(
  ctx: SerdeContext,
  d: SchemaDescriptor,
  data: Buffer,
  topic = 'orders',
): Promise<unknown> {
  return createTopicDeserializer(ctx, topic, 'value', d)(data);
}

describe('topic serde over a registry', () => {
  it('frames with the id the registry holds for the local schema (lookup), byte for byte', async () => {
    const registry = new MockClient();
    const id = await registry.register('orders-value', { schemaType: 'AVRO', schema: v1 });
    const bytes = await serialize(context(registry), orderV1, { id: 'o-1', amount: 3 });
    const expected = Buffer.concat([Buffer.from([0, 0, 0, 0, id]), Buffer.from('{"id":"o-1","amount":3}')]);
    expect(bytes).toEqual(expected);
  });

  it('fails start-up with SchemaNotRegisteredError naming the subject when the schema is not registered', async () => {
    const err = await createTopicSerializer(context(new MockClient()), 'orders', 'value', orderV1).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SchemaNotRegisteredError);
    expect((err as SchemaNotRegisteredError).subject).toBe('orders-value');
    expect((err as Error).message).toMatch(/acme\.Order is not registered.*autoRegister/);
  });

  it('registers the schema when autoRegister is on', async () => {
    const registry = new MockClient();
    const bytes = await serialize(context(registry, { autoRegister: true }), orderV1, { id: 'a', amount: 1 });
    const latest = await registry.getLatestSchemaMetadata('orders-value');
    expect(bytes.readUInt32BE(1)).toBe(latest.id);
  });

  it('uses the pinned id from the descriptor without looking the schema up', async () => {
    const registry = new MockClient();
    const id = await registry.register('orders-value', { schemaType: 'AVRO', schema: v1 });
    const lookup = jest.spyOn(registry, 'getIdFullResponse');
    const bytes = await serialize(context(registry), { ...orderV1, id }, { id: 'a', amount: 1 });
    expect(bytes.readUInt32BE(1)).toBe(id);
    expect(lookup).not.toHaveBeenCalled();
  });

  it('rejects ids: "pinned" when the descriptor pins no id', async () => {
    const err = await createTopicSerializer(
      context(new MockClient(), { ids: 'pinned' }),
      'orders',
      'value',
      orderV1,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SchemaNotRegisteredError);
    expect((err as Error).message).toMatch(/pins no id/);
  });

  it('latest mode frames with the latest id and encodes with the latest schema', async () => {
    const registry = new MockClient();
    await registry.register('orders-value', { schemaType: 'AVRO', schema: v1 });
    const id2 = await registry.register('orders-value', { schemaType: 'AVRO', schema: v2 });
    const serializer = await createTopicSerializer(
      context(registry, { ids: 'latest' }),
      'orders',
      'value',
      orderV1,
    );
    expect(() => serializer({ id: 'a', amount: 1 })).toThrow(SerializationError); // v2 needs `note`
    const bytes = await serializer({ id: 'a', amount: 1, note: 'n' });
    expect(bytes.readUInt32BE(1)).toBe(id2);
  });

  it('wraps codec failures in SerializationError naming topic, role and subject', async () => {
    const registry = new MockClient();
    await registry.register('orders-value', { schemaType: 'AVRO', schema: v1 });
    const serializer = await createTopicSerializer(context(registry), 'orders', 'value', orderV1);
    let caught: unknown;
    try {
      serializer({ id: 'x' });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(SerializationError);
    expect(caught).toMatchObject({
      topic: 'orders',
      role: 'value',
      subject: 'orders-value',
      code: 'SERIALIZATION',
    });
  });

  it('reads a payload written by an older version into the reader shape, fetching the writer id once', async () => {
    const registry = new MockClient();
    const id1 = await registry.register('orders-value', { schemaType: 'AVRO', schema: v1 });
    await registry.register('orders-value', { schemaType: 'AVRO', schema: v2 });
    const old = await serialize(context(registry), orderV1, { id: 'o', amount: 2 });
    expect(old.readUInt32BE(1)).toBe(id1);
    const ctx = context(registry);
    const fetch = jest.spyOn(registry, 'getBySubjectAndId');
    const read = createTopicDeserializer(ctx, 'orders', 'value', orderV2);
    expect(await read(old)).toEqual({ id: 'o', amount: 2, note: 'none' });
    expect(read(old)).toEqual({ id: 'o', amount: 2, note: 'none' }); // synchronous once the id is known
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('throws UnknownSchemaIdError for an id the registry does not know', async () => {
    const data = Buffer.from([0, 0, 0, 0x30, 0x39, 1]);
    const err = await Promise.resolve(deserialize(context(new MockClient()), orderV1, data)).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UnknownSchemaIdError);
    expect((err as UnknownSchemaIdError).schemaId).toBe(12345);
  });

  it('throws SchemaMismatchError when the writer is of another format', async () => {
    const registry = new MockClient();
    const id = await registry.register('x-value', { schemaType: 'PROTOBUF', schema: v1 });
    const data = Buffer.concat([Buffer.from([0, 0, 0, 0, id]), Buffer.from('{}')]);
    const err = await Promise.resolve(deserialize(context(registry), orderV1, data)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SchemaMismatchError);
    expect((err as Error).message).toMatch(/is PROTOBUF but topic "orders" value reads AVRO/);
  });

  it('writes Protobuf message indexes after the schema id and reads them back', async () => {
    const registry = new MockClient();
    const d = protobufSchema<{ id: string }>({
      name: 'acme.Second',
      fileName: 'acme.proto',
      schema: JSON.stringify({ fields: { id: '' } }),
      references: [],
      options: { int64: 'bigint', enums: 'string', timestamp: 'date' },
    });
    const id = await registry.register('orders-value', { schemaType: 'PROTOBUF', schema: d.schema });
    const bytes = await serialize(context(registry), d, { id: 'p' });
    expect([...bytes.subarray(0, 8)]).toEqual([0, 0, 0, 0, id, 4, 2, 0]); // count 2, indexes [1, 0] zigzag
    expect(await deserialize(context(registry), d, bytes)).toEqual({ id: 'p' });
  });
});

describe('topic serde: a topic with two record types', () => {
  const refund = avroSchema<{ orderId: string }>({
    name: 'acme.Refund',
    schema: JSON.stringify({ name: 'Refund', namespace: 'acme', fields: { orderId: '' } }),
    references: [],
    options,
  });
  const order = avroSchema<{ id: string }>({
    name: 'acme.Order',
    schema: JSON.stringify({ name: 'acme.Order', fields: { id: '' } }),
    references: [],
    options,
  });
  const both = oneOf(order, refund);

  it('encodes with the variant that accepts the value (RecordNameStrategy subjects) and decodes by writer name', async () => {
    const registry = new MockClient();
    const orderId = await registry.register('acme.Order', { schemaType: 'AVRO', schema: order.schema });
    const refundId = await registry.register('acme.Refund', { schemaType: 'AVRO', schema: refund.schema });
    const ctx = context(registry);
    const write = await createTopicSerializer(ctx, 'payments', 'value', both);
    const a = await write({ id: 'o' });
    const b = await write({ orderId: 'o' });
    expect([a.readUInt32BE(1), b.readUInt32BE(1)]).toEqual([orderId, refundId]);
    const read = createTopicDeserializer(ctx, 'payments', 'value', both);
    expect([await read(a), await read(b)]).toEqual([{ id: 'o' }, { orderId: 'o' }]);
    expect(() => write({ other: 1 })).toThrow(
      /no variant accepts the value \(tried acme\.Order, acme\.Refund\)/,
    );
  });
});

describe('topic serde: strings, bytes and bad descriptors', () => {
  const ctx = context(new MockClient());
  it('encodes strings as UTF-8 and rejects non-strings', async () => {
    const write = await createTopicSerializer(ctx, 't', 'key', { format: 'STRING' });
    expect(await write('é')).toEqual(Buffer.from('é', 'utf8'));
    expect(() => write(1)).toThrow(/topic "t" key: expected a string, got number/);
    expect(createTopicDeserializer(ctx, 't', 'key', { format: 'STRING' })(Buffer.from('é'))).toBe('é');
  });
  it('passes bytes through and rejects non-Buffers', async () => {
    const write = await createTopicSerializer(ctx, 't', 'value', { format: 'BYTES' });
    const b = Buffer.from([1, 2]);
    expect(await write(b)).toBe(b);
    expect(() => write('x')).toThrow(SerializationError);
  });
  it('names the unknown format of a hand-written descriptor', () => {
    const bad = { format: 'XML' } as unknown as SchemaDescriptor;
    expect(() => createTopicDeserializer(ctx, 't', 'value', bad)).toThrow(/unknown descriptor format "XML"/);
  });
});

describe('subjects with data-contract rules', () => {
  it('refuses the fast path for a Protobuf subject with rules (no official fallback for Protobuf)', async () => {
    const registry = new MockClient();
    const d = protobufSchema<{ id: string }>({
      name: 'acme.P',
      fileName: 'p.proto',
      schema: JSON.stringify({ fields: { id: '' } }),
      references: [],
      options: { int64: 'bigint', enums: 'string', timestamp: 'date' },
    });
    await registry.register('orders-value', {
      schemaType: 'PROTOBUF',
      schema: d.schema,
      ruleSet: { domainRules: [{ name: 'enc', type: 'ENCRYPT', mode: 'WRITEREAD' as never, tags: ['PII'] }] },
    });
    const err = await createTopicSerializer(context(registry, { ids: 'latest' }), 'orders', 'value', d).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UnsupportedSchemaError);
    expect((err as Error).message).toMatch(/data-contract rules or encryption.*Avro only/);
  });
});
