import { createClient, defineTopics, stringSerde } from 'kgen';
import { dedicatedBroker } from '../../helpers/dedicated-broker';
import { consumeUntilIdle } from '../../helpers/consume';
import { stackEnv, uniqueName } from '../../helpers/stack-env';
import { createTopics, kafkaFor, sleep } from './support';

jest.setTimeout(400_000);

const RECORDS = 30_000;
/** librdkafka's queue: far smaller than what is sent during the outage, so it fills and stays full. */
const QUEUE = 2_000;
const OUTAGE_MS = 8_000;
/** Longer than the whole outage: nothing may fail before it. */
const DELIVERY_TIMEOUT_MS = 240_000;

describe('delivery: fire-and-forget producer across a broker outage longer than the queue fills', () => {
  // A private broker (port range 29100-29199 of this work): stopping the shared one would break other tests.
  const broker = dedicatedBroker(Number(process.env['KGEN_OUTAGE_KAFKA_PORT'] ?? 29100));
  beforeAll(() => broker.start(), 120_000);
  afterAll(() => broker.destroy());

  it(`${RECORDS} records (void send and produce) during the outage: none fails, each read exactly once`, async () => {
    const kafka = kafkaFor(broker.brokers);
    const topic = uniqueName('dlv-outage');
    await createTopics(kafka, [topic], 3);
    const client = createClient({
      brokers: broker.brokers,
      registry: { url: stackEnv().registryUrl },
      topics: defineTopics({ [topic]: { key: stringSerde, value: stringSerde } }),
      logLevel: 'error',
    });
    const failures: unknown[] = [];
    const producer = await client.producer({
      topics: [topic],
      // Default options: kgen sets no in-flight limit of its own, so librdkafka says "Queue full" during the
      // outage: the full queue must be backpressure, not a failure.
      config: {
        'queue.buffering.max.messages': QUEUE,
        'message.timeout.ms': DELIVERY_TIMEOUT_MS,
        'transaction.timeout.ms': DELIVERY_TIMEOUT_MS,
      },
      onProduceError: (err) => void failures.push(err),
    });
    await producer.send(topic, { key: 'warm-up', value: 'warm-up' }); // connected, metadata known

    await broker.kill();
    for (let i = 0; i < RECORDS; i++) {
      const record = { key: String(i), value: String(i) };
      if (i % 2 === 0) void producer.send(topic, record).catch((err: unknown) => void failures.push(err));
      else producer.produce(topic, record);
    }
    let flushed: 'pending' | 'resolved' | 'rejected' = 'pending';
    const flushing = producer.flush().then(
      () => void (flushed = 'resolved'),
      (err: unknown) => {
        flushed = 'rejected';
        throw err;
      },
    );
    await sleep(OUTAGE_MS);
    // The outage held the records back (librdkafka's queue is full, the rest wait in the producer) and nothing
    // failed: before the fix, every record past the queue was rejected with "Local: Queue full" at once.
    expect({ flushed, failures: failures.length }).toEqual({ flushed: 'pending', failures: 0 });

    await broker.start();
    await flushing;
    expect(failures).toEqual([]);
    await producer.disconnect();

    const got = await consumeUntilIdle(kafka, {
      topic,
      isolation: 'read_committed',
      expectAtLeast: RECORDS + 1,
      idleMs: 3000,
      timeoutMs: 120_000,
    });
    const counts = new Map<string, number>();
    for (const m of got) counts.set(m.key!.toString(), (counts.get(m.key!.toString()) ?? 0) + 1);
    counts.delete('warm-up');
    const lost = [...Array(RECORDS).keys()].filter((i) => !counts.has(String(i))).length;
    const duplicated = [...counts.values()].filter((c) => c > 1).length;
    expect({ read: got.length, lost, duplicated }).toEqual({ read: RECORDS + 1, lost: 0, duplicated: 0 });
  });
});
