// consume: end-to-end msgs/s from the local broker, decoding key (string) + value (the 7-field Avro order, 50-52
// bytes framed) — kgen typed eachMessage beside the floors and the Node peers, all in the same run:
//   raw-native   librdkafka's batch call (consume(1000)) of @confluentinc/kafka-javascript, undecoded
//   raw-native-decode  the same loop decoding key and value (avsc), no handler: a decoding consumer's floor
//   raw          its KafkaJS-style eachMessage (kgen's path before), undecoded
//   platformatic @platformatic/kafka consumer stream + avsc after the 5-byte header
//   kafkajs-csr  KafkaJS 2.2 eachMessage + @kafkajs/confluent-schema-registry
// Every librdkafka client gets the same settings. Timed from the first record to the last.
import { createTopicSerializer, serdeContextOf } from 'kgen/serde';
import { best, medianRatio, runRounds } from './support/end-to-end';
import { report, ROUNDS } from './support/measure';
import { sample, type BenchOrder } from './support/avro-fixture';
import {
  Counter,
  group,
  kafkajsCsrRun,
  platformaticRun,
  rawEachMessageRun,
  rawNativeRun,
} from './support/consume-peers';
import { benchTopic, keyOf, MESSAGES, producerConfig, rawKafka } from './support/kafka-fixture';
import { withOtel } from './support/otel-modes';

/** Writes the input: framed by kgen's serializer, sent in large KafkaJS batches. */
async function writeInput(
  topic: string,
  kgen: Awaited<ReturnType<typeof benchTopic>>['kgen'],
): Promise<void> {
  const serialize = await createTopicSerializer(
    serdeContextOf(kgen),
    topic,
    'value',
    kgen.topics[topic]!.value,
  );
  const producer = rawKafka().producer(producerConfig);
  await producer.connect();
  const chunk = 10_000;
  for (let i = 0; i < MESSAGES; i += chunk) {
    const messages = [];
    for (let j = i; j < Math.min(MESSAGES, i + chunk); j++)
      messages.push({ key: keyOf(j), value: (await serialize({ ...sample, quantity: j })) as Buffer });
    await producer.send({ topic, messages });
  }
  await producer.disconnect();
}

export async function run(): Promise<void> {
  const { topic, kgen } = await benchTopic('bench-consume');
  await writeInput(topic, kgen);

  const kgenRun = async (): Promise<number> => {
    const consumer = await kgen.consumer({ groupId: group(), topics: [topic], fromBeginning: true });
    const c = new Counter();
    let sum = 0;
    await consumer.run({
      eachMessage: async (m) => {
        if (m.key !== null) sum += (m.value as BenchOrder).quantity;
        c.hit();
      },
    });
    const rate = await c.done;
    await consumer.disconnect();
    return sum > 0 ? rate : 0;
  };
  /** eachBatch: the decoded records of a fetch's partition in one synchronous loop (no promise per record). */
  const kgenBatchRun = async (): Promise<number> => {
    const consumer = await kgen.consumer({ groupId: group(), topics: [topic], fromBeginning: true });
    const c = new Counter();
    let sum = 0;
    await consumer.run({
      eachBatch: async ({ messages }) => {
        for (const m of messages) {
          if (m.key !== null) sum += (m.value as BenchOrder).quantity;
          c.hit();
        }
      },
    });
    const rate = await c.done;
    await consumer.disconnect();
    return sum > 0 ? rate : 0;
  };
  const runs = await runRounds({
    kgen: kgenRun,
    'kgen-batch': kgenBatchRun,
    'kgen-otel-noop': () => withOtel('noop', kgenRun),
    'kgen-otel-sdk': () => withOtel('sdk', kgenRun),
    'raw-native': () => rawNativeRun(topic),
    'raw-native-decode': () => rawNativeRun(topic, true),
    raw: () => rawEachMessageRun(topic),
    platformatic: () => platformaticRun(topic),
    'kafkajs-csr': () => kafkajsCsrRun(topic),
  });
  const common = { messages: MESSAGES, runs: ROUNDS };
  report({
    bench: 'consume',
    impl: 'kgen',
    msgs_per_s: Math.round(best(runs.kgen)),
    ...common,
    vs_raw: medianRatio(runs.kgen, runs.raw),
    vs_raw_native: medianRatio(runs.kgen, runs['raw-native']),
    vs_raw_native_decode: medianRatio(runs.kgen, runs['raw-native-decode']),
    vs_platformatic: medianRatio(runs.kgen, runs.platformatic),
    vs_kafkajs_csr: medianRatio(runs.kgen, runs['kafkajs-csr']),
    note: 'typed eachMessage on the native batch loop, decodes string key and Avro value; ratios: median of per-round ratios',
  });
  report({
    bench: 'consume',
    impl: 'kgen-batch',
    msgs_per_s: Math.round(best(runs['kgen-batch'])),
    ...common,
    vs_raw_native: medianRatio(runs['kgen-batch'], runs['raw-native']),
    vs_raw_native_decode: medianRatio(runs['kgen-batch'], runs['raw-native-decode']),
    vs_platformatic: medianRatio(runs['kgen-batch'], runs.platformatic),
    vs_kafkajs_csr: medianRatio(runs['kgen-batch'], runs['kafkajs-csr']),
    note: 'typed eachBatch: the same decoding, one synchronous loop over each batch (no promise per record)',
  });
  report({
    bench: 'consume',
    impl: 'kgen-otel-noop',
    msgs_per_s: Math.round(best(runs['kgen-otel-noop'])),
    ...common,
    vs_kgen: medianRatio(runs['kgen-otel-noop'], runs.kgen),
    note: 'as kgen, with @opentelemetry/api and a registered no-op tracer: receive span per fetch, process span per record (non-recording)',
  });
  report({
    bench: 'consume',
    impl: 'kgen-otel-sdk',
    msgs_per_s: Math.round(best(runs['kgen-otel-sdk'])),
    ...common,
    vs_kgen: medianRatio(runs['kgen-otel-sdk'], runs.kgen),
    note: 'as kgen, under the trace SDK (BatchSpanProcessor, default limits, exporter drops) + AsyncLocalStorage: a recorded process span per record, the handler in its context',
  });
  const peers = {
    'raw-native': 'librdkafka consume(1000) batches, undecoded',
    'raw-native-decode':
      'the same loop decoding as platformatic does (key string, avsc after the 5-byte header): the floor of a decoding consumer on this binding',
    raw: 'KafkaJS-style eachMessage of @confluentinc/kafka-javascript, undecoded',
    platformatic: '@platformatic/kafka consumer stream, string key, avsc after the 5-byte header',
    'kafkajs-csr': 'KafkaJS 2.2 eachMessage + @kafkajs/confluent-schema-registry decode',
  } as const;
  for (const [impl, note] of Object.entries(peers) as Array<[keyof typeof peers, string]>)
    report({ bench: 'consume', impl, msgs_per_s: Math.round(best(runs[impl])), ...common, note });
  // Whether a librdkafka-binding consumer can reach platformatic at all: its undecoded floor against it.
  report({
    bench: 'consume',
    impl: 'raw-native-vs-platformatic',
    msgs_per_s: Math.round(best(runs['raw-native'])),
    ...common,
    vs_platformatic: medianRatio(runs['raw-native'], runs.platformatic),
    vs_raw_native_decode_platformatic: medianRatio(runs['raw-native-decode'], runs.platformatic),
  });
}

if (require.main === module)
  run().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
