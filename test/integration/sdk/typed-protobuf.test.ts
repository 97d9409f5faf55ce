import { createClient, defineTopics, stringSerde } from 'kgen';
import { stackEnv, uniqueName } from '../../helpers/stack-env';
import { createTopic, readingDescriptor, type Reading } from './fixtures';

jest.setTimeout(60_000);

describe('typed SDK on the real stack: Protobuf values, batches, pause/resume and seek', () => {
  const { brokers, registryUrl } = stackEnv();

  it('sends Protobuf values framed with message indexes and reads them with eachBatch', async () => {
    const topic = uniqueName('sdk-proto');
    await createTopic(brokers, topic, 2);
    const topics = defineTopics({ [topic]: { key: stringSerde, value: readingDescriptor } } as const);
    const kafka = createClient({
      brokers,
      registry: { url: registryUrl },
      topics,
      schemas: { autoRegister: true },
    });
    const producer = await kafka.producer();
    const readings: Reading[] = Array.from({ length: 25 }, (_, i) => ({
      sensorId: `s-${i % 3}`,
      celsius: 20 + i / 4,
      seq: BigInt(i) << 40n,
      tags: i % 2 ? ['odd'] : [],
    }));
    await producer.send(
      topic,
      readings.map((r) => ({ key: r.sensorId, value: r })),
    );
    await producer.disconnect();

    const consumer = await kafka.consumer({ groupId: uniqueName('g'), topics: [topic], fromBeginning: true });
    const got: Reading[] = [];
    let framed: Buffer | null = null;
    await consumer.run({
      eachBatch: async (batch) => {
        for (const m of batch.messages) {
          got.push(m.value);
          framed = m.raw.value;
        }
      },
    });
    const deadline = Date.now() + 30_000;
    while (got.length < readings.length && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    await consumer.disconnect();
    expect(got.sort((a, b) => Number(a.seq - b.seq))).toEqual(readings);
    // Reading is the second message of its file: message indexes [1] → count 1, index 1 (zigzag 2).
    expect([...framed!.subarray(5, 7)]).toEqual([2, 2]);
  });

  it('pauses and resumes a topic, and seeks back to re-read a partition', async () => {
    const topic = uniqueName('sdk-seek');
    await createTopic(brokers, topic);
    const topics = defineTopics({ [topic]: { key: stringSerde, value: stringSerde } } as const);
    const kafka = createClient({ brokers, registry: { url: registryUrl }, topics });
    const producer = await kafka.producer();
    await producer.send(
      topic,
      ['a', 'b', 'c'].map((v) => ({ key: v, value: v })),
    );
    await producer.disconnect();

    const consumer = await kafka.consumer({ groupId: uniqueName('g'), topics: [topic], fromBeginning: true });
    const seen: string[] = [];
    let sought = false;
    await consumer.run({
      eachMessage: async (m) => {
        seen.push(m.value);
        if (m.value === 'c' && !sought) {
          sought = true;
          consumer.pause([{ topic }]);
          setTimeout(() => {
            consumer.seek({ topic, partition: 0, offset: 1 });
            consumer.resume([{ topic }]);
          }, 300);
        }
      },
    });
    const deadline = Date.now() + 30_000;
    while (seen.length < 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await consumer.disconnect();
    expect(seen).toEqual(['a', 'b', 'c', 'b', 'c']);
  });
});
