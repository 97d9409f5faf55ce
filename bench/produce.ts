// produce: end-to-end msgs/s to the local broker (acks=all), all impls in the same run on the bench's 7-field
// Avro order: kgen typed `send` (a promise per record) and `produce` (none), serializing each record; raw
// @confluentinc/kafka-javascript with pre-serialized buffers through its KafkaJS-style API (`raw`) and its
// callback API (`raw-native`, `raw-native-promise`), same librdkafka settings for every librdkafka client; and
// the Node peers a user would pick instead (@platformatic/kafka + avsc, KafkaJS + confluent-schema-registry).
// Then the README loop with default options vs the same loop with the limits raised (`kgen-readme-*`).
import { Producer } from '@confluentinc/kafka-javascript';
import { producerDefaults } from 'kgen';
import { createTopicSerializer, serdeContextOf } from 'kgen/serde';
import { best, medianRatio, runRounds } from './support/end-to-end';
import { report, ROUNDS } from './support/measure';
import { sample } from './support/avro-fixture';
import { benchTopic, keyOf, MESSAGES, producerConfig, rawKafka } from './support/kafka-fixture';
import { kafkajsCsr, PEER_BATCH, platformatic } from './support/produce-peers';
import { raisedLimits, README_MESSAGES, readmeLoopSeconds } from './support/readme-loop';
import { brokers } from './support/stack';
import { withOtel } from './support/otel-modes';

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
export async function rawNative(values: readonly Buffer[], withPromises: boolean): Promise<number> {
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

/**
 * kgen's typed producer with its default options (only the librdkafka settings every impl shares), serializing
 * every record (Avro value, string key) as it sends: `send` per record (a promise each), or `produce` (none).
 */
async function kgen(
  fire: boolean,
  name = fire ? 'bench-produce-fire' : 'bench-produce-kgen',
): Promise<number> {
  const { topic, kgen: client } = await benchTopic(name);
  const producer = await client.producer({ config: producerConfig, topics: [topic] });
  const start = performance.now();
  if (fire)
    for (let i = 0; i < MESSAGES; i++)
      producer.produce(topic, { key: keyOf(i), value: { ...sample, quantity: i } });
  else
    for (let i = 0; i < MESSAGES; i++)
      void producer.send(topic, { key: keyOf(i), value: { ...sample, quantity: i } });
  await producer.flush();
  const seconds = (performance.now() - start) / 1000;
  await producer.disconnect();
  return MESSAGES / seconds;
}

/**
 * kgen's array `send` in the peers' idiom: awaited sends of {@link PEER_BATCH} records, one promise each.
 * `lingerMs` overrides the shared `linger.ms` (5): each awaited batch waits it out before it is sent.
 */
async function kgenBatch(lingerMs?: number): Promise<number> {
  const { topic, kgen: client } = await benchTopic('bench-produce-batch');
  const config = lingerMs === undefined ? producerConfig : { ...producerConfig, 'linger.ms': lingerMs };
  const producer = await client.producer({ config, topics: [topic] });
  const start = performance.now();
  for (let i = 0; i < MESSAGES; i += PEER_BATCH) {
    const batch = [];
    for (let j = i; j < Math.min(MESSAGES, i + PEER_BATCH); j++)
      batch.push({ key: keyOf(j), value: { ...sample, quantity: j } });
    await producer.send(topic, batch);
  }
  const seconds = (performance.now() - start) / 1000;
  await producer.disconnect();
  return MESSAGES / seconds;
}

export async function run(): Promise<void> {
  const { topic, kgen: client } = await benchTopic('bench-produce-values');
  const serialize = await createTopicSerializer(
    serdeContextOf(client),
    topic,
    'value',
    client.topics[topic]!.value,
  );
  // The raw impls' prepared bytes exist only during their own runs: 200 000 live buffers in the heap would make
  // every other impl's garbage collections mark them too.
  const values = (): Buffer[] =>
    Array.from({ length: MESSAGES }, (_, i) => serialize({ ...sample, quantity: i }) as Buffer);
  // Each run on a fresh topic; see runRounds for the order and measure.ts for why best-of.
  const runs = await runRounds({
    kgen: () => kgen(false),
    'kgen-fire': () => kgen(true),
    'kgen-batch': () => kgenBatch(),
    'kgen-batch-linger0': () => kgenBatch(0),
    'kgen-otel-noop': () => withOtel('noop', () => kgen(false, 'bench-produce-otel-noop')),
    'kgen-otel-sdk': () => withOtel('sdk', () => kgen(false, 'bench-produce-otel-sdk')),
    raw: () => raw(values()),
    'raw-native': () => rawNative(values(), false),
    'raw-native-promise': () => rawNative(values(), true),
    platformatic: () => platformatic(MESSAGES),
    'kafkajs-csr': () => kafkajsCsr(MESSAGES),
  });
  const valueBytes = (serialize({ ...sample, quantity: 0 }) as Buffer).length;
  const common = { messages: MESSAGES, runs: ROUNDS, value_bytes: valueBytes };
  const line = (impl: keyof typeof runs, note: string, extra: Record<string, number> = {}): void =>
    report({ bench: 'produce', impl, msgs_per_s: Math.round(best(runs[impl])), ...common, ...extra, note });
  line(
    'kgen',
    'typed send per record with default options: serializes key and Avro value, a promise per record; vs_*: median of per-round ratios',
    {
      vs_raw: medianRatio(runs.kgen, runs.raw),
      vs_raw_native: medianRatio(runs.kgen, runs['raw-native']),
      vs_raw_native_promise: medianRatio(runs.kgen, runs['raw-native-promise']),
      vs_platformatic: medianRatio(runs.kgen, runs.platformatic),
      vs_kafkajs_csr: medianRatio(runs.kgen, runs['kafkajs-csr']),
    },
  );
  line(
    'kgen-fire',
    'typed produce() per record: serializes key and Avro value, no promise; flush() at the end',
    {
      vs_raw_native: medianRatio(runs['kgen-fire'], runs['raw-native']),
      vs_raw_native_promise: medianRatio(runs['kgen-fire'], runs['raw-native-promise']),
      vs_platformatic: medianRatio(runs['kgen-fire'], runs.platformatic),
    },
  );
  line(
    'kgen-batch',
    `typed array send in the peers' idiom: awaited sends of ${PEER_BATCH} records, one promise each`,
    {
      vs_platformatic: medianRatio(runs['kgen-batch'], runs.platformatic),
      vs_kafkajs_csr: medianRatio(runs['kgen-batch'], runs['kafkajs-csr']),
    },
  );
  line(
    'kgen-batch-linger0',
    'as kgen-batch with linger.ms 0: an awaited batch is sent at once instead of after the shared 5 ms linger',
    {
      vs_platformatic: medianRatio(runs['kgen-batch-linger0'], runs.platformatic),
      vs_kafkajs_csr: medianRatio(runs['kgen-batch-linger0'], runs['kafkajs-csr']),
    },
  );
  line(
    'kgen-otel-noop',
    'as kgen, with @opentelemetry/api and a registered no-op tracer: publish span per send (non-recording), no headers',
    { vs_kgen: medianRatio(runs['kgen-otel-noop'], runs.kgen) },
  );
  line(
    'kgen-otel-sdk',
    'as kgen, under the trace SDK (BatchSpanProcessor, default limits, exporter drops) + AsyncLocalStorage: a recorded publish span and a traceparent header per record',
    { vs_kgen: medianRatio(runs['kgen-otel-sdk'], runs.kgen) },
  );
  line('raw', 'KafkaJS send per record, pre-serialized buffers');
  line('raw-native', 'node-rdkafka produce + delivery-report events, pre-serialized buffers, no promises');
  line(
    'raw-native-promise',
    'as raw-native plus one promise per record settled from its delivery report (what send() returns)',
    // Whether a promise per record on this binding can reach platformatic at all, even with bytes prepared.
    { vs_platformatic: medianRatio(runs['raw-native-promise'], runs.platformatic) },
  );
  line(
    'platformatic',
    `@platformatic/kafka 2.12, avsc + 5-byte header serializer, idempotent, awaited sends of ${PEER_BATCH} records`,
  );
  line(
    'kafkajs-csr',
    `KafkaJS 2.2 + @kafkajs/confluent-schema-registry encode, idempotent, awaited sends of ${PEER_BATCH} records`,
  );
  await reportReadmeLoop();
}

/** The README loop over {@link README_MESSAGES} records: default options vs limits raised, same rounds. */
async function reportReadmeLoop(): Promise<void> {
  const seconds = await runRounds({
    'kgen-readme-defaults': () => readmeLoopSeconds(README_MESSAGES, {}),
    'kgen-readme-raised': () => readmeLoopSeconds(README_MESSAGES, raisedLimits(README_MESSAGES)),
  });
  if (seconds['kgen-readme-defaults'].length === 0) return; // left out by BENCH_ONLY
  const fastest = (s: readonly number[]): number => Math.min(...s);
  const common = { messages: README_MESSAGES, runs: ROUNDS };
  const defaults = fastest(seconds['kgen-readme-defaults']);
  const raised = fastest(seconds['kgen-readme-raised']);
  report({
    bench: 'produce',
    impl: 'kgen-readme-defaults',
    msgs_per_s: Math.round(README_MESSAGES / defaults),
    ...common,
    seconds: Math.round(defaults * 100) / 100,
    time_vs_raised: medianRatio(seconds['kgen-readme-defaults'], seconds['kgen-readme-raised']),
    note: 'README loop (void send per record, then flush) with default options (librdkafka queue 100 000, maxInFlight the same); time_vs_raised: median of per-round time ratios, target <= 1.25',
  });
  report({
    bench: 'produce',
    impl: 'kgen-readme-raised',
    msgs_per_s: Math.round(README_MESSAGES / raised),
    ...common,
    seconds: Math.round(raised * 100) / 100,
    note: 'the same loop with maxInFlight and queue.buffering.max.messages raised to the record count (no send waits)',
  });
}

if (require.main === module)
  run().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
