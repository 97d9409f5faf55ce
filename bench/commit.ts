/**
 * Consumer throughput per commit strategy: the same records consumed by a fresh group per strategy with a
 * no-op handler, timed until every record is handled AND its offset committed. One JSON line per strategy
 * (impl = strategy name). Strategies that commit synchronously per record (per-record, manual-immediate) are
 * timed over the first SLOW_RECORDS only (default 2000), or they would take minutes.
 * Env: RECORDS (default 20000), SLOW_RECORDS, KAFKA_BROKERS. Run: npx tsx bench/commit.ts
 */
import type { KafkaJS } from '@confluentinc/kafka-javascript';
import { runConsumer } from '../src/delivery/run-consumer';
import { commitStrategies, type CommitStrategy } from '../src/consumer/commit/strategy';
import { DeliveryMetrics } from '../src/metrics/delivery-metrics';
import { committed, createTopics, kafka, name, produceInput, report, sleep } from './delivery-support';
import { connectOffsetsAdmin } from '../src/consumer/committed-offsets';

const PARTITIONS = 3;
const BATCH = 500;

const strategies: readonly CommitStrategy[] = [
  commitStrategies.atMostOnce(),
  commitStrategies.perRecord(),
  commitStrategies.perBatch(),
  commitStrategies.everyN(1000),
  commitStrategies.everyT(200),
  commitStrategies.nOrT(1000, 200),
  commitStrategies.manual(200),
  commitStrategies.manualImmediate(),
];

async function measure(
  k: KafkaJS.Kafka,
  topic: string,
  all: number,
  strategy: CommitStrategy,
): Promise<void> {
  const slow = strategy.kind === 'per-record' || strategy.kind === 'manual-immediate';
  const records = slow ? Math.min(all, Number(process.env['SLOW_RECORDS'] ?? 2000)) : all;
  const groupId = name(`bench-commit-${strategy.kind}`);
  const consumer = k.consumer({
    'group.id': groupId,
    'enable.auto.commit': false,
    'auto.offset.reset': 'earliest',
  } as KafkaJS.ConsumerConstructorConfig);
  const [offsets] = await Promise.all([connectOffsetsAdmin(k), consumer.connect()]);
  const admin = offsets.admin;
  const metrics = new DeliveryMetrics();
  let handled = 0;
  const manual = strategy.kind === 'manual' || strategy.kind === 'manual-immediate';
  const t0 = performance.now();
  const run = await runConsumer({
    consumer,
    topics: [topic],
    strategy,
    metrics,
    batchSize: BATCH,
    handle: async (_record, ack) => {
      handled++;
      if (manual) await ack();
    },
  });
  while (handled < records || (await committed(admin, groupId, topic)) < records)
    await sleep(handled < records ? 5 : 20);
  const seconds = (performance.now() - t0) / 1000;
  await run.stop();
  await offsets.disconnect();
  report({
    bench: 'commit',
    impl: strategy.kind,
    msgs_per_s: records / seconds,
    records,
    seconds: +seconds.toFixed(2),
    commits: metrics.snapshot().committed,
    guarantee: strategy.kind === 'at-most-once' ? 'at-most-once' : 'at-least-once',
  });
}

export async function run(): Promise<void> {
  const records = Number(process.env['RECORDS'] ?? 20_000);
  const k = kafka();
  const topic = name('bench-commit');
  await createTopics(k, [topic], PARTITIONS);
  await produceInput(k, topic, records);
  for (const s of strategies) await measure(k, topic, records, s);
}

if (require.main === module)
  run().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
