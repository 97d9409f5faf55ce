import {
  createClient,
  DecodeError,
  defineTopics,
  JsonValidationError,
  SerializationError,
  stringSerde,
  type RawMessage,
} from 'kgen';
import { OrderSchema, type Order, type OrderInput } from '../../golden/jsonschema/__golden__/default/order';
import { stackEnv, uniqueName } from '../../helpers/stack-env';
import { createTopic, rawKafka } from '../sdk/fixtures';

jest.setTimeout(90_000);

const order = (id: string): OrderInput => ({
  id: `3f1c2b9e-8d7a-4c1b-9e2f-${id.padStart(12, '0')}`,
  placedAt: '2026-03-04T05:06:07Z',
  shipTo: { street: 'Main St 1', city: 'Springfield', country: 'US' },
  total: { amount: 10, currency: 'USD' },
  lines: [{ sku: 'a', quantity: 1, unitPrice: { amount: 10 } }],
});

// The typed SDK with a generated JSON Schema descriptor on the real broker and registry: values are validated
// before they are sent (nothing reaches Kafka otherwise) and after they are read (DecodeError → onDecodeError).
describe('JSON Schema topics in the typed SDK', () => {
  const { brokers, registryUrl } = stackEnv();

  it('sends valid values, refuses an invalid one with nothing sent, and hands an invalid payload to onDecodeError', async () => {
    const topic = uniqueName('json-sdk');
    await createTopic(brokers, topic);
    const topics = defineTopics({ [topic]: { key: stringSerde, value: OrderSchema } } as const);
    const kafka = createClient({
      brokers,
      registry: { url: registryUrl },
      topics,
      schemas: { autoRegister: true },
    });
    const producer = await kafka.producer();
    await producer.send(topic, { key: 'good-1', value: order('1') });

    const bad = { ...order('2'), lines: [{ sku: 'b', quantity: 0, unitPrice: { amount: 1 } }] };
    // On the ready fast path `send` throws before it returns a promise (as for Avro and Protobuf): await covers both.
    let err: unknown;
    try {
      await producer.send(topic, { key: 'bad', value: bad });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SerializationError);
    expect(err).toMatchObject({ topic, role: 'value' });
    expect((err as Error).message).toMatch(/\$\.lines\[0\]\.quantity: must be >= 1 \(rule "minimum"\)/);
    expect((err as Error).cause).toBeInstanceOf(JsonValidationError);
    expect((err as Error).cause).toMatchObject({ fieldPath: '$.lines[0].quantity', keyword: 'minimum' });

    // A payload framed with the registered id but invalid (as a producer that skips validation would write).
    const { id } = await kafka.registry.getLatestSchemaMetadata(`${topic}-value`);
    const header = Buffer.from([0, 0, 0, 0, 0]);
    header.writeUInt32BE(id!, 1);
    const raw = rawKafka(brokers).producer();
    await raw.connect();
    await raw.send({
      topic,
      messages: [{ key: 'poison', value: Buffer.concat([header, Buffer.from(JSON.stringify(bad))]) }],
    });
    await raw.disconnect();
    await producer.send(topic, { key: 'good-2', value: order('3') });
    await producer.disconnect();

    const good: Array<{ key: string | null; value: Order }> = [];
    const errors: Array<{ error: DecodeError; raw: RawMessage }> = [];
    const consumer = await kafka.consumer({ groupId: uniqueName('g'), topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async (m) => {
        good.push({ key: m.key, value: m.value });
      },
      onDecodeError: (error, rawMessage) => {
        errors.push({ error, raw: rawMessage });
        return 'skip';
      },
    });
    const deadline = Date.now() + 30_000;
    while (good.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await consumer.disconnect();

    // Nothing was sent for the refused value: offsets 0 (good-1), 1 (poison), 2 (good-2).
    expect(good.map((g) => g.key)).toEqual(['good-1', 'good-2']);
    // Defaults are filled in on consume, as the output type says.
    expect(good[0]!.value).toEqual({
      ...order('1'),
      status: 'NEW',
      lines: [{ sku: 'a', quantity: 1, unitPrice: { amount: 10, currency: 'EUR' } }],
    });
    expect(errors).toHaveLength(1);
    expect(errors[0]!.error).toBeInstanceOf(DecodeError);
    expect(errors[0]!.error).toMatchObject({ topic, partition: 0, offset: '1', role: 'value', schemaId: id });
    expect(errors[0]!.error.cause).toMatchObject({ fieldPath: '$.lines[0].quantity', keyword: 'minimum' });
    expect(errors[0]!.raw.key?.toString()).toBe('poison');
  });

  it('verify() checks a JSON topic against the registry: matching, then a pinned version that differs', async () => {
    const topic = uniqueName('json-verify');
    const topics = defineTopics({ [topic]: { key: stringSerde, value: OrderSchema } } as const);
    const kafka = createClient({
      brokers,
      registry: { url: registryUrl },
      topics,
      schemas: { autoRegister: true },
    });
    const producer = await kafka.producer({ topics: [topic] }); // registers the schema
    await producer.disconnect();
    await expect(kafka.verify()).resolves.toMatchObject({ problems: [] });

    const changed = {
      ...OrderSchema,
      version: 1,
      schema: OrderSchema.schema.replace('"title":"Order"', '"title":"Order2"'),
    };
    const other = createClient({
      brokers,
      registry: { url: registryUrl },
      topics: defineTopics({ [topic]: { key: stringSerde, value: changed } } as const),
    });
    const report = await other.verify({ throwOnMismatch: false });
    const differs = report.problems.find((p) => p.kind === 'VERSION_SCHEMA_DIFFERS');
    expect(differs).toMatchObject({ topic, role: 'value', subject: `${topic}-value` });
    expect(differs!.diff).toContain('+   "title": "Order2",');
    // Apicurio's compatibility endpoint cannot test this JSON schema ("could not determine version"): verify
    // reports that as a REGISTRY_ERROR beside the difference, never as a pass.
    expect(
      report.problems.every((p) => p.kind === 'VERSION_SCHEMA_DIFFERS' || p.kind === 'REGISTRY_ERROR'),
    ).toBe(true);
  });
});
