import type { NativeMessage } from '../../kafka/internal-client';
import { activeInstruments, secondsSince } from '../../telemetry/instruments';
import {
  countBatch,
  observeProcess,
  recordBytes,
  type ConsumeTelemetry,
} from '../../telemetry/observe-process';
import { ATTR, KAFKA } from '../../telemetry/semconv';
import { spanContextOfList } from '../../telemetry/trace-headers';
import {
  activeTracing,
  inProcessScope,
  startBatchProcessSpan,
  startReceiveSpan,
} from '../../telemetry/tracing';

/**
 * Runs the handling of a fetched record in its `process` span (a child of the span that produced it, read
 * from its `traceparent` header) and counts it (consumed messages and bytes, processing duration).
 */
export function observeFetched<R>(
  telemetry: ConsumeTelemetry,
  m: NativeMessage,
  group: string | undefined,
  fn: () => Promise<R>,
): Promise<R> {
  const key = typeof m.key === 'string' ? m.key : undefined;
  return observeProcess(
    telemetry,
    {
      topic: m.topic,
      partition: m.partition,
      offset: m.offset,
      key,
      tombstone: m.value === null,
      group,
      bytes: recordBytes(m.key, m.value),
    },
    () => (telemetry.tracing === undefined ? undefined : spanContextOfList(telemetry.tracing.api, m.headers)),
    fn,
  );
}

/** A `receive` span for one fetch (its records' process spans follow their producers' traces). */
export function traceReceive(
  slices: ReadonlyArray<{ readonly topic: string; readonly messages: readonly unknown[] }>,
  group?: string,
): void {
  const tracing = activeTracing();
  if (tracing === undefined) return;
  let count = 0;
  const topics = new Set<string>();
  for (const s of slices) {
    count += s.messages.length;
    topics.add(s.topic);
  }
  startReceiveSpan(tracing, [...topics], count, group).end();
}

/** `commit` timed into `kgen.consumer.commit.duration` when a meter provider is registered. */
export function timedCommit<A extends unknown[], R>(
  commit: (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  return async (...args) => {
    const instruments = activeInstruments();
    if (instruments === undefined) return commit(...args);
    const start = performance.now();
    const out = await commit(...args);
    instruments.commitDuration.record(secondsSince(start), { [ATTR.system]: KAFKA });
    return out;
  };
}

/**
 * Runs an eachBatch handler over one partition's records in a `process` span linked to each record's
 * producing span, and counts the batch.
 */
export async function observeBatch(
  telemetry: ConsumeTelemetry,
  slice: { readonly topic: string; readonly partition: number; readonly messages: readonly NativeMessage[] },
  group: string | undefined,
  fn: () => Promise<void>,
): Promise<void> {
  const start = performance.now();
  const { tracing } = telemetry;
  try {
    if (tracing === undefined) await fn();
    else {
      const producers = slice.messages.map((m) => spanContextOfList(tracing.api, m.headers));
      await inProcessScope(
        tracing,
        startBatchProcessSpan(tracing, slice.topic, slice.partition, producers, group),
        fn,
      );
    }
  } finally {
    let bytes = 0;
    for (const m of slice.messages) bytes += recordBytes(m.key, m.value);
    countBatch(
      telemetry,
      { topic: slice.topic, partition: slice.partition, group },
      slice.messages.length,
      bytes,
      start,
    );
  }
}
