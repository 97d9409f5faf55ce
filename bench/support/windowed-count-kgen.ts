// The kgen impl of bench/windowed-count.ts, written against the API sketched in issue 13:
//   client.streams({ applicationId }).stream(t).groupByKey().windowedBy(tumbling({ size, grace })).count()
//     .toStream({ emit: 'updates' }).to(output, mapper)
// The streams runtime is built on another branch; until it is merged this file finds no `streams`/`tumbling`
// and reports why, so the bench still runs the Kafka Streams impl. The shapes below are the sketch's, not a
// real API: adapt the calls (and drop the casts) when the runtime lands.
import * as kgen from 'kgen';
import { bytesSerde, createClient, defineTopics, stringSerde } from 'kgen';

/** What the bench needs from a windowed record, as the sketch names it. */
interface SketchWindowed {
  readonly key: string;
  readonly start: number;
  readonly value: number | bigint;
}
interface SketchStream {
  groupByKey(): { windowedBy(w: unknown): { count(): SketchTable } };
}
interface SketchTable {
  toStream(options: { emit: 'updates' | 'final' }): {
    to(topic: string, map: (w: SketchWindowed) => { key: string; value: Buffer }): void;
  };
}
interface SketchApp {
  stream(topic: string): SketchStream;
  start(): Promise<void>;
  close(): Promise<void>;
}
type SketchTumbling = (spec: { size: string | number; grace: string | number }) => unknown;

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
  /** Resolves once the output holds every input record's count (the bench reads it independently). */
  readonly outputComplete: Promise<void>;
}

type StreamsOf = (o: { applicationId: string; stateDir?: string }) => SketchApp;
const tumbling = (kgen as unknown as { tumbling?: SketchTumbling }).tumbling;

/** Why the kgen impl cannot run on this branch, or `undefined` when the streams runtime is present. */
export function kgenStreamsMissing(brokers: string, registryUrl: string): string | undefined {
  // Creating a client connects nothing; only its shape is looked at.
  const client = createClient({
    brokers,
    registry: { url: registryUrl },
    topics: defineTopics({}),
  }) as unknown as {
    streams?: unknown;
  };
  return typeof tumbling === 'function' && typeof client.streams === 'function'
    ? undefined
    : 'the kgen streams runtime (client.streams, tumbling) is not on this branch yet';
}

/** Runs the count until the output is complete. */
export async function runKgenWindowedCount(run: KgenWindowedCountRun): Promise<void> {
  if (tumbling === undefined) throw new Error(kgenStreamsMissing(run.brokers, run.registryUrl));
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
  const streams = (client as unknown as { streams: StreamsOf }).streams;
  const app = streams.call(client, { applicationId: run.applicationId, stateDir: run.stateDir });
  app
    .stream(run.input)
    .groupByKey()
    .windowedBy(tumbling({ size: run.windowMs, grace: run.graceMs }))
    .count()
    .toStream({ emit: 'updates' })
    // The same output record as the Kafka Streams program: "<key>@<start>" → 8-byte big-endian count.
    .to(run.output, (w) => {
      const value = Buffer.alloc(8);
      value.writeBigInt64BE(BigInt(w.value));
      return { key: `${w.key}@${w.start}`, value };
    });
  await app.start();
  try {
    await run.outputComplete;
  } finally {
    await app.close();
  }
}
