import type { Attributes, Meter, ObservableResult } from '@opentelemetry/api';

/** The part of librdkafka's statistics JSON (STATISTICS.md) kgen reports. */
interface RdkafkaStatistics {
  readonly name?: string;
  readonly type?: string;
  readonly msg_cnt?: number;
  readonly brokers?: Readonly<
    Record<
      string,
      {
        readonly nodeid?: number;
        readonly state?: string;
        readonly outbuf_cnt?: number;
        readonly rtt?: { readonly avg?: number; readonly p99?: number; readonly cnt?: number };
      }
    >
  >;
  readonly topics?: Readonly<
    Record<string, { readonly partitions?: Readonly<Record<string, { readonly consumer_lag?: number }>> }>
  >;
}

interface Latest {
  readonly stats: RdkafkaStatistics;
  readonly at: number;
}

/** The latest statistics of each client (by librdkafka's client name); entries past {@link STALE_MS} go. */
const latest = new Map<string, Latest>();
const STALE_MS = 5 * 60_000;

/**
 * librdkafka's `stats_cb`: keeps the client's latest statistics for the observable gauges. The binding hands
 * over `{ message: json }`.
 */
export function recordStatistics(event: unknown): void {
  const json = typeof event === 'string' ? event : (event as { message?: unknown } | null)?.message;
  if (typeof json !== 'string') return;
  try {
    const stats = JSON.parse(json) as RdkafkaStatistics;
    latest.set(stats.name ?? '', { stats, at: Date.now() });
  } catch {
    // a truncated statistics event: the next one replaces it
  }
}

function eachFresh(fn: (client: string, s: RdkafkaStatistics) => void): void {
  const now = Date.now();
  for (const [client, { stats, at }] of latest) {
    if (now - at > STALE_MS) latest.delete(client);
    else fn(client, stats);
  }
}

/** Registers kgen's observable gauges over librdkafka statistics and consumer lag on `meter`. */
export function observeStatistics(meter: Meter): void {
  const lag = meter.createObservableGauge('kgen.consumer.lag', {
    unit: '{message}',
    description: 'Records between the consumer position and the partition end (librdkafka consumer_lag)',
  });
  const queued = meter.createObservableGauge('kgen.rdkafka.queue.messages', {
    unit: '{message}',
    description: 'Messages in the producer queues (librdkafka msg_cnt)',
  });
  const rtt = meter.createObservableGauge('kgen.rdkafka.broker.rtt', {
    unit: 's',
    description: 'Average broker round-trip time of requests (librdkafka brokers[].rtt.avg)',
  });
  const waiting = meter.createObservableGauge('kgen.rdkafka.broker.outbuf.requests', {
    unit: '{request}',
    description: 'Requests waiting to be sent to the broker (librdkafka brokers[].outbuf_cnt)',
  });
  const up = meter.createObservableGauge('kgen.rdkafka.broker.up', {
    description: '1 when the connection to the broker is UP, else 0 (state attribute: librdkafka state)',
  });
  lag.addCallback((result: ObservableResult) =>
    eachFresh((client, s) => {
      for (const [topic, t] of Object.entries(s.topics ?? {}))
        for (const [partition, p] of Object.entries(t.partitions ?? {})) {
          // -1: not consumed by this client (or not known yet); partition -1 is librdkafka's unassigned queue.
          if (partition === '-1' || p.consumer_lag === undefined || p.consumer_lag < 0) continue;
          result.observe(p.consumer_lag, {
            'messaging.client.id': client,
            'messaging.destination.name': topic,
            'messaging.destination.partition.id': partition,
          });
        }
    }),
  );
  queued.addCallback((result) =>
    eachFresh((client, s) => {
      if (s.type === 'producer' && s.msg_cnt !== undefined)
        result.observe(s.msg_cnt, { 'messaging.client.id': client });
    }),
  );
  const perBroker = (
    result: ObservableResult,
    value: (b: NonNullable<RdkafkaStatistics['brokers']>[string]) => number | undefined,
  ): void =>
    eachFresh((client, s) => {
      for (const [name, b] of Object.entries(s.brokers ?? {})) {
        // Bootstrap entries (nodeid -1) are replaced by the real brokers once metadata arrives.
        if (b.nodeid === undefined || b.nodeid < 0) continue;
        const v = value(b);
        const attributes: Attributes = { 'messaging.client.id': client, 'kgen.broker': name };
        if (v !== undefined) result.observe(v, attributes);
      }
    });
  rtt.addCallback((result) =>
    perBroker(result, (b) => (b.rtt?.cnt ? (b.rtt.avg ?? 0) / 1_000_000 : undefined)),
  );
  waiting.addCallback((result) => perBroker(result, (b) => b.outbuf_cnt));
  up.addCallback((result) => perBroker(result, (b) => (b.state === 'UP' ? 1 : 0)));
}
