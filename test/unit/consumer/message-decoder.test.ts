import { MockClient } from '@confluentinc/schemaregistry';
import { avroSchema, DecodeError, defineTopics, stringSerde, type RawMessage } from 'kgen';
import { MessageDecoder } from '../../../src/consumer/message-decoder';
import { WriterSchemaCache } from '../../../src/serde/registry/writer-schemas';
import { jsonCodec } from '../serde/registry/json-codec';

const schema = JSON.stringify({ fields: { id: '' } });
const topics = defineTopics({
  orders: {
    key: stringSerde,
    value: avroSchema<{ id: string }>({
      name: 'acme.Order',
      schema,
      references: [],
      options: { long: 'number', unions: 'wrapped', timestamps: 'date', date: 'date', decimal: 'string' },
    }),
  },
});

function raw(value: Buffer | null, key: Buffer | null = Buffer.from('k')): RawMessage {
  return { topic: 'orders', partition: 2, offset: '41', timestamp: '0', key, value, headers: {} };
}

describe('MessageDecoder', () => {
  const registry = new MockClient();
  const decoder = new MessageDecoder(
    { registry, codecs: jsonCodec, writers: new WriterSchemaCache(registry), producerSchemas: {} },
    topics,
    ['orders'],
  );

  it('decodes key and value, keeping the raw record', async () => {
    const id = await registry.register('orders-value', { schemaType: 'AVRO', schema }, false);
    const value = Buffer.concat([Buffer.from([0, 0, 0, 0, id]), Buffer.from('{"id":"o"}')]);
    const decoded = await decoder.decode(raw(value));
    expect(decoded).toMatchObject({
      topic: 'orders',
      partition: 2,
      offset: '41',
      key: 'k',
      value: { id: 'o' },
    });
    expect(decoded.raw.value).toBe(value);
    expect(decoder.decode(raw(value, null))).toMatchObject({ key: null }); // synchronous once the id is known
  });

  it('throws DecodeError with topic, partition, offset and the frame schema id', async () => {
    const err = await Promise.resolve()
      .then(() => decoder.decode(raw(Buffer.from([0, 0, 0, 1, 0, 9]))))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DecodeError);
    expect(err).toMatchObject({
      topic: 'orders',
      partition: 2,
      offset: '41',
      role: 'value',
      schemaId: 256,
      code: 'DECODE',
    });
    expect((err as Error).message).toMatch(
      /^cannot decode value of topic "orders" partition 2 offset 41, schema id 256: /,
    );
  });

  it('names tombstones, unframed bytes and unknown topics', () => {
    expect(() => decoder.decode(raw(null))).toThrow(/null \(a tombstone\)/);
    expect(() => decoder.decode(raw(Buffer.from('hello')))).toThrow(/magic byte 104/);
    expect(() => decoder.decode({ ...raw(Buffer.from('x')), topic: 'other' })).toThrow(
      /not in the consumer's topic map/,
    );
  });

  it("decodes a tombstone's key only, without a value property", () => {
    const tombstone = decoder.decodeTombstone(raw(null));
    expect(tombstone).toEqual({
      topic: 'orders',
      partition: 2,
      offset: '41',
      timestamp: '0',
      key: 'k',
      headers: {},
      raw: raw(null),
    });
    expect(decoder.decodeTombstone(raw(null, null))).toMatchObject({ key: null });
    expect(() => decoder.decodeTombstone({ ...raw(null), topic: 'other' })).toThrow(DecodeError);
  });
});
