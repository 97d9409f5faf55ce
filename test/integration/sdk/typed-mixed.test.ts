import { KafkaJS } from '@confluentinc/kafka-javascript';
import {
  createClient,
  DecodeError,
  defineTopics,
  oneOf,
  stringSerde,
  VerifyError,
  type RawMessage,
} from 'kgen';
import { stackEnv, uniqueName } from '../../helpers/stack-env';
import {
  avro,
  collect,
  createTopic,
  order,
  orderSchemaV1,
  orderSchemaV2,
  rawKafka,
  refundSchema,
  type Order,
  type OrderV2,
  type Refund,
} from './fixtures';

jest.setTimeout(60_000);

describe('typed SDK on the real stack: two record types, decode errors, verify', () => {
  const { brokers, registryUrl } = stackEnv();

  it('a topic with two record types: each value keeps its type and narrows by shape', async () => {
    const topic = uniqueName('sdk-oneof');
    await createTopic(brokers, topic);
    const orderSubject = uniqueName('acme.Order');
    const refundSubject = uniqueName('acme.Refund');
    const topics = defineTopics({
      [topic]: {
        key: stringSerde,
        value: oneOf(
          avro<Order>('acme.Order', orderSchemaV1, { subject: orderSubject }),
          avro<Refund>('acme.Refund', refundSchema, { subject: refundSubject }),
        ),
      },
    } as const);
    const kafka = createClient({
      brokers,
      registry: { url: registryUrl },
      topics,
      schemas: { autoRegister: true },
    });
    const producer = await kafka.producer();
    const refund: Refund = { orderId: 'o-1', reason: 'damaged' };
    await producer.send(topic, [
      { key: '1', value: order(1) },
      { key: '2', value: refund },
    ]);
    await producer.disconnect();
    const got = await collect(
      await kafka.consumer({ groupId: uniqueName('g'), topics: [topic], fromBeginning: true }),
      2,
    );
    const values = new Map(got.map((m) => [m.key, m.value]));
    expect(values.get('1')).toEqual(order(1));
    expect(values.get('2')).toEqual(refund);
    const ids = await Promise.all(
      [orderSubject, refundSubject].map((s) => kafka.registry.getLatestSchemaMetadata(s)),
    );
    expect(got.map((m) => m.raw.value!.readUInt32BE(1)).sort()).toEqual(ids.map((m) => m.id).sort());
  });

  it('gives a typed DecodeError (topic, partition, offset, schema id) to onDecodeError and keeps consuming', async () => {
    const topic = uniqueName('sdk-poison');
    await createTopic(brokers, topic);
    const topics = defineTopics({
      [topic]: { key: stringSerde, value: avro<Order>('acme.Order', orderSchemaV1) },
    } as const);
    const kafka = createClient({
      brokers,
      registry: { url: registryUrl },
      topics,
      schemas: { autoRegister: true },
    });
    const raw = rawKafka(brokers).producer();
    await raw.connect();
    const poison = Buffer.from([0, 0x7f, 0xff, 0xff, 0x00, 1, 2, 3]); // schema id 2147483392: unknown
    await raw.send({
      topic,
      messages: [
        { key: 'bad', value: poison },
        { key: 'worse', value: Buffer.from('plain text') },
      ],
    });
    await raw.disconnect();
    const producer = await kafka.producer();
    await producer.send(topic, { key: 'good', value: order(5) });
    await producer.disconnect();

    const errors: Array<{ error: DecodeError; raw: RawMessage }> = [];
    const consumer = await kafka.consumer({ groupId: uniqueName('g'), topics: [topic], fromBeginning: true });
    const good: Order[] = [];
    await consumer.run({
      eachMessage: async (m) => {
        good.push(m.value);
      },
      onDecodeError: (error, rawMessage) => {
        errors.push({ error, raw: rawMessage });
        return 'skip';
      },
    });
    const deadline = Date.now() + 30_000;
    while (good.length < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await consumer.disconnect();
    expect(good).toEqual([order(5)]);
    expect(errors.map((e) => e.error)).toEqual([expect.any(DecodeError), expect.any(DecodeError)]);
    const [unknownId, unframed] = errors;
    expect(unknownId!.error).toMatchObject({
      topic,
      partition: 0,
      offset: '0',
      role: 'value',
      schemaId: 0x7fffff00,
    });
    expect(unknownId!.error.message).toMatch(/schema id 2147483392/);
    expect(unknownId!.raw.value).toEqual(poison);
    expect(unframed!.error).toMatchObject({ offset: '1', schemaId: undefined });
    expect(unframed!.error.message).toMatch(/magic byte/);
  });

  it('verify() passes for a registered map and fails with a readable diff otherwise', async () => {
    const topic = uniqueName('sdk-verify');
    const missing = uniqueName('sdk-verify-missing');
    const registered = createClient({
      brokers,
      registry: { url: registryUrl },
      topics: defineTopics({
        [topic]: { key: stringSerde, value: avro<Order>('acme.Order', orderSchemaV1) },
      } as const),
    });
    const id = await registered.registry.register(
      `${topic}-value`,
      { schemaType: 'AVRO', schema: orderSchemaV1 },
      false,
    );
    expect((await registered.verify()).problems).toEqual([]);

    const incompatible = JSON.stringify({
      type: 'record',
      name: 'Order',
      namespace: 'acme',
      fields: [{ name: 'id', type: 'int' }],
    });
    const drifted = createClient({
      brokers,
      registry: { url: registryUrl },
      topics: defineTopics({
        [topic]: { key: stringSerde, value: avro<{ id: number }>('acme.Order', incompatible) },
        [missing]: { key: stringSerde, value: avro<OrderV2>('acme.Order', orderSchemaV2, { id: id + 1000 }) },
      } as const),
    });
    const err = await drifted.verify().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VerifyError);
    const kinds = (err as VerifyError).problems.map((p) => `${p.subject}:${p.kind}`).sort();
    expect(kinds).toEqual([`${missing}-value:SUBJECT_MISSING`, `${topic}-value:INCOMPATIBLE`].sort());
    expect((err as Error).message).toContain('-       "type": "string"');
    expect((err as Error).message).toContain('+       "type": "int"');
    expect((err as Error).message).toMatch(/subject does not exist in the registry/);
  });

  it('wraps broker failures with the topic (send to a topic that does not exist, auto-creation off)', async () => {
    const topic = uniqueName('sdk-nowhere');
    const topics = defineTopics({ [topic]: { key: stringSerde, value: stringSerde } } as const);
    const kafka = createClient({ brokers, registry: { url: registryUrl }, topics });
    const producer = await kafka.producer({
      config: { 'allow.auto.create.topics': false, 'message.timeout.ms': 3000 },
    });
    const err = await producer.send(topic, { value: 'x' }).catch((e: unknown) => e);
    await producer.disconnect().catch(() => undefined);
    expect(err).toMatchObject({ code: 'BROKER', operation: 'send', topic });
    void KafkaJS;
  });
});
