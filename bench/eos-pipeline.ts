/**
 * Exactly-once pipeline throughput: kgen's batched-transaction pipeline (`kgen-eos`) vs a plain,
 * non-transactional consume → transform → produce loop (`plain-loop`) on the same input, same transform,
 * same broker. Target: kgen-eos ≥ 50 % of plain-loop. One JSON line per impl. Env: RECORDS (default 50000),
 * KAFKA_BROKERS (default the local stack). Run: npx tsx bench/eos-pipeline.ts
 */
import type { KafkaJS } from '@confluentinc/kafka-javascript';
import { producerDefaults } from '../src/producer/presets';
import { createPipeline } from '../src/pipeline/eos-pipeline';
import type { RecordSerde } from '../src/producer/record-serde';
import { bytesSerde, defineTopics, stringSerde } from '../src/topics';
import { committed, createTopics, kafka, name, produceInput, report, sleep } from './delivery-support';
import { connectOffsetsAdmin } from '../src/consumer/committed-offsets';

const PARTITIONS = 3;

interface In {
  id: number;
  n: number;
  note: string;
}
const transformValue = (v: In): { id: number; doubled: number } => ({ id: v.id, doubled: v.n * 2 });

const jsonSerde: RecordSerde = {
  encode: (_t, key, value) => ({
    key: key === null ? null : Buffer.from(String(key)),
    value: Buffer.from(JSON.stringify(value)),
  }),
  decode: (r) => ({ key: r.key?.toString() ?? null, value: JSON.parse(r.value!.toString()) as unknown }),
};

async function plainLoop(k: KafkaJS.Kafka, input: string, records: number): Promise<number> {
  const output = name('bench-plain-out');
  await createTopics(k, [output], PARTITIONS);
  const producer = k.producer({ ...producerDefaults });
  await producer.connect();
  const consumer = k.consumer({
    'group.id': name('bench-plain'),
    'auto.offset.reset': 'earliest',
    'js.consumer.max.batch.size': 5000, // same fetch batch as the pipeline
  } as KafkaJS.ConsumerConstructorConfig);
  await consumer.connect();
  await consumer.subscribe({ topics: [input] });
  let acked = 0;
  const t0 = performance.now();
  await consumer.run({
    eachBatch: async ({ batch }) => {
      const messages = batch.messages.map((m) => ({
        key: m.key,
        value: JSON.stringify(transformValue(JSON.parse(m.value!.toString()) as In)),
      }));
      await producer.send({ topic: output, messages });
      acked += messages.length;
    },
  });
  while (acked < records) await sleep(5);
  const seconds = (performance.now() - t0) / 1000;
  await consumer.disconnect();
  await producer.disconnect();
  return seconds;
}

async function kgenEos(k: KafkaJS.Kafka, input: string, records: number): Promise<number> {
  const output = name('bench-eos-out');
  await createTopics(k, [output], PARTITIONS);
  const topics = defineTopics({
    [input]: { key: stringSerde, value: bytesSerde },
    [output]: { key: stringSerde, value: bytesSerde },
  });
  const groupId = name('bench-eos');
  const offsets = await connectOffsetsAdmin(k);
  const admin = offsets.admin;
  const t0 = performance.now();
  const pipeline = await createPipeline({
    kafka: k,
    topics,
    from: [input],
    to: [output],
    groupId,
    serde: jsonSerde,
    batch: { maxRecords: 5000, maxMs: 100 },
    transform: (r) => [
      { topic: output, key: r.key, value: transformValue(r.value as unknown as In) as unknown as Buffer },
    ],
  });
  while ((await committed(admin, groupId, input)) < records) await sleep(20);
  const seconds = (performance.now() - t0) / 1000;
  await pipeline.stop();
  await offsets.disconnect();
  return seconds;
}

export async function run(): Promise<void> {
  const records = Number(process.env['RECORDS'] ?? 50_000);
  const k = kafka();
  const input = name('bench-eos-in');
  await createTopics(k, [input], PARTITIONS);
  await produceInput(k, input, records);
  const plain = await plainLoop(k, input, records);
  const eos = await kgenEos(k, input, records);
  const plainRate = records / plain;
  const eosRate = records / eos;
  report({
    bench: 'eos-pipeline',
    impl: 'plain-loop',
    msgs_per_s: plainRate,
    records,
    seconds: +plain.toFixed(2),
    exactly_once: false,
  });
  report({
    bench: 'eos-pipeline',
    impl: 'kgen-eos',
    msgs_per_s: eosRate,
    records,
    seconds: +eos.toFixed(2),
    exactly_once: true,
    batch_records: 5000,
    batch_ms: 100,
    vs_plain: +(eosRate / plainRate).toFixed(2),
  });
}

if (require.main === module)
  run().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
