/**
 * Traces, metrics and logs of a kgen service with the OpenTelemetry SDK, printed to the console.
 * `npx tsx examples/observability.ts` on the local stack (`npm run stack:up`). For a collector, swap the
 * console exporters for OTLP ones (`@opentelemetry/exporter-trace-otlp-http`, `…-metrics-otlp-http`).
 */
import { context, metrics, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BatchSpanProcessor, ConsoleSpanExporter, TracerProvider } from '@opentelemetry/sdk-trace';
import {
  ConsoleMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { createClient, defineTopics, stringSerde, type KgenLogger } from 'kgen';

// 1. The SDK, registered globally before the client is used (kgen finds the global providers).
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
const tracerProvider = new TracerProvider({
  spanProcessors: [new BatchSpanProcessor({ exporter: new ConsoleSpanExporter() })],
});
trace.setGlobalTracerProvider(tracerProvider);
const meterProvider = new MeterProvider({
  readers: [
    new PeriodicExportingMetricReader({ exporter: new ConsoleMetricExporter(), exportIntervalMillis: 5_000 }),
  ],
});
metrics.setGlobalMeterProvider(meterProvider);

// 2. A pino-shaped logger (pino itself fits: `logger: pino()`); this one writes JSON lines.
const logger: KgenLogger = {
  debug: () => undefined,
  info: (obj, msg) => console.log(JSON.stringify({ level: 'info', ...obj, msg })),
  warn: (obj, msg) => console.log(JSON.stringify({ level: 'warn', ...obj, msg })),
  error: (obj, msg) => console.log(JSON.stringify({ level: 'error', ...obj, msg })),
};

const topics = defineTopics({ greetings: { key: stringSerde, value: stringSerde } });

async function main(): Promise<void> {
  const client = createClient({
    brokers: process.env['KAFKA_BROKERS'] ?? '127.0.0.1:19092',
    registry: { url: process.env['SCHEMA_REGISTRY_URL'] ?? 'http://127.0.0.1:18081/apis/ccompat/v7' },
    topics,
    logger,
    // librdkafka statistics every 5 s feed the lag, queue and broker gauges.
    kafka: { 'statistics.interval.ms': 5_000 },
  });
  const producer = await client.producer();
  await producer.send('greetings', { key: 'k', value: 'hello' }); // a `publish greetings` span
  await producer.disconnect();

  const consumer = await client.consumer({
    groupId: 'observability-example',
    topics: ['greetings'],
    fromBeginning: true,
  });
  let seen = false;
  await consumer.run({
    // Runs in a `process greetings` span, a child of the publish span; sends made here continue the trace.
    eachMessage: async () => void (seen = true),
  });
  while (!seen) await new Promise((r) => setTimeout(r, 100));
  await consumer.disconnect();
  await tracerProvider.shutdown(); // flushes the batch processor
  await meterProvider.shutdown();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
