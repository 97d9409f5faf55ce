import { createClient, defineTopics, murmur2Partition, stringSerde, type DeliveryReport } from 'kgen';
import { stackEnv, uniqueName } from '../../helpers/stack-env';
import {
  avro,
  collect,
  createTopic,
  order,
  orderSchemaV1,
  orderSchemaV2,
  orderTopic,
  type Order,
  type OrderV2,
} from './fixtures';

jest.setTimeout(60_000);

describe('typed SDK on the real stack: Avro keys and values', () => {
  const { brokers, registryUrl } = stackEnv();

  it('produces a pipelined batch with headers and reads back equal typed keys, values and headers', async () => {
    const { topic, kafka } = await orderTopic(brokers, registryUrl, 'sdk-avro', 3);
    const producer = await kafka.producer({ topics: [topic] });
    const sent: Array<Promise<DeliveryReport[]>> = [];
    for (let i = 0; i < 40; i++)
      sent.push(
        producer.send(topic, { key: { id: `o-${i}` }, value: order(i), headers: { trace: `t-${i}` } }),
      );
    sent.push(
      producer.send(
        topic,
        [10, 11].map((i) => ({ key: { id: `b-${i}` }, value: order(i) })),
      ),
    );
    await producer.flush();
    expect((await Promise.all(sent)).flat().every((r) => r.offset !== undefined)).toBe(true);
    await producer.disconnect();

    const consumer = await kafka.consumer({ groupId: uniqueName('g'), topics: [topic], fromBeginning: true });
    const got = await collect(consumer, 42);
    const byKey = new Map(got.map((m) => [m.key?.id, m]));
    expect(byKey.get('o-7')?.value).toEqual(order(7));
    expect(byKey.get('o-7')?.headers['trace']?.toString()).toBe('t-7');
    expect(byKey.get('b-11')?.value).toEqual(order(11));
    expect(typeof byKey.get('o-3')?.value.quantity).toBe('bigint');
    expect(byKey.get('o-3')?.value.placedAt).toBeInstanceOf(Date);
    const framed = byKey.get('o-1')!.raw.value!;
    const latest = await kafka.registry.getLatestSchemaMetadata(`${topic}-value`);
    expect([framed[0], framed.readUInt32BE(1)]).toEqual([0, latest.id]);
  });

  it('a consumer with the v2 reader schema reads records written with v1 (defaults filled)', async () => {
    const topic = uniqueName('sdk-evolve');
    await createTopic(brokers, topic);
    const v1 = defineTopics({
      [topic]: { key: stringSerde, value: avro<Order>('acme.Order', orderSchemaV1) },
    } as const);
    const v2 = defineTopics({
      [topic]: { key: stringSerde, value: avro<OrderV2>('acme.Order', orderSchemaV2) },
    } as const);
    const old = createClient({
      brokers,
      registry: { url: registryUrl },
      topics: v1,
      schemas: { autoRegister: true },
    });
    const producer = await old.producer();
    await producer.send(topic, { key: 'k1', value: order(1) });
    await producer.disconnect();
    await old.registry.register(`${topic}-value`, { schemaType: 'AVRO', schema: orderSchemaV2 }, false);

    const kafka = createClient({ brokers, registry: { url: registryUrl }, topics: v2 });
    const newer = await kafka.producer();
    await newer.send(topic, { key: 'k2', value: { ...order(2), channel: 'app' } });
    await newer.disconnect();
    const got = await collect(
      await kafka.consumer({ groupId: uniqueName('g'), topics: [topic], fromBeginning: true }),
      2,
    );
    const values = new Map(got.map((m) => [m.key, m.value]));
    expect(values.get('k1')).toEqual({ ...order(1), channel: 'web' });
    expect(values.get('k2')).toEqual({ ...order(2), channel: 'app' });
    expect(got[0]!.raw.value!.readUInt32BE(1)).not.toBe(got[1]!.raw.value!.readUInt32BE(1));
  });

  it('partitions keys like the Java client (murmur2 of the serialized key) and honours a custom partitioner', async () => {
    const topic = uniqueName('sdk-part');
    const custom = uniqueName('sdk-part-custom');
    await createTopic(brokers, topic, 6);
    await createTopic(brokers, custom, 4);
    const topics = defineTopics({
      [topic]: { key: stringSerde, value: stringSerde },
      [custom]: { key: stringSerde, value: stringSerde },
    } as const);
    const kafka = createClient({ brokers, registry: { url: registryUrl }, topics });
    const keys = Array.from({ length: 30 }, (_, i) => `key-${i}`);
    const producer = await kafka.producer();
    // The first send resolves the topic (KafkaJS send, Buffer key); the rest take the native path with the
    // string key handed to librdkafka as is. Both must land where the Java client would put them.
    const first = await producer.send(topic, { key: keys[0]!, value: keys[0]! });
    const rest = await Promise.all(keys.slice(1).map((k) => producer.send(topic, { key: k, value: k })));
    const reports = [first, ...rest];
    reports.forEach(([r], i) => expect(r?.partition).toBe(murmur2Partition(Buffer.from(keys[i]!), 6)));
    await producer.disconnect();

    const routed = await kafka.producer({
      partitioner: ({ keyValue, partitionCount }) => (keyValue === 'vip' ? partitionCount - 1 : 0),
    });
    const [[vip], [other]] = await Promise.all([
      routed.send(custom, { key: 'vip', value: 'a' }),
      routed.send(custom, { key: 'x', value: 'b' }),
    ]);
    expect([vip?.partition, other?.partition]).toEqual([3, 0]);
    await routed.disconnect();
  });
});
