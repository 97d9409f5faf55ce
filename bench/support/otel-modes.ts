// The OpenTelemetry set-ups the produce and consume benches run kgen under, beside kgen without any:
//   noop  @opentelemetry/api with a registered tracer provider whose tracer is the API's no-op tracer
//         (kgen's instrumented path runs; spans are non-recording, nothing is exported)
//   sdk   the trace SDK (TracerProvider + BatchSpanProcessor with default limits) exporting to an exporter
//         that drops everything, and the AsyncLocalStorage context manager a Node service registers
import { context, ProxyTracerProvider, trace, type TracerProvider } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BatchSpanProcessor,
  TracerProvider as SdkTracerProvider,
  type SpanExporter,
} from '@opentelemetry/sdk-trace';

export type OtelMode = 'noop' | 'sdk';

/** Drops every span: the bench measures kgen's and the SDK's cost, not an exporter's. */
const dropAll: SpanExporter = {
  export: (_spans, done) => done({ code: 0 }),
  shutdown: () => Promise.resolve(),
};

/** Runs `fn` with the given set-up registered globally, and removes it afterwards. */
export async function withOtel<T>(mode: OtelMode, fn: () => Promise<T>): Promise<T> {
  let sdk: SdkTracerProvider | undefined;
  if (mode === 'noop') {
    const noopTracer = new ProxyTracerProvider().getDelegate().getTracer('bench');
    const provider: TracerProvider = { getTracer: () => noopTracer };
    trace.setGlobalTracerProvider(provider);
  } else {
    sdk = new SdkTracerProvider({ spanProcessors: [new BatchSpanProcessor({ exporter: dropAll })] });
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    trace.setGlobalTracerProvider(sdk);
  }
  try {
    return await fn();
  } finally {
    trace.disable();
    context.disable();
    await sdk?.shutdown();
  }
}
