// windowed-count: an exactly-once tumbling-window count (1-minute windows per key, event time = the record
// timestamp) over the same 200 000 keyed input records, for each impl in the same run on the same broker:
// `kafka-streams` (bench/streams-java, Kafka Streams with exactly_once_v2, built with Maven), `kgen`
// (bench/support/windowed-count-kgen.ts: kgen streams on LMDB stores, every update written) and `kgen-cached`
// (the same with the record cache on, as Kafka Streams runs by default).
// msgs/s = input records / (append time of the last output record - of the first); the output topic uses
// LogAppendTime and is read back read_committed by the bench itself. Each impl's final counts are checked
// against an independent count of the generated input (`counts_match`). Env: BENCH_MESSAGES (records).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { KafkaJS } from '@confluentinc/kafka-javascript';
import { selected } from './support/end-to-end';
import { report, type BenchResult } from './support/measure';
import { rawKafka } from './support/kafka-fixture';
import { brokers, registryUrl, unique } from './support/stack';
import { streamsJavaClasspath } from './support/streams-java';
import { kgenStreamsMissing, runKgenWindowedCount } from './support/windowed-count-kgen';
import { readWindowedOutput, type WindowedOutput } from './support/windowed-output';

const RECORDS = Number(process.env['BENCH_MESSAGES'] ?? 200_000);
const KEYS = 1000;
const PARTITIONS = 4;
const WINDOW_MS = 60_000;
const GRACE_MS = 60_000;
/** Event time advances 10 ms a record, with up to 5 s of disorder (well within the grace period). */
const STEP_MS = 10;
const DISORDER_MS = 5_000;
const BENCH = 'windowed-count';
/** kgen-cached's record cache per task: room for every open window of the bench's keys. */
const CACHE_ENTRIES = 10_000;

interface InputRecord {
  readonly key: string;
  readonly timestamp: number;
}

function generate(n: number): InputRecord[] {
  // An hour ago, on a minute boundary: recent enough that retention never touches it.
  const t0 = Math.floor((Date.now() - 3_600_000) / WINDOW_MS) * WINDOW_MS;
  const out: InputRecord[] = [];
  for (let i = 0; i < n; i++) {
    const scramble = (i * 2_654_435_761) >>> 0;
    out.push({
      key: `k${String((i * 7919) % KEYS).padStart(4, '0')}`,
      timestamp: t0 + i * STEP_MS - (scramble % DISORDER_MS),
    });
  }
  return out;
}

/** The independent count: records per "<key>@<windowStart>", computed from the generated input. */
function expectedCounts(input: readonly InputRecord[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of input) {
    const window = `${r.key}@${r.timestamp - (r.timestamp % WINDOW_MS)}`;
    counts.set(window, (counts.get(window) ?? 0) + 1);
  }
  return counts;
}

/** Windows whose final output count differs from the independent count (missing or extra included). */
function mismatches(expected: Map<string, number>, got: Map<string, number>): number {
  let bad = 0;
  for (const [w, n] of expected) if (got.get(w) !== n) bad++;
  for (const w of got.keys()) if (!expected.has(w)) bad++;
  return bad;
}

async function createTopic(kafka: KafkaJS.Kafka, topic: string, logAppendTime: boolean): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [
      {
        topic,
        numPartitions: PARTITIONS,
        replicationFactor: 1,
        ...(logAppendTime
          ? { configEntries: [{ name: 'message.timestamp.type', value: 'LogAppendTime' }] }
          : {}),
      },
    ],
  });
  await admin.disconnect();
}

async function produceInput(
  kafka: KafkaJS.Kafka,
  topic: string,
  input: readonly InputRecord[],
): Promise<void> {
  const producer = kafka.producer({ 'linger.ms': 5, 'batch.num.messages': 10_000 });
  await producer.connect();
  const sends: Array<Promise<unknown>> = [];
  for (let i = 0; i < input.length; i += 5_000)
    sends.push(
      producer.send({
        topic,
        messages: input.slice(i, i + 5_000).map((r, j) => ({
          key: r.key,
          value: `v${i + j}`,
          timestamp: String(r.timestamp),
        })),
      }),
    );
  await Promise.all(sends);
  await producer.disconnect();
}

function resultOf(impl: string, output: WindowedOutput, expected: Map<string, number>): BenchResult {
  const seconds = Math.max(1, output.lastAppendMs - output.firstAppendMs) / 1000;
  const bad = mismatches(expected, output.counts);
  return {
    bench: BENCH,
    impl,
    msgs_per_s: Math.round(RECORDS / seconds),
    records: RECORDS,
    windows: expected.size,
    output_records: output.records,
    counts_match: bad === 0,
    mismatched_windows: bad,
    check: `final count of each of ${expected.size} windows vs an independent count of the input`,
  };
}

async function kafkaStreams(
  kafka: KafkaJS.Kafka,
  input: string,
  expected: Map<string, number>,
): Promise<number> {
  const classpath = streamsJavaClasspath((l) => console.error(l));
  const output = unique('bench-wc-out-kstreams');
  await createTopic(kafka, output, true);
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-wc-kstreams-'));
  const args = [
    '-cp',
    classpath,
    'kgen.bench.WindowedCount',
    brokers,
    unique('bench-wc-kstreams'),
    input,
    output,
    String(RECORDS),
    String(WINDOW_MS),
    String(GRACE_MS),
    stateDir,
  ];
  const selfReport = await new Promise<string>((resolve, reject) => {
    const child = spawn('java', args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(stdout.trim())
        : reject(new Error(`Kafka Streams program exited ${code}: ${stdout}`)),
    );
  });
  fs.rmSync(stateDir, { recursive: true, force: true });
  const read = readWindowedOutput(kafka, output, RECORDS, 30_000);
  const result = resultOf('kafka-streams', await read.result, expected);
  const own = JSON.parse(selfReport.split('\n').pop() ?? '{}') as { msgs_per_s?: number };
  report({
    ...result,
    self_reported_msgs_per_s: own.msgs_per_s,
    note: 'Kafka Streams 4.1.1, exactly_once_v2',
  });
  return result.msgs_per_s;
}

async function kgenImpl(
  kafka: KafkaJS.Kafka,
  input: string,
  expected: Map<string, number>,
  kafkaStreamsRate: number,
  cacheEntries = 0,
): Promise<void> {
  const impl = cacheEntries > 0 ? 'kgen-cached' : 'kgen';
  const missing = kgenStreamsMissing(brokers, registryUrl);
  if (missing !== undefined) {
    report({ bench: BENCH, impl, msgs_per_s: 0, skipped: missing });
    return;
  }
  const output = unique(`bench-wc-out-${impl}`);
  await createTopic(kafka, output, true);
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-wc-kgen-'));
  const read = readWindowedOutput(kafka, output, RECORDS, 120_000);
  try {
    await runKgenWindowedCount({
      brokers,
      registryUrl,
      applicationId: unique(`bench-wc-${impl}`),
      cacheEntries,
      input,
      output,
      windowMs: WINDOW_MS,
      graceMs: GRACE_MS,
      stateDir,
      outputComplete: read.complete,
    });
    const note =
      cacheEntries > 0
        ? `kgen streams, exactly once, record cache of ${cacheEntries} entries per task`
        : 'kgen streams, exactly once, every update written';
    const result = resultOf(impl, await read.result, expected);
    const vs = Math.round((result.msgs_per_s / kafkaStreamsRate) * 100) / 100;
    report({ ...result, ...(Number.isFinite(vs) ? { vs_kafka_streams: vs } : {}), note });
  } finally {
    fs.rmSync(stateDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const kafka = rawKafka();
  const generated = generate(RECORDS);
  const expected = expectedCounts(generated);
  const input = unique('bench-wc-in');
  await createTopic(kafka, input, false);
  await produceInput(kafka, input, generated);
  console.error(`${BENCH}: ${RECORDS} records, ${KEYS} keys, ${expected.size} windows in ${input}`);
  // BENCH_ONLY=kgen-cached (say) runs one impl, e.g. under a profiler; ratios then need kafka-streams too.
  const kafkaStreamsRate = selected('kafka-streams')
    ? await kafkaStreams(kafka, input, expected)
    : Number.NaN;
  if (selected('kgen')) await kgenImpl(kafka, input, expected, kafkaStreamsRate);
  if (selected('kgen-cached')) await kgenImpl(kafka, input, expected, kafkaStreamsRate, CACHE_ENTRIES);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
