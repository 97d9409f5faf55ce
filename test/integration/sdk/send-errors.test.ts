import { BrokerError, createClient, defineTopics, stringSerde } from 'kgen';
import { stackEnv, uniqueName } from '../../helpers/stack-env';
import { collect, createTopic, rawKafka } from './fixtures';

jest.setTimeout(60_000);

describe('typed producer on the real broker: refused records', () => {
  const { brokers, registryUrl } = stackEnv();

  it('rejects a record for a partition the topic does not have with a BrokerError, and loses no other record', async () => {
    const topic = uniqueName('sdk-refused');
    await createTopic(brokers, topic, 2);
    const topics = defineTopics({ [topic]: { key: stringSerde, value: stringSerde } } as const);
    const kafka = createClient({ brokers, registry: { url: registryUrl }, topics, logLevel: 'error' });
    const producer = await kafka.producer({ topics: [topic] });
    // Metadata first, so librdkafka knows the partition count when the bad record arrives.
    await producer.send(topic, { key: 'warm-up', value: 'warm-up', partition: 0 });

    const good = ['a', 'b', 'c'].map((v) => producer.send(topic, { key: v, value: v }));
    const bad = producer.send(topic, { key: 'x', value: 'x', partition: 7 });
    const err: unknown = await bad.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BrokerError);
    expect(err).toMatchObject({ operation: 'send', topic, partition: 7 });
    expect((err as Error).message).toMatch(/partition 7: Local: Unknown partition/);
    await expect(Promise.all(good)).resolves.toHaveLength(3);
    // flush() reports the failure once; the producer keeps working afterwards.
    await expect(producer.flush()).rejects.toBe(err);
    await expect(producer.send(topic, { key: 'd', value: 'd' })).resolves.toHaveLength(1);
    await producer.disconnect();

    const consumer = await kafka.consumer({ groupId: uniqueName('g'), topics: [topic], fromBeginning: true });
    const got = await collect(consumer, 5);
    expect(got.map((m) => m.value).sort()).toEqual(['a', 'b', 'c', 'd', 'warm-up']);
  });

  it('reports a broker-refused promise-free record (produce) to onProduceError and flush, naming topic and partition', async () => {
    // produce() hands records over without an opaque: its delivery report must still find the producer.
    const topic = uniqueName('sdk-refused-fire');
    const admin = rawKafka(brokers).admin();
    await admin.connect();
    await admin.createTopics({
      topics: [
        {
          topic,
          numPartitions: 1,
          replicationFactor: 1,
          configEntries: [{ name: 'max.message.bytes', value: '200' }],
        },
      ],
    });
    await admin.disconnect();
    const topics = defineTopics({ [topic]: { key: stringSerde, value: stringSerde } } as const);
    const kafka = createClient({ brokers, registry: { url: registryUrl }, topics, logLevel: 'error' });
    const seen: Error[] = [];
    const producer = await kafka.producer({ topics: [topic], onProduceError: (e) => void seen.push(e) });
    producer.produce(topic, { key: 'small', value: 'fits' });
    await producer.flush();
    producer.produce(topic, { key: 'big', value: 'x'.repeat(1000) }); // the broker refuses the batch
    const err: unknown = await producer.flush().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BrokerError);
    expect(err).toMatchObject({ operation: 'send', topic, partition: 0 });
    expect(seen).toEqual([err]);
    producer.produce(topic, { key: 'after', value: 'fits too' });
    await expect(producer.flush()).resolves.toBeUndefined();
    await producer.disconnect();

    const consumer = await kafka.consumer({ groupId: uniqueName('g'), topics: [topic], fromBeginning: true });
    const got = await collect(consumer, 2);
    expect(got.map((m) => m.value)).toEqual(['fits', 'fits too']);
  });
});
