import type { Span } from '@opentelemetry/api';
import { ATTR, KAFKA } from '../telemetry/semconv';
import { endSpanWithError, type Tracing } from '../telemetry/tracing';
import type { SpanContext } from '@opentelemetry/api';

/**
 * The one span of a pipeline transaction (`transaction <transactional.id>`), from its first input to its
 * commit or abort, linked to the `process` span of every input it carries (those stay in their producers'
 * traces).
 */
export class TransactionSpan {
  readonly #span: Span;
  readonly #tracing: Tracing;

  constructor(tracing: Tracing, transactionalId: string, groupId: string) {
    this.#tracing = tracing;
    this.#span = tracing.tracer.startSpan(`transaction ${transactionalId}`, {
      kind: tracing.api.SpanKind.INTERNAL,
      attributes: {
        [ATTR.system]: KAFKA,
        [ATTR.consumerGroup]: groupId,
        'messaging.kafka.transactional.id': transactionalId,
      },
    });
  }

  /** Links an input record's process span. */
  link(sc: SpanContext): void {
    this.#span.addLink({ context: sc });
  }

  committed(records: number): void {
    this.#span.setAttributes({ [ATTR.batchCount]: records, 'kgen.transaction.outcome': 'commit' });
    this.#span.end();
  }

  aborted(records: number, error: unknown): void {
    this.#span.setAttributes({ [ATTR.batchCount]: records, 'kgen.transaction.outcome': 'abort' });
    endSpanWithError(this.#tracing, this.#span, error);
  }
}
