// produce: end-to-end msgs/s to the local broker (acks), pipelined sends — kgen typed (serializing each
// record) vs raw @confluentinc/kafka-javascript sending pre-serialized buffers through its KafkaJS-style API
// (`raw`) and its callback API (`raw-native`), same librdkafka settings.
import { Producer } from '@confluentinc/kafka-javascript';
import { createTopicSerializer, producerDefaults } from 'kgen';
import { best, medianRatio, runRounds } from './support/end-to-end';
import { report, ROUNDS } from './support/measure';
import { sample } from './support/avro-fixture';
import { benchTopic, keyOf, MESSAGES, producerConfig, rawKafka } from './support/kafka-fixture';
import { brokers } from './support/stack';

/** KafkaJS-style `send` per record (the API most users of the package write), pre-serialized buffers. */
async function raw(values: readonly Buffer[]): Promise<number> {
  const { topic } = await benchTopic('bench-produce-raw');
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

/** A promise per record, settled from the delivery report through the produce call's opaque. */
function promisePerRecord(
  produce: (i: number, opaque: { resolve(): void; reject(err: Error): void }) => void,
  i: number,
): Promise<void> {
  return new Promise<void>((resolve, reject) => produce(i, { resolve, reject }));
}

/**
 * The package's callback API (node-rdkafka `Producer.produce` + delivery-report events): the floor under
 * both, since kgen produces through it too. `withPromises` adds what kgen's contract needs on top: one promise
 * per record, settled from its delivery report.
 */
async function rawNative(values: readonly Buffer[], withPromises: boolean): Promise<number> {
  const { topic } = await benchTopic('bench-produce-native');
  const producer = new Producer({
    'metadata.broker.list': brokers,
    dr_cb: true,
    ...producerDefaults,
    ...producerConfig,
  });
  await new Promise<void>((resolve, reject) =>
    producer.connect({}, (err) => (err ? reject(new Error(err.message)) : resolve())),
  );
  producer.setPollInBackground(true);
  let delivered = 0;
  let failure: Error | undefined;
  const done = new Promise<void>((resolve) =>
    producer.on('delivery-report', (err, report) => {
      if (err) failure ??= new Error(err.message);
      const opaque = report.opaque as { resolve(): void } | undefined;
      opaque?.resolve();
      if (++delivered === values.length) resolve();
    }),
  );
  const produce = (i: number, opaque?: object): void =>
    void producer.produce(topic, null, values[i]!, keyOf(i), 0, opaque);
  const start = performance.now();
  if (withPromises) for (let i = 0; i < values.length; i++) void promisePerRecord(produce, i);
  else for (let i = 0; i < values.length; i++) produce(i);
  await done;
  const seconds = (performance.now() - start) / 1000;
  await new Promise<void>((resolve) => producer.disconnect(() => resolve()));
  if (failure) throw failure;
  return values.length / seconds;
}

/** kgen's typed producer, serializing every record (Avro value, string key) as it sends. */
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
  const { topic, kgen: client } = await benchTopic('bench-produce-values');
  const serialize = await createTopicSerializer(client.serde, topic, 'value', client.topics[topic]!.value);
  const values = Array.from({ length: MESSAGES }, (_, i) => serialize({ ...sample, quantity: i }) as Buffer);
  // Each run on a fresh topic; see runRounds for the order and measure.ts for why best-of.
  const runs = await runRounds({
    kgen,
    raw: () => raw(values),
    'raw-native': () => rawNative(values, false),
    'raw-native-promise': () => rawNative(values, true),
  });
  const common = { messages: MESSAGES, runs: ROUNDS, value_bytes: values[0]!.length };
  report({
    bench: 'produce',
    impl: 'kgen',
    msgs_per_s: Math.round(best(runs.kgen)),
    ...common,
    vs_raw: medianRatio(runs.kgen, runs.raw),
    vs_raw_native: medianRatio(runs.kgen, runs['raw-native']),
    vs_raw_native_promise: medianRatio(runs.kgen, runs['raw-native-promise']),
    note: 'typed send per record: serializes key and Avro value, a promise per record; vs_*: median of per-round ratios',
  });
  report({
    bench: 'produce',
    impl: 'raw',
    msgs_per_s: Math.round(best(runs.raw)),
    ...common,
    note: 'KafkaJS send per record, pre-serialized buffers',
  });
  report({
    bench: 'produce',
    impl: 'raw-native',
    msgs_per_s: Math.round(best(runs['raw-native'])),
    ...common,
    note: 'node-rdkafka produce + delivery-report events, pre-serialized buffers, no promises',
  });
  report({
    bench: 'produce',
    impl: 'raw-native-promise',
    msgs_per_s: Math.round(best(runs['raw-native-promise'])),
    ...common,
    note: 'as raw-native plus one promise per record settled from its delivery report (what send() returns)',
  });
}

if (require.main === module)
  run().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
