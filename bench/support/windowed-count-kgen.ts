// The kgen impl of bench/windowed-count.ts: the streams runtime counting per key in tumbling windows with
// exactly-once, state in LMDB stores under the bench's state dir; every update written to the output, or with
// the record cache on, the latest per window at each commit (as Kafka Streams' default cache does).
import { bytesSerde, createClient, defineTopics, stringSerde, tumbling } from 'kgen';

/** What the bench gives the impl. */
export interface KgenWindowedCountRun {
  readonly brokers: string;
  readonly registryUrl: string;
  readonly applicationId: string;
  readonly input: string;
  readonly output: string;
  readonly windowMs: number;
  readonly graceMs: number;
  readonly stateDir: string;
  /** Record cache entries per task (`cache.maxEntries`); 0 or absent: every update goes out. */
  readonly cacheEntries?: number;
  /** Resolves once the output holds every input record's count (the bench reads it independently). */
  readonly outputComplete: Promise<void>;
}

/** Why the kgen impl cannot run, or `undefined` (the streams runtime is part of kgen now). */
export function kgenStreamsMissing(_brokers: string, _registryUrl: string): string | undefined {
  return undefined;
}

/** Runs the count until the output is complete. */
export async function runKgenWindowedCount(run: KgenWindowedCountRun): Promise<void> {
  const topics = defineTopics({
    [run.input]: { key: stringSerde, value: stringSerde },
    [run.output]: { key: stringSerde, value: bytesSerde },
  });
  const client = createClient({
    brokers: run.brokers,
    registry: { url: run.registryUrl },
    topics,
    logLevel: 'error',
  });
  const app = client.streams({
    applicationId: run.applicationId,
    stateDir: run.stateDir,
    ...(run.cacheEntries ? { cache: { maxEntries: run.cacheEntries } } : {}),
    batch: { maxRecords: 5000, maxMs: 100 },
  });
  app
    .stream(run.input)
    .groupByKey()
    .windowedBy(tumbling({ size: run.windowMs, grace: run.graceMs }))
    .count({ name: 'counts' })
    .toStream({ emit: 'updates' })
    // The same output record as the Kafka Streams program: "<key>@<start>" → 8-byte big-endian count.
    .to(run.output, (w) => {
      const value = Buffer.alloc(8);
      value.writeBigInt64BE(BigInt(w.value));
      return { key: `${w.key.key}@${w.key.start}`, value };
    });
  await app.start();
  try {
    await run.outputComplete;
  } finally {
    await app.stop();
  }
}
