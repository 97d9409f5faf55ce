import type { SpanContext } from '@opentelemetry/api';
import { ATTR, errorType } from './semconv';
import { TRACEPARENT, TRACESTATE, traceparentOf, type HeaderObject } from './trace-headers';
import { addActiveSpanEvent } from './tracing';

/**
 * A dead letter's headers carrying `sc`: it continues the trace of the record it replaces (the original's own
 * trace-context headers, copied with the others, would point at the original send instead).
 */
export function continueTrace<H extends HeaderObject>(headers: H | undefined, sc: SpanContext): H {
  const out: Record<string, unknown> = { ...headers, [TRACEPARENT]: traceparentOf(sc) };
  const state = sc.traceState?.serialize();
  if (state !== undefined && state !== '') out[TRACESTATE] = state;
  else delete out[TRACESTATE];
  return out as H;
}

/** The `dead_letter` event on the active span (the failed record's process span). */
export function deadLetterEvent(
  record: { readonly offset: string },
  deadLetterTopic: string,
  reason: string,
  error: unknown,
): void {
  addActiveSpanEvent('dead_letter', {
    'kgen.dlq.topic': deadLetterTopic,
    'kgen.dlq.reason': reason,
    [ATTR.offset]: Number(record.offset),
    [ATTR.errorType]: errorType(error),
  });
}
