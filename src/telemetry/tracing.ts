import type {
  Attributes,
  Context,
  Link,
  Span,
  SpanContext,
  Tracer,
  TracerProvider,
} from '@opentelemetry/api';
import { otelApi, type Otel } from './otel-api';
import { ATTR, errorType, KAFKA, SCOPE } from './semconv';
import { contextWithParent } from './trace-headers';

/** kgen's tracer and the API it came from, while a tracer provider is registered. */
export interface Tracing {
  readonly api: Otel;
  readonly tracer: Tracer;
}

let noopProvider: TracerProvider | undefined;
let lastProvider: TracerProvider | undefined;
let lastTracing: Tracing | undefined;

/**
 * kgen's tracer, or undefined when `@opentelemetry/api` is not installed or no tracer provider is registered:
 * then tracing costs this one check per send or fetched batch.
 */
export function activeTracing(): Tracing | undefined {
  const api = otelApi();
  if (api === undefined) return undefined;
  const global = api.trace.getTracerProvider();
  const provider = global instanceof api.ProxyTracerProvider ? global.getDelegate() : global;
  noopProvider ??= new api.ProxyTracerProvider().getDelegate();
  if (provider === noopProvider) return undefined;
  if (provider !== lastProvider) {
    lastProvider = provider;
    lastTracing = { api, tracer: provider.getTracer(SCOPE) };
  }
  return lastTracing;
}

/** The `messaging.kafka.message.key` attribute value of a key: strings and numbers only (never bytes). */
function keyAttribute(key: unknown): string | undefined {
  if (typeof key === 'string') return key;
  if (typeof key === 'number' || typeof key === 'bigint') return String(key);
  return undefined;
}

/** Starts a `publish <topic>` span (kind PRODUCER) in the current context, for `count` records. */
export function startPublishSpan(t: Tracing, topic: string, count: number, key: unknown): Span {
  const attributes: Attributes = {
    [ATTR.system]: KAFKA,
    [ATTR.operationType]: 'publish',
    [ATTR.operationName]: 'publish',
    [ATTR.destination]: topic,
  };
  if (count !== 1) attributes[ATTR.batchCount] = count;
  else {
    const k = keyAttribute(key);
    if (k !== undefined) attributes[ATTR.key] = k;
  }
  return t.tracer.startSpan(`publish ${topic}`, { kind: t.api.SpanKind.PRODUCER, attributes });
}

/** Ends a span after success. */
export function endSpan(span: Span, attributes?: Attributes): void {
  if (attributes !== undefined) span.setAttributes(attributes);
  span.end();
}

/** Ends a span after a failure: status ERROR, `error.type`, the exception as an event. */
export function endSpanWithError(t: Tracing, span: Span, err: unknown): void {
  span.setAttribute(ATTR.errorType, errorType(err));
  span.recordException(err instanceof Error ? err : String(err));
  span.setStatus({
    code: t.api.SpanStatusCode.ERROR,
    message: err instanceof Error ? err.message : String(err),
  });
  span.end();
}

/** Facts of one consumed record for its `process` span. */
export interface ConsumedRecordFacts {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string | number;
  readonly key?: unknown;
  readonly tombstone?: boolean;
  readonly group?: string | undefined;
}

function consumedAttributes(r: ConsumedRecordFacts): Attributes {
  const a: Attributes = {
    [ATTR.system]: KAFKA,
    [ATTR.operationType]: 'process',
    [ATTR.operationName]: 'process',
    [ATTR.destination]: r.topic,
    [ATTR.partition]: String(r.partition),
    [ATTR.offset]: Number(r.offset),
  };
  const key = keyAttribute(r.key);
  if (key !== undefined) a[ATTR.key] = key;
  if (r.tombstone === true) a[ATTR.tombstone] = true;
  if (r.group !== undefined) a[ATTR.consumerGroup] = r.group;
  return a;
}

/** A `process <topic>` span (kind CONSUMER) and the context to run the handler in. */
export interface ProcessScope {
  readonly span: Span;
  readonly context: Context;
}

/**
 * Starts the `process <topic>` span of one record: a child of the producing span when the record carries
 * its trace context (`producer`), else of the current context.
 */
export function startProcessSpan(
  t: Tracing,
  record: ConsumedRecordFacts,
  producer: SpanContext | undefined,
): ProcessScope {
  const parent = contextWithParent(t.api, t.api.context.active(), producer);
  const span = t.tracer.startSpan(
    `process ${record.topic}`,
    { kind: t.api.SpanKind.CONSUMER, attributes: consumedAttributes(record) },
    parent,
  );
  return { span, context: t.api.trace.setSpan(parent, span) };
}

/**
 * Starts the `process <topic>` span of a batch of records (kind CONSUMER) in the current context, linked to
 * the producing span of each record that carries one.
 */
export function startBatchProcessSpan(
  t: Tracing,
  topic: string,
  partition: number,
  producers: ReadonlyArray<SpanContext | undefined>,
  group?: string,
): ProcessScope {
  const links: Link[] = [];
  for (const sc of producers) if (sc !== undefined) links.push({ context: sc });
  const attributes: Attributes = {
    [ATTR.system]: KAFKA,
    [ATTR.operationType]: 'process',
    [ATTR.operationName]: 'process',
    [ATTR.destination]: topic,
    [ATTR.partition]: String(partition),
    [ATTR.batchCount]: producers.length,
  };
  if (group !== undefined) attributes[ATTR.consumerGroup] = group;
  const span = t.tracer.startSpan(`process ${topic}`, {
    kind: t.api.SpanKind.CONSUMER,
    attributes,
    links,
  });
  return { span, context: t.api.trace.setSpan(t.api.context.active(), span) };
}

/** Starts a `receive <topics>` span (kind CONSUMER) for one fetch of `count` records. */
export function startReceiveSpan(t: Tracing, topics: readonly string[], count: number, group?: string): Span {
  const attributes: Attributes = {
    [ATTR.system]: KAFKA,
    [ATTR.operationType]: 'receive',
    [ATTR.operationName]: 'receive',
    [ATTR.batchCount]: count,
  };
  if (topics.length === 1) attributes[ATTR.destination] = topics[0]!;
  if (group !== undefined) attributes[ATTR.consumerGroup] = group;
  return t.tracer.startSpan(`receive ${topics.join(',')}`, { kind: t.api.SpanKind.CONSUMER, attributes });
}

/** Runs `fn` with `scope`'s span active, ending it with its outcome. */
export async function inProcessScope<R>(t: Tracing, scope: ProcessScope, fn: () => Promise<R>): Promise<R> {
  try {
    const out = await t.api.context.with(scope.context, fn);
    scope.span.end();
    return out;
  } catch (err) {
    endSpanWithError(t, scope.span, err);
    throw err;
  }
}

/** Adds a span event to the active span (a `process` span around a handler), if tracing is on. */
export function addActiveSpanEvent(name: string, attributes: Attributes): void {
  const t = activeTracing();
  if (t === undefined) return;
  t.api.trace.getActiveSpan()?.addEvent(name, attributes);
}

/** The span context of the active span, if tracing is on and one is active. */
export function activeSpanContext(): SpanContext | undefined {
  const t = activeTracing();
  if (t === undefined) return undefined;
  const span = t.api.trace.getActiveSpan();
  return span === undefined ? undefined : span.spanContext();
}
