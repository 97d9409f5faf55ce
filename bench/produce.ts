// produce: end-to-end msgs/s to the local broker (acks), pipelined sends — kgen typed (serializing each
// record) vs raw @confluentinc/kafka-javascript sending pre-serialized buffers, same librdkafka settings.
import { createTopicSerializer, producerDefaults } from 'kgen';
import { ratio, report, ROUNDS } from './support/measure';
import { sample } from './support/avro-fixture';
import { benchTopic, keyOf, MESSAGES, producerConfig, rawKafka } from './support/kafka-fixture';

async function raw(topic: string, values: readonly Buffer[]): Promise<number> {
  // The same settings the kgen client gives its producers: its defaults, then the bench's batching.
  const producer = rawKafka().producer({ ...producerDefaults, ...producerConfig });
  await producer.connect();
  const start = performance.now();
  const pending: Array<Promise<unknown>> = [];
  for (let i = 0; i < values.length; i++)
    pending.push(producer.send({ topic, messages: [{ key: keyOf(i), value: values[i]! }] }));
  await Promise.all(pending);
  const seconds = (performance.now() - start) / 1000;
  await producer.disconnect();
  return values.length / seconds;
}

async function kgen(): Promise<number> {
  const { topic, kgen: client } = await benchTopic('bench-produce-kgen');
  const producer = await client.producer({ config: producerConfig, topics: [topic], maxInFlight: MESSAGES });
  const start = performance.now();
  for (let i = 0; i < MESSAGES; i++)
    void producer.send(topic, { key: keyOf(i), value: { ...sample, quantity: i } });
  await producer.flush();
  const seconds = (performance.now() - start) / 1000;
  await producer.disconnect();
  return MESSAGES / seconds;
}

export async function run(): Promise<void> {
  const { topic, kgen: client } = await benchTopic('bench-produce-raw');
  const serialize = await createTopicSerializer(client.serde, topic, 'value', client.topics[topic]!.value);
  const values = Array.from({ length: MESSAGES }, (_, i) => serialize({ ...sample, quantity: i }) as Buffer);
  // Alternate ROUNDS times and keep each impl's best run: the machine is shared, so single runs are noisy.
  const rawRuns: number[] = [];
  const kgenRuns: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    rawRuns.push(await raw(topic, values));
    kgenRuns.push(await kgen());
  }
  const rawBest = Math.max(...rawRuns);
  const kgenBest = Math.max(...kgenRuns);
  const common = { messages: MESSAGES, runs: ROUNDS, value_bytes: values[0]!.length };
  report({
    bench: 'produce',
    impl: 'kgen',
    msgs_per_s: Math.round(kgenBest),
    ...common,
    vs_raw: ratio(kgenBest, rawBest),
  });
  report({
    bench: 'produce',
    impl: 'raw',
    msgs_per_s: Math.round(rawBest),
    ...common,
    note: 'pre-serialized buffers',
  });
}

if (require.main === module)
  run().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
