import * as api from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { setOtelApiForTests } from '../../../src/telemetry/otel-api';
import { activeTracing } from '../../../src/telemetry/tracing';
import { activeInstruments } from '../../../src/telemetry/instruments';
import { SendObservation } from '../../../src/telemetry/observe-send';
import { consumeTelemetry } from '../../../src/telemetry/observe-process';

afterEach(() => {
  api.trace.disable();
  api.metrics.disable();
  setOtelApiForTests(undefined);
});

describe('telemetry is on only while a provider is registered', () => {
  it('without @opentelemetry/api: nothing to observe', () => {
    setOtelApiForTests(null);
    expect(activeTracing()).toBeUndefined();
    expect(activeInstruments()).toBeUndefined();
    expect(SendObservation.start('t', 1, 'k')).toBeUndefined();
    expect(consumeTelemetry()).toBeUndefined();
  });

  it('with the API but no provider registered: nothing to observe', () => {
    expect(activeTracing()).toBeUndefined();
    expect(activeInstruments()).toBeUndefined();
    expect(SendObservation.start('t', 1, 'k')).toBeUndefined();
  });

  it('a registered tracer provider turns tracing on, and off again when it is removed', () => {
    const spans = new InMemorySpanExporter();
    api.trace.setGlobalTracerProvider(
      new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter: spans })] }),
    );
    const observed = SendObservation.start('orders', 1, 'k1');
    expect(observed).toBeDefined();
    const headers = observed!.headers({ app: 'x' });
    expect(headers).toEqual({
      traceparent: expect.stringMatching(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/),
      app: 'x',
    });
    observed!.delivered([{ partition: 2, offset: '41' }]);
    const [span] = spans.getFinishedSpans();
    expect(span).toMatchObject({
      name: 'publish orders',
      kind: api.SpanKind.PRODUCER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'publish',
        'messaging.destination.name': 'orders',
        'messaging.kafka.message.key': 'k1',
        'messaging.destination.partition.id': '2',
        'messaging.kafka.offset': 41,
      },
    });
    api.trace.disable();
    expect(activeTracing()).toBeUndefined();
  });

  it('a failed send ends its span with status ERROR and error.type', () => {
    const spans = new InMemorySpanExporter();
    api.trace.setGlobalTracerProvider(
      new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter: spans })] }),
    );
    SendObservation.start('orders', 3, undefined)!.failed(
      Object.assign(new Error('timed out'), { code: -192 }),
    );
    const [span] = spans.getFinishedSpans();
    expect(span!.status.code).toBe(api.SpanStatusCode.ERROR);
    expect(span!.attributes).toMatchObject({ 'error.type': '-192', 'messaging.batch.message_count': 3 });
  });

  it('a registered meter provider turns metrics on', () => {
    api.metrics.setGlobalMeterProvider(new MeterProvider());
    expect(activeInstruments()).toBeDefined();
    expect(activeTracing()).toBeUndefined();
    expect(consumeTelemetry()).toEqual({ tracing: undefined, instruments: activeInstruments() });
  });
});
