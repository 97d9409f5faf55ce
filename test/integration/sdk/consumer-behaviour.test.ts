import { createClient, defineTopics, stringSerde } from 'kgen';
import { stackEnv, uniqueName } from '../../helpers/stack-env';
import { createTopic, order, orderTopic } from './fixtures';

jest.setTimeout(120_000);

// README ("Quickstart", SDK paragraphs) promises that had no test: a throwing handler's record is read again,
// pause() re-reads what the paused partition had not handled, stop() ends after the running handler and keeps
// the connection, `js.consumer.max.batch.size` bounds a batch, and produce() throws a bad value at the call.
describe('typed SDK on the real stack: consumer behaviour the README promises', () => {
  const { brokers, registryUrl } = stackEnv();
  const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

  async function stringTopic(
    prefix: string,
    values: readonly string[],
    config: Readonly<Record<string, number>> = {},
  ) {
    const topic = uniqueName(prefix);
    await createTopic(brokers, topic);
    const topics = defineTopics({ [topic]: { key: stringSerde, value: stringSerde } } as const);
    const kafka = createClient({ brokers, registry: { url: registryUrl }, topics, logLevel: 'nothing' });
    const producer = await kafka.producer({ topics: [topic] });
    await producer.send(
      topic,
      values.map((v) => ({ key: v, value: v })),
    );
    await producer.disconnect();
    const consumer = await kafka.consumer({
      groupId: uniqueName('g'),
      topics: [topic],
      fromBeginning: true,
      config,
    });
    return { topic, kafka, consumer };
  }

  async function until(what: string, done: () => boolean): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(50);
    }
  }

  it('a handler that throws has its record read again (nothing after it is skipped)', async () => {
    const { consumer } = await stringTopic('sdk-throw', ['a', 'b', 'c']);
    const seen: string[] = [];
    let failed = false;
    await consumer.run({
      eachMessage: async (m) => {
        seen.push(m.value);
        if (m.value === 'b' && !failed) {
          failed = true;
          throw new Error('transient');
        }
      },
    });
    await until('a, b (failed), b, c', () => seen.length >= 4);
    await sleep(300);
    await consumer.disconnect();
    expect(seen).toEqual(['a', 'b', 'b', 'c']);
  });

  it('pause() mid-batch: the records the paused partition had not handled are read after resume()', async () => {
    const values = Array.from({ length: 10 }, (_, i) => `v${i}`);
    const { topic, consumer } = await stringTopic('sdk-pause', values);
    const seen: string[] = [];
    await consumer.run({
      eachMessage: async (m) => {
        seen.push(m.value);
        if (m.value === 'v2') {
          consumer.pause([{ topic }]);
          setTimeout(() => consumer.resume([{ topic }]), 500);
        }
      },
    });
    await until('all 10 values', () => seen.length >= values.length);
    await sleep(300);
    await consumer.disconnect();
    expect(seen).toEqual(values);
  });

  // Batches of 5 records: the next batch is prefetched while one is handled, so these position changes land while
  // a prefetch is out. Each must neither skip nor repeat a record.
  const inSmallBatches = { 'js.consumer.max.batch.size': 5 };

  it('pause() with the next batch prefetched: after resume() every record once, in order', async () => {
    const values = Array.from({ length: 40 }, (_, i) => `v${i}`);
    const { topic, consumer } = await stringTopic('sdk-prefetch-pause', values, inSmallBatches);
    const seen: string[] = [];
    await consumer.run({
      eachMessage: async (m) => {
        seen.push(m.value);
        if (m.value === 'v7' || m.value === 'v24') {
          await sleep(50); // the prefetch has arrived by now
          consumer.pause([{ topic }]);
          setTimeout(() => consumer.resume([{ topic }]), 300);
        }
      },
    });
    await until('all 40 values', () => seen.length >= values.length);
    await sleep(500);
    await consumer.disconnect();
    expect(seen).toEqual(values);
  });

  it('seek() with the next batch prefetched: reading goes on from the sought offset, nothing prefetched leaks', async () => {
    const values = Array.from({ length: 30 }, (_, i) => `v${i}`);
    const { topic, consumer } = await stringTopic('sdk-prefetch-seek', values, inSmallBatches);
    const seen: string[] = [];
    let sought = false;
    await consumer.run({
      eachMessage: async (m) => {
        seen.push(m.value);
        if (m.value === 'v12' && !sought) {
          sought = true;
          await sleep(50);
          consumer.seek({ topic, partition: 0, offset: 3 });
        }
      },
    });
    await until('the values after the seek', () => seen.length >= 13 + 27);
    await sleep(500);
    await consumer.disconnect();
    expect(seen).toEqual([...values.slice(0, 13), ...values.slice(3)]);
  });

  it('stop() with the next batch prefetched, then run() again: every record once, in order', async () => {
    const values = Array.from({ length: 30 }, (_, i) => `v${i}`);
    const { consumer } = await stringTopic('sdk-prefetch-stop', values, inSmallBatches);
    const seen: string[] = [];
    let stopping: Promise<void> | undefined;
    await consumer.run({
      eachMessage: async (m) => {
        seen.push(m.value);
        if (m.value === 'v8') {
          await sleep(50);
          stopping = consumer.stop();
        }
      },
    });
    await until('stop asked', () => stopping !== undefined);
    await stopping;
    expect(seen).toEqual(values.slice(0, 9));
    await consumer.run({ eachMessage: async (m) => void seen.push(m.value) });
    await until('all 30 values', () => seen.length >= values.length);
    await sleep(500);
    await consumer.disconnect();
    expect(seen).toEqual(values);
  });

  it('stop() resolves after the running handler finished and keeps the connection (run again goes on)', async () => {
    const { topic, kafka, consumer } = await stringTopic('sdk-stop', ['a', 'b', 'c']);
    const events: string[] = [];
    await consumer.run({
      eachMessage: async (m) => {
        events.push(`start ${m.value}`);
        if (m.value === 'a') await sleep(500);
        events.push(`end ${m.value}`);
      },
    });
    await until('a started', () => events.length > 0);
    await consumer.stop();
    events.push('stopped');
    expect(events).toEqual(['start a', 'end a', 'stopped']);
    // Still connected: new records reach a new run without a new connect().
    const producer = await kafka.producer({ topics: [topic] });
    await producer.send(topic, { key: 'd', value: 'd' });
    await producer.disconnect();
    const later: string[] = [];
    await consumer.run({ eachMessage: async (m) => void later.push(m.value) });
    await until('d after the restart', () => later.includes('d'));
    await consumer.disconnect();
  });

  it('`js.consumer.max.batch.size` in config bounds an eachBatch batch', async () => {
    const values = Array.from({ length: 30 }, (_, i) => `v${i}`);
    const { consumer } = await stringTopic('sdk-batch-size', values, { 'js.consumer.max.batch.size': 7 });
    const sizes: number[] = [];
    await consumer.run({ eachBatch: async (b) => void sizes.push(b.messages.length) });
    await until('30 records', () => sizes.reduce((a, b) => a + b, 0) >= values.length);
    await consumer.disconnect();
    expect(Math.max(...sizes)).toBeLessThanOrEqual(7);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(values.length);
  });

  it('produce() throws a value its schema refuses at the call (it serializes there)', async () => {
    const { topic, kafka } = await orderTopic(brokers, registryUrl, 'sdk-produce-bad', 1);
    const producer = await kafka.producer({ topics: [topic] });
    const bad = { ...order(1), amount: 'not a number' } as unknown as ReturnType<typeof order>;
    expect(() => producer.produce(topic, { key: { id: 'x' }, value: bad })).toThrow(/amount/);
    await producer.flush();
    await producer.disconnect();
  });
});
