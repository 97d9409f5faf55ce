import type { Attributes, SpanContext } from '@opentelemetry/api';
import { activeInstruments, secondsSince, type KgenInstruments } from './instruments';
import { ATTR, KAFKA } from './semconv';
import {
  activeTracing,
  inProcessScope,
  startProcessSpan,
  type ConsumedRecordFacts,
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
 * `producer`), and counts it: consumed messages and bytes, processing duration.
 */
export async function observeProcess<R>(
  tel: ConsumeTelemetry,
  record: ObservedRecord,
  producer: () => SpanContext | undefined,
  fn: () => Promise<R>,
): Promise<R> {
  const { tracing, instruments } = tel;
  const start = instruments === undefined ? 0 : performance.now();
  try {
    return tracing === undefined
      ? await fn()
      : await inProcessScope(tracing, startProcessSpan(tracing, record, producer()), fn);
  } finally {
    if (instruments !== undefined) {
      const attributes = recordAttributes(record);
      instruments.consumedMessages.add(1, attributes);
      instruments.consumedBytes.add(record.bytes, attributes);
      instruments.processDuration.record(secondsSince(start), attributes);
    }
  }
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
