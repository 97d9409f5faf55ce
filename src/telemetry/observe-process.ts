import type { Attributes, SpanContext } from '@opentelemetry/api';
import { activeInstruments, secondsSince, type KgenInstruments } from './instruments';
import { ATTR, KAFKA } from './semconv';
import {
  activeTracing,
  endSpanWithError,
  startProcessSpan,
  type ConsumedRecordFacts,
  type ProcessScope,
  type Tracing,
} from './tracing';

/** Tracing and metrics as they stand for one fetched batch; undefined when both are off. */
export interface ConsumeTelemetry {
  readonly tracing: Tracing | undefined;
  readonly instruments: KgenInstruments | undefined;
}

/** The telemetry of a fetched batch, or undefined when neither a tracer nor a meter provider is registered. */
export function consumeTelemetry(): ConsumeTelemetry | undefined {
  const tracing = activeTracing();
  const instruments = activeInstruments();
  return tracing === undefined && instruments === undefined ? undefined : { tracing, instruments };
}

/** A consumed record as the observation needs it. */
export interface ObservedRecord extends ConsumedRecordFacts {
  /** Key plus value bytes. */
  readonly bytes: number;
}

function recordAttributes(r: ObservedRecord): Attributes {
  const a: Attributes = {
    [ATTR.system]: KAFKA,
    [ATTR.destination]: r.topic,
    [ATTR.partition]: String(r.partition),
  };
  if (r.group !== undefined) a[ATTR.consumerGroup] = r.group;
  return a;
}

/**
 * Runs the handling of one consumed record (`fn`) inside its `process` span (a child of the producing span,
 * `producer`), and counts it: consumed messages and bytes, processing duration. One promise on top of `fn`'s:
 * this runs per record.
 */
export function observeProcess<R>(
  tel: ConsumeTelemetry,
  record: ObservedRecord,
  producer: () => SpanContext | undefined,
  fn: () => Promise<R>,
): Promise<R> {
  const { tracing, instruments } = tel;
  const start = instruments === undefined ? 0 : performance.now();
  let scope: ProcessScope | undefined;
  let running: Promise<R>;
  try {
    if (tracing === undefined) running = fn();
    else {
      scope = startProcessSpan(tracing, record, producer());
      if (!scope.span.isRecording() && !tracing.api.isSpanContextValid(scope.span.spanContext())) {
        // A no-op tracer and no trace to continue: nothing to end or propagate.
        scope = undefined;
        running = fn();
      } else running = tracing.api.context.with(scope.context, fn);
    }
  } catch (err) {
    running = Promise.reject(err);
  }
  if (scope === undefined && instruments === undefined) return running;
  const count = (): void => {
    if (instruments === undefined) return;
    const attributes = recordAttributes(record);
    instruments.consumedMessages.add(1, attributes);
    instruments.consumedBytes.add(record.bytes, attributes);
    instruments.processDuration.record(secondsSince(start), attributes);
  };
  return running.then(
    (out) => {
      scope?.span.end();
      count();
      return out;
    },
    (err: unknown) => {
      if (scope !== undefined) endSpanWithError(tracing!, scope.span, err);
      count();
      throw err;
    },
  );
}

/** Counts a batch handed to an eachBatch handler and its processing time. */
export function countBatch(
  tel: ConsumeTelemetry,
  facts: { topic: string; partition: number; group?: string | undefined },
  records: number,
  bytes: number,
  startMs: number,
): void {
  const ins = tel.instruments;
  if (ins === undefined) return;
  const attributes = recordAttributes({ ...facts, offset: 0, bytes });
  ins.consumedMessages.add(records, attributes);
  ins.consumedBytes.add(bytes, attributes);
  ins.processDuration.record(secondsSince(startMs), attributes);
}

/** Key plus value length of a record. */
export function recordBytes(
  key: { length: number } | string | null | undefined,
  value: { length: number } | null,
): number {
  const k =
    key === null || key === undefined ? 0 : typeof key === 'string' ? Buffer.byteLength(key) : key.length;
  return k + (value === null ? 0 : value.length);
}
