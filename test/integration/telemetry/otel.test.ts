import { context, metrics, trace, type SpanContext } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  TracerProvider,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
  type MetricData,
} from '@opentelemetry/sdk-metrics';
import { commitStrategies, createClient, defineTopics } from 'kgen';
import { stringKeyAvroTopic } from '../../helpers/avro-topic';
import { stackEnv, uniqueName } from '../../helpers/stack-env';
import { consumeN } from '../../helpers/consume';
import { committedTotal, createTopics, headerString, kafkaFor, waitFor } from '../delivery/support';

jest.setTimeout(120_000);

/**
 * Traces and metrics on the real stack through the OpenTelemetry SDK's in-memory exporters: one trace from a
 * typed `send`, through the exactly-once pipeline (input → output topic), into the consumer's handler and into
 * the dead-letter topics; metric values equal what the test produced and consumed (bytes checked against the
 * records a plain consumer reads back).
 */
interface Order {
  id: string;
  cents: number;
}
interface Invoice {
  orderId: string;
  euros: number;
}
const orderSchema = JSON.stringify({
  type: 'record',
  name: 'Order',
  namespace: 'kgen.test.otel',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'cents', type: 'long' },
  ],
});
const invoiceSchema = JSON.stringify({
  type: 'record',
  name: 'Invoice',
  namespace: 'kgen.test.otel',
  fields: [
    { name: 'orderId', type: 'string' },
    { name: 'euros', type: 'double' },
  ],
});

const spans = new InMemorySpanExporter();
const tracerProvider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter: spans })] });
const reader = new PeriodicExportingMetricReader({
  exporter: new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE),
  exportIntervalMillis: 3_600_000,
});
const meterProvider = new MeterProvider({ readers: [reader] });
const contextManager = new AsyncLocalStorageContextManager().enable();

beforeAll(() => {
  context.setGlobalContextManager(contextManager);
  trace.setGlobalTracerProvider(tracerProvider);
  metrics.setGlobalMeterProvider(meterProvider);
});
afterAll(async () => {
  trace.disable();
  metrics.disable();
  context.disable();
  await tracerProvider.shutdown();
  await meterProvider.shutdown();
});

const N = 12;
const POISON = 'o7';

async function collect(): Promise<MetricData[]> {
  const { resourceMetrics } = await reader.collect();
  return resourceMetrics.scopeMetrics.filter((s) => s.scope.name === 'kgen').flatMap((s) => s.metrics);
}

/** Sum of a counter's data points whose attributes include `where`. */
function sumOf(all: MetricData[], name: string, where: Record<string, string> = {}): number {
  const metric = all.find((m) => m.descriptor.name === name);
  if (metric === undefined) return 0;
  let total = 0;
  for (const p of metric.dataPoints)
    if (Object.entries(where).every(([k, v]) => p.attributes[k] === v)) total += p.value as number;
  return total;
}

/** Histogram count of data points whose attributes include `where`. */
function countOf(all: MetricData[], name: string, where: Record<string, string> = {}): number {
  const metric = all.find((m) => m.descriptor.name === name);
  if (metric === undefined) return 0;
  let total = 0;
  for (const p of metric.dataPoints)
    if (Object.entries(where).every(([k, v]) => p.attributes[k] === v))
      total += (p.value as { count: number }).count;
  return total;
}

const finished = (): ReadableSpan[] => spans.getFinishedSpans();
const parentOf = (s: ReadableSpan): string | undefined => s.parentSpanContext?.spanId;
const keyOf = (s: ReadableSpan): unknown => s.attributes['messaging.kafka.message.key'];

function traceparentTraceId(v: unknown): string | undefined {
  return headerString(v)?.split('-')[1];
}

describe('OpenTelemetry traces and metrics on the real stack', () => {
  const { brokers, registryUrl } = stackEnv();
  const raw = kafkaFor(brokers);

  it('one trace from send through the EOS pipeline into the handler and the dead-letter topics; metrics equal the counts', async () => {
    const orders = uniqueName('otel-orders') as 'orders';
    const invoices = uniqueName('otel-invoices') as 'invoices';
    const topics = defineTopics({
      [orders]: stringKeyAvroTopic<Order>(orderSchema),
      [invoices]: stringKeyAvroTopic<Invoice>(invoiceSchema),
    });
    const client = createClient({
      brokers,
      registry: { url: registryUrl },
      topics,
      schemas: { autoRegister: true },
      logLevel: 'nothing',
      kafka: { 'statistics.interval.ms': 500 },
    });
    const rwdDlq = `${orders}.rwd-dlq`;
    await createTopics(raw, [orders, invoices, `${orders}.dlq`, rwdDlq], 1);

    // N typed sends, one record each; one of them carries the application's own traceparent.
    const ownTraceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const producer = await client.producer({ topics: [orders] });
    await Promise.all(
      Array.from({ length: N }, (_, i) =>
        producer.send(orders, {
          key: `o${i}`,
          value: { id: `o${i}`, cents: (i + 1) * 100 },
          ...(i === 0 ? { headers: { traceparent: ownTraceparent, app: 'mine' } } : {}),
        }),
      ),
    );
    await producer.disconnect();

    // The exactly-once pipeline: orders → invoices; the poison order fails its transform (dead-lettered in the tx).
    const pipelineGroup = uniqueName('otel-eos');
    const pipeline = await client.pipeline({
      from: [orders],
      to: [invoices],
      groupId: pipelineGroup,
      deadLetter: { retry: { retries: 2, initialDelayMs: 1 } },
      transform: (r) => {
        if (r.value.id === POISON) throw new Error('poison order');
        return [
          { topic: invoices, key: r.value.id, value: { orderId: r.value.id, euros: r.value.cents / 100 } },
        ];
      },
    });
    await waitFor(
      'pipeline committed',
      async () => (await committedTotal(raw, pipelineGroup, orders)) >= N,
      60_000,
    );
    await pipeline.stop();

    // A typed consumer's handler on the output topic records the span it runs in.
    const readerGroup = uniqueName('otel-read');
    const consumer = await client.consumer({ groupId: readerGroup, topics: [invoices], fromBeginning: true });
    const handlerSpans = new Map<string, SpanContext>();
    let lastOffset = -1;
    await consumer.run({
      eachMessage: async (m) => {
        lastOffset = Math.max(lastOffset, Number(m.offset));
        const active = trace.getActiveSpan();
        if (active !== undefined) handlerSpans.set(m.value.orderId, active.spanContext());
      },
    });
    await waitFor('N-1 invoices handled', async () => handlerSpans.size >= N - 1, 30_000);

    // runWithDelivery on the input topic: the poison order is retried twice, then dead-lettered.
    const rwdGroup = uniqueName('otel-rwd');
    const rwdConsumer = await client.consumer({
      groupId: rwdGroup,
      topics: [orders],
      fromBeginning: true,
      autoCommit: false,
    });
    let handled = 0;
    const run = await client.runWithDelivery(rwdConsumer, {
      topics: [orders],
      strategy: commitStrategies.perBatch(),
      deadLetter: { topic: rwdDlq, retry: { retries: 2, initialDelayMs: 1 } },
      handle: async (m) => {
        if (m.value.id === POISON) throw new Error('poison order');
        handled++;
      },
    });
    await waitFor('rwd committed', async () => (await committedTotal(raw, rwdGroup, orders)) >= N, 60_000);
    await run.stop();

    // librdkafka statistics arrive every 500 ms: wait for one taken after the reader caught up. Its lag is the
    // partition end (from the admin API; the last transaction's commit marker takes an offset) minus its position.
    const admin = raw.admin();
    await admin.connect();
    const [end] = await admin.fetchTopicOffsets(invoices);
    await admin.disconnect();
    const expectedLag = Number(end!.high) - (lastOffset + 1);
    expect(expectedLag).toBeGreaterThanOrEqual(0);
    let all = await collect();
    const invoiceLag = () =>
      (all.find((m) => m.descriptor.name === 'kgen.consumer.lag')?.dataPoints ?? []).filter(
        (p) => p.attributes['messaging.destination.name'] === invoices,
      );
    await waitFor(
      'statistics: the reader caught up',
      async () => {
        all = await collect();
        return invoiceLag().length > 0 && invoiceLag().every((p) => p.value === expectedLag);
      },
      15_000,
    );
    await consumer.disconnect();

    // --- Traces ---
    const publish = finished().filter((s) => s.name === `publish ${orders}`);
    expect(publish).toHaveLength(N);
    for (const s of publish) {
      expect(s.kind).toBe(3 /* PRODUCER */);
      expect(s.attributes['messaging.system']).toBe('kafka');
      expect(s.attributes['messaging.destination.name']).toBe(orders);
      expect(s.attributes['messaging.destination.partition.id']).toBe('0');
      expect(typeof s.attributes['messaging.kafka.offset']).toBe('number');
    }
    const publishOf = (id: string): ReadableSpan => publish.find((s) => keyOf(s) === id)!;
    const processIn = (group: string): ReadableSpan[] =>
      finished().filter(
        (s) => s.name === `process ${orders}` && s.attributes['messaging.consumer.group.name'] === group,
      );

    const eos = processIn(pipelineGroup);
    const rwd = finished().filter(
      (s) => s.name === `process ${orders}` && s.attributes['messaging.consumer.group.name'] === undefined,
    );
    expect(eos).toHaveLength(N);
    expect(rwd).toHaveLength(N);
    const invoiceProcess = finished().filter((s) => s.name === `process ${invoices}`);
    expect(invoiceProcess).toHaveLength(N - 1);

    // The record that carried the application's traceparent kept it: its process spans continue that trace.
    const first = eos.find((s) => s.spanContext().traceId === '0af7651916cd43dd8448eb211c80319c');
    expect(first).toBeDefined();
    expect(parentOf(first!)).toBe('b7ad6b7169203331');

    for (let i = 1; i < N; i++) {
      const id = `o${i}`;
      const p = publishOf(id);
      const traceId = p.spanContext().traceId;
      // send → pipeline process span: a child of the publish span.
      const inPipeline = eos.find((s) => s.spanContext().traceId === traceId)!;
      expect(parentOf(inPipeline)).toBe(p.spanContext().spanId);
      expect(inPipeline.kind).toBe(4 /* CONSUMER */);
      if (id === POISON) continue;
      // → output record → the consumer's process span, child of the pipeline's, and the handler ran in it.
      const out = invoiceProcess.find((s) => s.spanContext().traceId === traceId)!;
      expect(parentOf(out)).toBe(inPipeline.spanContext().spanId);
      expect(handlerSpans.get(id)).toEqual(out.spanContext());
      expect(out.attributes['messaging.consumer.group.name']).toBe(readerGroup);
    }

    // The transaction is one span per committed batch, linked to the process span of every input.
    const txSpans = finished().filter((s) => s.name === `transaction ${pipelineGroup}.eos`);
    expect(txSpans.length).toBeGreaterThanOrEqual(1);
    const linked = new Set(txSpans.flatMap((s) => s.links.map((l) => l.context.spanId)));
    for (const s of eos) expect(linked.has(s.spanContext().spanId)).toBe(true);
    expect(txSpans.every((s) => s.attributes['kgen.transaction.outcome'] === 'commit')).toBe(true);

    // The poison record: retries and the dead letter are events of its process span; the dead letters continue
    // its trace.
    const poisonTrace = publishOf(POISON).spanContext().traceId;
    const eosPoison = eos.find((s) => s.spanContext().traceId === poisonTrace)!;
    expect(eosPoison.events.map((e) => e.name)).toEqual(['retry', 'retry', 'dead_letter']);
    const [eosDead] = await consumeN(raw, { topic: `${orders}.dlq`, count: 1, isolation: 'read_committed' });
    expect(traceparentTraceId(eosDead!.headers?.['traceparent'])).toBe(poisonTrace);

    const rwdPoison = rwd.find((s) => s.spanContext().traceId === poisonTrace)!;
    expect(rwdPoison.events.map((e) => e.name)).toEqual(['retry', 'retry', 'dead_letter']);
    expect(rwdPoison.status.code).toBe(0 /* UNSET: the record was handled by dead-lettering it */);
    const dlqPublish = finished().find((s) => s.name === `publish ${rwdDlq}`)!;
    expect(parentOf(dlqPublish)).toBe(rwdPoison.spanContext().spanId);
    const [rwdDead] = await consumeN(raw, { topic: rwdDlq, count: 1 });
    expect(headerString(rwdDead!.headers?.['traceparent'])).toBe(
      `00-${poisonTrace}-${dlqPublish.spanContext().spanId}-01`,
    );

    // Receive spans: one per fetch, with the batch size.
    const receives = finished().filter((s) => s.name.startsWith('receive '));
    expect(receives.length).toBeGreaterThan(0);
    expect(receives.every((s) => typeof s.attributes['messaging.batch.message_count'] === 'number')).toBe(
      true,
    );

    // --- Metrics: what the test produced and consumed ---
    const onOrders = { 'messaging.destination.name': orders };
    expect(sumOf(all, 'messaging.client.sent.messages', onOrders)).toBe(N);
    // Bytes: what a plain consumer reads back (key + value), computed apart from kgen.
    const back = await consumeN(raw, { topic: orders, count: N });
    const bytes = back.reduce((n, m) => n + (m.key?.length ?? 0) + (m.value?.length ?? 0), 0);
    expect(sumOf(all, 'kgen.producer.sent.bytes', onOrders)).toBe(bytes);
    expect(countOf(all, 'kgen.producer.send.duration', onOrders)).toBe(N);
    expect(sumOf(all, 'kgen.producer.send.errors')).toBe(0);
    expect(
      sumOf(all, 'messaging.client.consumed.messages', {
        ...onOrders,
        'messaging.consumer.group.name': pipelineGroup,
      }),
    ).toBe(N);
    expect(
      sumOf(all, 'kgen.consumer.consumed.bytes', {
        ...onOrders,
        'messaging.consumer.group.name': pipelineGroup,
      }),
    ).toBe(bytes);
    expect(
      sumOf(all, 'messaging.client.consumed.messages', { 'messaging.consumer.group.name': readerGroup }),
    ).toBe(N - 1);
    expect(countOf(all, 'messaging.process.duration', { 'messaging.consumer.group.name': readerGroup })).toBe(
      N - 1,
    );
    // runWithDelivery's records: every consumed record minus the pipeline's and the reader's.
    expect(sumOf(all, 'messaging.client.consumed.messages')).toBe(N + (N - 1) + N);
    expect(handled).toBe(N - 1);
    expect(sumOf(all, 'kgen.delivery.retries')).toBe(4);
    expect(sumOf(all, 'kgen.delivery.dead_letters', onOrders)).toBe(2);
    // The pipeline's committed transactions count their records as sent.
    expect(sumOf(all, 'messaging.client.sent.messages')).toBe(N + (N - 1) + 1);
    expect(sumOf(all, 'kgen.consumer.commits')).toBeGreaterThan(0);
    expect(countOf(all, 'kgen.consumer.commit.duration')).toBeGreaterThan(0);
    expect(invoiceLag().map((p) => p.value)).toEqual([expectedLag]);
    const up = all.find((m) => m.descriptor.name === 'kgen.rdkafka.broker.up')!;
    expect(up.dataPoints.some((p) => p.value === 1)).toBe(true);
  });
});
