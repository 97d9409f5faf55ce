import type { Counter, Histogram, Meter, MeterProvider } from '@opentelemetry/api';
import { otelApi } from './otel-api';
import { SCOPE } from './semconv';
import { observeStatistics } from './rdkafka-stats';

/** kgen's OpenTelemetry instruments; names are listed in the README (Observability). */
export interface KgenInstruments {
  /** `messaging.client.sent.messages`: records the broker acknowledged, by topic. */
  readonly sentMessages: Counter;
  /** `kgen.producer.sent.bytes`: key + value bytes of acknowledged records. */
  readonly sentBytes: Counter;
  /** `kgen.producer.send.errors`: records whose send failed, by topic and `error.type`. */
  readonly sendErrors: Counter;
  /** `kgen.producer.send.duration`: send → delivery report, seconds. */
  readonly sendDuration: Histogram;
  /** `messaging.client.consumed.messages`: records handed to handlers, by topic and partition. */
  readonly consumedMessages: Counter;
  /** `kgen.consumer.consumed.bytes`: key + value bytes of those records. */
  readonly consumedBytes: Counter;
  /** `messaging.process.duration`: handler (or transform) time per record or batch, seconds. */
  readonly processDuration: Histogram;
  /** `kgen.delivery.retries`: in-place handler or transform retries. */
  readonly retries: Counter;
  /** `kgen.delivery.dead_letters`: records written to a dead-letter topic. */
  readonly deadLetters: Counter;
  /** `kgen.delivery.failed`: handler runs or transactions that failed for good. */
  readonly failed: Counter;
  /** `kgen.consumer.commits`: partition offsets committed (one per partition per commit). */
  readonly commits: Counter;
  /** `kgen.consumer.commit.duration`: one commit (or transaction commit), seconds. */
  readonly commitDuration: Histogram;
}

let cachedProvider: MeterProvider | undefined;
let cached: KgenInstruments | undefined;

function create(meter: Meter): KgenInstruments {
  const seconds = { unit: 's' };
  const out: KgenInstruments = {
    sentMessages: meter.createCounter('messaging.client.sent.messages', {
      unit: '{message}',
      description: 'Records acknowledged by the broker',
    }),
    sentBytes: meter.createCounter('kgen.producer.sent.bytes', {
      unit: 'By',
      description: 'Key and value bytes of acknowledged records',
    }),
    sendErrors: meter.createCounter('kgen.producer.send.errors', {
      unit: '{message}',
      description: 'Records whose send failed, by error.type',
    }),
    sendDuration: meter.createHistogram('kgen.producer.send.duration', {
      ...seconds,
      description: 'Time from send to the delivery report',
    }),
    consumedMessages: meter.createCounter('messaging.client.consumed.messages', {
      unit: '{message}',
      description: 'Records handed to handlers',
    }),
    consumedBytes: meter.createCounter('kgen.consumer.consumed.bytes', {
      unit: 'By',
      description: 'Key and value bytes of records handed to handlers',
    }),
    processDuration: meter.createHistogram('messaging.process.duration', {
      ...seconds,
      description: 'Handler or transform time per record (or per eachBatch batch)',
    }),
    retries: meter.createCounter('kgen.delivery.retries', { description: 'In-place handler retries' }),
    deadLetters: meter.createCounter('kgen.delivery.dead_letters', {
      unit: '{message}',
      description: 'Records written to a dead-letter topic',
    }),
    failed: meter.createCounter('kgen.delivery.failed', {
      description: 'Handler runs that failed for good, and records of aborted pipeline transactions',
    }),
    commits: meter.createCounter('kgen.consumer.commits', {
      description: 'Partition offsets committed (one per partition per commit)',
    }),
    commitDuration: meter.createHistogram('kgen.consumer.commit.duration', {
      ...seconds,
      description: 'Time of one offset commit or transaction commit',
    }),
  };
  observeStatistics(meter);
  return out;
}

/**
 * kgen's instruments, or undefined when `@opentelemetry/api` is not installed or no meter provider is
 * registered (then metrics cost this one check).
 */
export function activeInstruments(): KgenInstruments | undefined {
  const api = otelApi();
  if (api === undefined) return undefined;
  const provider = api.metrics.getMeterProvider();
  if (provider === cachedProvider) return cached;
  cachedProvider = provider;
  const meter = provider.getMeter(SCOPE);
  cached = meter === api.createNoopMeter() ? undefined : create(meter);
  return cached;
}

/** Seconds since `startMs` (a `performance.now()` reading). */
export function secondsSince(startMs: number): number {
  return (performance.now() - startMs) / 1000;
}
