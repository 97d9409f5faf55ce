import type { Attributes, Span } from '@opentelemetry/api';
import { activeInstruments, secondsSince, type KgenInstruments } from './instruments';
import { ATTR, errorType, KAFKA } from './semconv';
import { endSpan, endSpanWithError, startPublishSpan, activeTracing, type Tracing } from './tracing';
import { withTraceHeaders, type HeaderObject } from './trace-headers';

/** Where one record of a send landed (a producer's delivery report). */
interface Landed {
  readonly partition: number;
  readonly offset: string | undefined;
}

/**
 * One producer send under observation: its `publish` span (when tracing) and its counts (when metrics),
 * from the send call to its delivery reports.
 */
export class SendObservation {
  #bytes = 0;
  readonly #start: number;

  private constructor(
    private readonly topic: string,
    private readonly count: number,
    private readonly tracing: Tracing | undefined,
    private readonly instruments: KgenInstruments | undefined,
    private readonly span: Span | undefined,
  ) {
    this.#start = instruments === undefined ? 0 : performance.now();
  }

  /** Starts observing a send of `count` records, or undefined when neither tracing nor metrics is on. */
  static start(topic: string, count: number, key: unknown): SendObservation | undefined {
    const tracing = activeTracing();
    const instruments = activeInstruments();
    if (tracing === undefined && instruments === undefined) return undefined;
    const span = tracing === undefined ? undefined : startPublishSpan(tracing, topic, count, key);
    return new SendObservation(topic, count, tracing, instruments, span);
  }

  /** `headers` carrying this send's trace context (the application's own `traceparent` wins). */
  headers<H extends HeaderObject>(headers: H | undefined): H | undefined {
    if (this.span === undefined) return headers;
    const sc = this.span.spanContext();
    // A no-op tracer's span has the all-zero context: nothing to propagate.
    return this.tracing!.api.isSpanContextValid(sc) ? withTraceHeaders(headers, sc) : headers;
  }

  /** Whether the outcome matters: metrics are on, or the span records (a no-op tracer's does not). */
  get wantsOutcome(): boolean {
    return this.instruments !== undefined || this.span?.isRecording() === true;
  }

  /** Adds the encoded size of a record (key + value bytes). */
  addBytes(n: number): void {
    this.#bytes += n;
  }

  #attributes(): Attributes {
    return { [ATTR.system]: KAFKA, [ATTR.destination]: this.topic };
  }

  /** The broker acknowledged every record. */
  delivered(reports: readonly Landed[]): void {
    const ins = this.instruments;
    if (ins !== undefined) {
      const a = this.#attributes();
      ins.sentMessages.add(this.count, a);
      ins.sentBytes.add(this.#bytes, a);
      ins.sendDuration.record(secondsSince(this.#start), a);
    }
    if (this.span !== undefined) {
      const first = reports.length === 1 ? reports[0] : undefined;
      endSpan(
        this.span,
        first === undefined
          ? undefined
          : first.offset === undefined
            ? { [ATTR.partition]: String(first.partition) }
            : { [ATTR.partition]: String(first.partition), [ATTR.offset]: Number(first.offset) },
      );
    }
  }

  /** The send failed (for at least one of its records). */
  failed(err: unknown): void {
    const ins = this.instruments;
    if (ins !== undefined) {
      const a = this.#attributes();
      a[ATTR.errorType] = errorType(err);
      ins.sendErrors.add(this.count, a);
      ins.sendDuration.record(secondsSince(this.#start), a);
    }
    if (this.span !== undefined) endSpanWithError(this.tracing!, this.span, err);
  }
}
