import { createClient, defineTopics, stringSerde } from 'kgen';
import { stackEnv, uniqueName } from '../../helpers/stack-env';
import { createTopic } from './fixtures';

jest.setTimeout(90_000);

const until = async (what: string, check: () => boolean, timeoutMs = 45_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe('typed SDK on the real stack: rebalances', () => {
  const { brokers, registryUrl } = stackEnv();

  it('a second consumer joining the group takes partitions over: the first gives them up (revocation), both go on, nothing is lost', async () => {
    const topic = uniqueName('sdk-rebalance');
    await createTopic(brokers, topic, 4);
    const topics = defineTopics({ [topic]: { key: stringSerde, value: stringSerde } } as const);
    const kafka = createClient({ brokers, registry: { url: registryUrl }, topics });
    const producer = await kafka.producer();
    const send = (from: number, to: number): Promise<unknown> =>
      producer.send(
        topic,
        Array.from({ length: to - from }, (_, i) => ({ key: `k${from + i}`, value: String(from + i) })),
      );
    await send(0, 200);

    const groupId = uniqueName('g-rebalance');
    const seen = { a: new Set<string>(), b: new Set<string>() };
    const first = await kafka.consumer({ groupId, topics: [topic], fromBeginning: true });
    await first.run({
      eachMessage: async (m) => {
        seen.a.add(m.value);
      },
    });
    await until('the first consumer to read the first 200', () => seen.a.size >= 200);

    const second = await kafka.consumer({ groupId, topics: [topic], fromBeginning: true });
    await second.run({
      eachMessage: async (m) => {
        seen.b.add(m.value);
      },
    });
    // The group rebalances: the first consumer must give partitions up for the second to get any.
    for (let batch = 200; seen.b.size === 0 && batch < 2000; batch += 100) {
      await send(batch, batch + 100);
      await new Promise((r) => setTimeout(r, 1000));
    }
    expect(seen.b.size).toBeGreaterThan(0);
    const before = seen.a.size;
    await send(5000, 5400);
    const all = (): Set<string> => new Set([...seen.a, ...seen.b]);
    await until('the last 400 to arrive', () =>
      Array.from({ length: 400 }, (_, i) => String(5000 + i)).every((v) => all().has(v)),
    );
    await Promise.all([first.disconnect(), second.disconnect()]);
    await producer.disconnect();
    // Both kept consuming after the rebalance: the first one still reads the partitions it kept.
    expect(seen.a.size).toBeGreaterThan(before);
    expect(Array.from({ length: 200 }, (_, i) => String(i)).every((v) => all().has(v))).toBe(true);
  });
});
