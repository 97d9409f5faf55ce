import { randomBytes } from 'node:crypto';
import { createClient } from '../../../src/client/create-client';
import type { TopicMap } from '../../../src/topics';
import { createScratchTopic } from '../../../src/ops/scratch-topic';
import type { BenchRecords } from './bench-records';
import { summarize, type LatencySummary } from './latency-stats';

export type BenchMode = 'produce' | 'consume' | 'both';

/** One side's numbers. */
export interface PhaseResult {
  readonly messages: number;
  readonly errors: number;
  readonly seconds: number;
  readonly msgsPerSec: number;
  readonly mbPerSec: number;
}

/** What `kgen bench --format json` prints (README "kgen bench" describes each field). */
export interface BenchReport {
  readonly mode: BenchMode;
  readonly topic: string;
  readonly partitions: number;
  readonly messages: number;
  readonly source: BenchRecords['source'];
  /** Mean bytes of one record (key + framed value). */
  readonly recordBytes: number;
  /** Null in consume mode (the topic is filled first, untimed). */
  readonly produce: (PhaseResult & { readonly ackLatencyMs: LatencySummary }) | null;
  /** Null in produce mode. End-to-end latency (record timestamp → consumer) only in both mode. */
  readonly consume: (PhaseResult & { readonly endToEndLatencyMs: LatencySummary | null }) | null;
}

export interface BenchRun {
  readonly brokers: readonly string[];
  readonly registryUrl: string;
  readonly mode: BenchMode;
  readonly messages: number;
  readonly partitions: number;
  readonly records: BenchRecords;
  /** Stop waiting for the consumer when no record came for this long. */
  readonly idleTimeoutMs?: number;
  readonly progress: (line: string) => void;
}

const MB = 1024 * 1024;

function phase(messages: number, errors: number, ms: number, bytesPerRecord: number): PhaseResult {
  const seconds = Math.max(ms, 1) / 1000;
  const round = (v: number, d: number): number => Math.round(v * 10 ** d) / 10 ** d;
  return {
    messages,
    errors,
    seconds: round(seconds, 6),
    msgsPerSec: round(messages / seconds, 1),
    mbPerSec: round((messages * bytesPerRecord) / MB / seconds, 3),
  };
}

/** Runs the benchmark on a scratch topic through the typed producer and consumer, then deletes the topic. */
export async function runBench(run: BenchRun): Promise<BenchReport> {
  const topicName = `kgen-bench-${randomBytes(4).toString('hex')}`;
  const scratch = await createScratchTopic(run.brokers, topicName, run.partitions);
  const topics: TopicMap = { [topicName]: { key: run.records.key, value: run.records.value } };
  const client = createClient({
    brokers: run.brokers,
    registry: { url: run.registryUrl },
    topics,
    logLevel: 'nothing',
  });
  const { keys, values, meanBytes } = run.records;
  let consumed = 0;
  let consumeErrors = 0;
  const e2e: number[] = [];
  let firstConsumedAt = 0;
  let lastConsumedAt = 0;
  try {
    const produce = async (): Promise<PhaseResult & { ackLatencyMs: LatencySummary }> => {
      const producer = await client.producer({ topics: [topicName] });
      const acks = new Array<number>();
      let errors = 0;
      const started = performance.now();
      const pending: Array<Promise<void>> = [];
      for (let i = 0; i < run.messages; i++) {
        const sentAt = performance.now();
        pending.push(
          producer
            .send(topicName, {
              key: keys[i % keys.length] as never,
              value: values[i % values.length] as never,
            })
            .then(
              () => void acks.push(performance.now() - sentAt),
              () => void errors++,
            ),
        );
        if (i % 10_000 === 9_999) run.progress(`produced ${i + 1}/${run.messages}`);
      }
      await Promise.all(pending);
      await producer.flush().catch(() => undefined);
      const ms = performance.now() - started;
      await producer.disconnect();
      return { ...phase(run.messages - errors, errors, ms, meanBytes), ackLatencyMs: summarize(acks) };
    };

    if (run.mode === 'produce') {
      const produced = await produce();
      return report(run, topicName, produced, null);
    }
    if (run.mode === 'consume') {
      run.progress(`filling ${topicName} with ${run.messages} records (not timed)`);
      await produce();
    }
    const consumer = await client.consumer({
      groupId: `kgen-bench-${randomBytes(4).toString('hex')}`,
      topics: [topicName],
      fromBeginning: true,
      autoCommit: false,
    });
    let done!: () => void;
    const all = new Promise<void>((resolve) => (done = resolve));
    void consumer.run({
      eachBatch: async (batch) => {
        const now = Date.now();
        if (firstConsumedAt === 0) firstConsumedAt = performance.now();
        for (const m of batch.messages) {
          if (run.mode === 'both') e2e.push(now - Number(m.timestamp));
          consumed++;
        }
        lastConsumedAt = performance.now();
        if (consumed >= run.messages) done();
      },
      onDecodeError: () => {
        consumeErrors++;
        if (consumed + consumeErrors >= run.messages) done();
        return 'skip';
      },
    });
    const produced = run.mode === 'both' ? await produce() : null;
    const idle = run.idleTimeoutMs ?? 30_000;
    let lastCount = -1;
    let lastChange = Date.now();
    while (consumed + consumeErrors < run.messages) {
      const tick = new Promise((r) => setTimeout(r, 500).unref());
      await Promise.race([all, tick]);
      if (consumed !== lastCount) {
        lastCount = consumed;
        lastChange = Date.now();
        run.progress(`consumed ${consumed}/${run.messages}`);
      } else if (Date.now() - lastChange > idle) break;
    }
    await consumer.disconnect();
    // Throughput over the span records arrived in (group join and assignment excluded), so runs compare.
    const span = lastConsumedAt - firstConsumedAt;
    const missing = run.messages - consumed - consumeErrors;
    const consumedResult = {
      ...phase(consumed, consumeErrors + missing, span, meanBytes),
      endToEndLatencyMs: run.mode === 'both' ? summarize(e2e) : null,
    };
    return report(run, topicName, produced, consumedResult);
  } finally {
    await scratch.delete();
  }
}

function report(
  run: BenchRun,
  topic: string,
  produce: BenchReport['produce'],
  consume: BenchReport['consume'],
): BenchReport {
  return {
    mode: run.mode,
    topic,
    partitions: run.partitions,
    messages: run.messages,
    source: run.records.source,
    recordBytes: Math.round(run.records.meanBytes * 10) / 10,
    produce,
    consume,
  };
}
