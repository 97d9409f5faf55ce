import type { Context, SpanContext } from '@opentelemetry/api';
import type { Otel } from './otel-api';

/** W3C trace-context header names kgen writes on produce and reads on consume. */
export const TRACEPARENT = 'traceparent';
export const TRACESTATE = 'tracestate';

/** A header value as the producer takes it or the consumer hands it over. */
type HeaderValue = string | Buffer | ReadonlyArray<string | Buffer> | undefined;
/** Record headers as an object (producer input, KafkaJS-style consumer headers). */
export type HeaderObject = Readonly<Record<string, HeaderValue>>;
/** Headers as librdkafka's binding hands them over: one `{ name: value }` per header. */
export type HeaderList = ReadonlyArray<Readonly<Record<string, Buffer | string>>>;

const TRACEPARENT_RE = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** The `traceparent` value of a span context (W3C Trace Context, version 00). */
export function traceparentOf(sc: SpanContext): string {
  return `00-${sc.traceId}-${sc.spanId}-${(sc.traceFlags & 0xff).toString(16).padStart(2, '0')}`;
}

/**
 * `headers` with the trace context of `sc` added. A record that already carries a `traceparent` (the user's
 * own propagation) is returned as it is: kgen never overwrites an application's headers.
 */
export function withTraceHeaders<H extends HeaderObject>(headers: H | undefined, sc: SpanContext): H {
  if (headers !== undefined && headers[TRACEPARENT] !== undefined) return headers;
  const state = sc.traceState?.serialize();
  const added: Record<string, string> = { [TRACEPARENT]: traceparentOf(sc) };
  if (state !== undefined && state !== '') added[TRACESTATE] = state;
  return (headers === undefined ? added : { ...added, ...headers }) as H;
}

function text(value: HeaderValue): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (v === undefined) return undefined;
  return typeof v === 'string' ? v : (v as Buffer).toString('latin1');
}

/** The remote span context in `traceparent`/`tracestate`, or undefined if absent or malformed. */
export function spanContextOf(
  api: Otel,
  traceparent: string | undefined,
  tracestate: string | undefined,
): SpanContext | undefined {
  if (traceparent === undefined) return undefined;
  const m = TRACEPARENT_RE.exec(traceparent.trim());
  if (m === null) return undefined;
  const sc: SpanContext = { traceId: m[1]!, spanId: m[2]!, traceFlags: parseInt(m[3]!, 16), isRemote: true };
  if (!api.isSpanContextValid(sc)) return undefined;
  return tracestate === undefined ? sc : { ...sc, traceState: api.createTraceState(tracestate) };
}

/** The producer's span context carried by a record's headers (object form). */
export function spanContextOfHeaders(api: Otel, headers: HeaderObject | undefined): SpanContext | undefined {
  if (headers === undefined) return undefined;
  return spanContextOf(api, text(headers[TRACEPARENT]), text(headers[TRACESTATE]));
}

/** The producer's span context carried by a fetched record's header list. */
export function spanContextOfList(api: Otel, list: HeaderList | undefined): SpanContext | undefined {
  if (list === undefined || list.length === 0) return undefined;
  let parent: string | undefined;
  let state: string | undefined;
  for (const h of list) {
    if (parent === undefined && h[TRACEPARENT] !== undefined) parent = text(h[TRACEPARENT]);
    if (state === undefined && h[TRACESTATE] !== undefined) state = text(h[TRACESTATE]);
  }
  return spanContextOf(api, parent, state);
}

/** `base` with `sc` as its (remote) parent span, or `base` itself when there is none. */
export function contextWithParent(api: Otel, base: Context, sc: SpanContext | undefined): Context {
  return sc === undefined ? base : api.trace.setSpanContext(base, sc);
}
