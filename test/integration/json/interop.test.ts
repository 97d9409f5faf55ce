import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { JsonDeserializer, JsonSerializer, SerdeType } from '@confluentinc/schemaregistry';
import { jsonSchema, type JsonSchemaDescriptor } from 'kgen';
import { createJsonCodec, frameHeader, unframe } from 'kgen/serde';
import type { Order, OrderInput } from '../../golden/jsonschema/__golden__/default/order';
import { officialRegistryClient } from '../../helpers/official-registry';
import { peerDescribe, PYTHON_PEER, pythonPeerPlan } from '../../helpers/interop-peer';
import { stackEnv, uniqueName } from '../../helpers/stack-env';

const ROOT = path.resolve(__dirname, '../../..');
const SHOP = path.join(ROOT, 'test/fixtures/jsonschema/shop');
const SCRIPT = path.join(ROOT, 'test/interop/python/json_interop.py');
/** Without `format` keywords: the official JS serde's Ajv has no formats ("unknown format \"uuid\" ignored" throws). */
function withoutFormats(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutFormats);
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(
    Object.entries(node).flatMap(([k, v]) => (k === 'format' ? [] : [[k, withoutFormats(v)]])),
  );
}
const text = (file: string, official = false) => {
  const schema = JSON.parse(fs.readFileSync(path.join(SHOP, file), 'utf8')) as Record<string, unknown>;
  if (!official) return JSON.stringify(schema);
  return JSON.stringify(
    withoutFormats({ ...schema, $schema: 'https://json-schema.org/draft/2020-12/schema' }),
  );
};
const OPTIONS = { dateTime: 'string', validateOnConsume: true } as const;

/**
 * The order schema as registered: `$ref`s to two other subjects, resolved by reference name. `official`
 * registers what the official JS serde can read: every file as 2020-12 (its Ajv2020 lacks the draft-7
 * meta-schema, so a 2020-12 schema referencing money.json's draft 7 fails with "no schema with key or ref
 * ...draft-07...") and no `format`s; kgen and Python read the files as they are.
 */
async function registerShop(registryUrl: string, topic: string, official = false) {
  const client = officialRegistryClient(registryUrl);
  const refs = [
    { name: 'common/address.json', file: 'common/address.json', subject: uniqueName('json-address') },
    { name: 'common/money.json', file: 'common/money.json', subject: uniqueName('json-money') },
  ];
  const refText = (file: string) => text(file, official);
  for (const r of refs)
    await client.register(r.subject, { schemaType: 'JSON', schema: refText(r.file) }, false);
  const references = refs.map((r) => ({ name: r.name, subject: r.subject, version: 1 }));
  const orderText = text('order.json', official);
  const id = await client.register(
    `${topic}-value`,
    { schemaType: 'JSON', schema: orderText, references },
    false,
  );
  const descriptor: JsonSchemaDescriptor<OrderInput, Order> = jsonSchema<OrderInput, Order>({
    subject: `${topic}-value`,
    id,
    name: 'Order',
    schema: orderText,
    references: refs.map((r) => ({
      name: r.name,
      subject: r.subject,
      version: 1,
      schema: jsonSchema({ name: r.name, schema: refText(r.file), references: [], options: OPTIONS }),
    })),
    options: OPTIONS,
  });
  return { client, id, descriptor };
}

const input: OrderInput = {
  id: '3f1c2b9e-8d7a-4c1b-9e2f-0a1b2c3d4e5f',
  placedAt: '2026-03-04T05:06:07.089Z',
  shipTo: { street: 'Königstraße 1', city: 'Stuttgart', postalCode: '70173', country: 'DE' },
  total: { amount: 59.9 },
  lines: [{ sku: 'sku-1', quantity: 2, unitPrice: { amount: 29.95, currency: 'EUR' } }],
  payment: { kind: 'card', last4: '4242' },
  position: [48.78, 9.18],
  note: null,
  attributes: { gift: 'yes', 'wrap/paper': 'red' },
};
/** What a consumer of `input` must see: `default`s filled in (status, total.currency). */
const expected: Order = { ...input, status: 'NEW', total: { amount: 59.9, currency: 'EUR' } } as Order;

// Wire compatibility with the official JS JsonSerializer/JsonDeserializer and Python confluent-kafka's
// JSONSerializer/JSONDeserializer, through the real registry (references resolved by name on every side).
describe('JSON Schema wire compatibility with the official @confluentinc/schemaregistry serde', () => {
  const { registryUrl } = stackEnv();
  const topic = uniqueName('json-official');
  let shop: Awaited<ReturnType<typeof registerShop>>;
  beforeAll(async () => {
    shop = await registerShop(registryUrl, topic, true);
  });

  it('official serializer bytes decode with ours, field by field', async () => {
    const serializer = new JsonSerializer(shop.client, SerdeType.VALUE, {
      useLatestVersion: true,
      validate: true,
    });
    const bytes = await serializer.serialize(topic, input);
    const frame = unframe(bytes, false);
    expect(frame.schemaId).toBe(shop.id);
    const value = createJsonCodec(shop.descriptor).decode(frame.payload);
    for (const key of Object.keys(expected) as Array<keyof Order>) expect(value[key]).toEqual(expected[key]);
    expect(value).toEqual(expected);
  });

  it('our bytes decode with the official deserializer, field by field', async () => {
    const codec = createJsonCodec(shop.descriptor);
    const bytes = codec.encodeFramed!(frameHeader(shop.id), input);
    const deserializer = new JsonDeserializer(officialRegistryClient(registryUrl), SerdeType.VALUE, {
      validate: true,
    });
    const value = (await deserializer.deserialize(topic, bytes)) as Record<string, unknown>;
    for (const key of Object.keys(input))
      expect(value[key]).toEqual((input as unknown as Record<string, unknown>)[key]);
    expect(value).toEqual(input);
  });

  it('the official deserializer refuses what our validator refuses (minimum on a nested field)', async () => {
    const bad = Buffer.concat([
      frameHeader(shop.id),
      Buffer.from(JSON.stringify({ ...input, lines: [{ sku: 'x', quantity: 0, unitPrice: { amount: 1 } }] })),
    ]);
    const deserializer = new JsonDeserializer(officialRegistryClient(registryUrl), SerdeType.VALUE, {
      validate: true,
    });
    await expect(deserializer.deserialize(topic, bad)).rejects.toThrow();
    expect(() => createJsonCodec(shop.descriptor).decode(bad.subarray(5))).toThrow(
      expect.objectContaining({ fieldPath: '$.lines[0].quantity', keyword: 'minimum' }),
    );
  });
});

const describeWithPython = peerDescribe(pythonPeerPlan());

describeWithPython('JSON Schema wire compatibility with Python confluent-kafka', () => {
  const { registryUrl } = stackEnv();
  const topic = uniqueName('json-python');
  let shop: Awaited<ReturnType<typeof registerShop>>;
  beforeAll(async () => {
    shop = await registerShop(registryUrl, topic);
  });
  const python = (ops: unknown[]): Array<{ payload?: string; json?: Record<string, unknown> }> =>
    (
      JSON.parse(
        execFileSync(PYTHON_PEER, [SCRIPT], {
          input: JSON.stringify({ registry_url: registryUrl, topic, ops }),
          encoding: 'utf8',
          timeout: 60_000,
        }),
      ) as { results: Array<{ payload?: string; json?: Record<string, unknown> }> }
    ).results;

  it('Python serializer bytes decode with ours, field by field', () => {
    const [result] = python([{ op: 'serialize', json: input }]);
    const frame = unframe(Buffer.from(result!.payload!, 'base64'), false);
    expect(frame.schemaId).toBe(shop.id);
    const value = createJsonCodec(shop.descriptor).decode(frame.payload);
    for (const key of Object.keys(expected) as Array<keyof Order>) expect(value[key]).toEqual(expected[key]);
  });

  it('our bytes decode with the Python deserializer, field by field', () => {
    const bytes = createJsonCodec(shop.descriptor).encodeFramed!(frameHeader(shop.id), input);
    const [result] = python([{ op: 'deserialize', payload: bytes.toString('base64') }]);
    for (const key of Object.keys(input))
      expect(result!.json![key]).toEqual((input as unknown as Record<string, unknown>)[key]);
    expect(result!.json).toEqual(input);
  });
});
