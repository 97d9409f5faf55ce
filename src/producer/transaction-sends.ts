import type { KafkaJS } from '@confluentinc/kafka-javascript';
import type { SpanContext } from '@opentelemetry/api';
import { faithfulBytes, faithfulKey } from '../kafka/faithful-bytes';
import { nativeProducerOf, type NativeProducer } from '../kafka/internal-client';
import { withTraceHeaders } from '../telemetry/trace-headers';
import { KgenDelivery, routeDeliveryReports } from './deliveries';
import { nativeHeaders } from './native-produce';

/**
 * The opaque of one topic's records in one transactional send: settles once every record is reported, and
 * rejects with the first failure as librdkafka reported it (its flags classify it, as the KafkaJS layer's
 * error would be).
 */
class TopicSend extends KgenDelivery {
  readonly promise: Promise<void>;
  #settle!: () => void;
  #fail!: (err: unknown) => void;
  #remaining: number;
  #failure: unknown = undefined;

  constructor(count: number) {
    super();
    this.#remaining = count;
    this.promise = new Promise<void>((resolve, reject) => {
      this.#settle = resolve;
      this.#fail = reject;
    });
  }

  delivered(): void {
    this.#one();
  }

  failed(err: unknown): void {
    this.#failure ??= err;
    this.#one();
  }

  refuse(err: unknown): void {
    this.failed(err);
  }

  #one(): void {
    if (--this.#remaining > 0) return;
    if (this.#failure === undefined) this.#settle();
    else this.#fail(this.#failure);
  }
}

const sends = new WeakMap<KafkaJS.Producer, TransactionSends | null>();

/**
 * Hands a transaction's records to librdkafka directly instead of through the KafkaJS layer's `send`: one
 * opaque per topic of a send instead of a promise, a closure and a metadata object per record. What a send
 * promises is unchanged: it resolves once every record is delivered and rejects with the first failure
 * (librdkafka refuses to commit a transaction with a failed record either way). A full queue fails the send,
 * as it does through the KafkaJS layer: waiting records must not outlive an abort into the next transaction.
 */
export class TransactionSends {
  readonly #native: NativeProducer<TopicSend>;

  private constructor(native: NativeProducer<TopicSend>) {
    this.#native = native;
  }

  /** The direct path of a connected producer, or undefined (no native client: the KafkaJS layer sends). */
  static of(producer: KafkaJS.Producer): TransactionSends | undefined {
    let direct = sends.get(producer);
    if (direct === undefined) {
      const native = nativeProducerOf<TopicSend>(producer);
      // Every record sent here carries an opaque; the KafkaJS layer's own sends keep their listener.
      direct =
        native !== undefined && routeDeliveryReports(native, () => undefined)
          ? new TransactionSends(native)
          : null;
      sends.set(producer, direct);
    }
    return direct ?? undefined;
  }

  /** Sends `messages` to `topic`; `sc` (the caller's span context) goes into their trace headers. */
  send(topic: string, messages: readonly KafkaJS.Message[], sc: SpanContext | undefined): Promise<void> {
    if (messages.length === 0) return Promise.resolve();
    const delivery = new TopicSend(messages.length);
    for (const m of messages) {
      const value = typeof m.value === 'string' ? Buffer.from(m.value) : m.value;
      const key = m.key ?? null;
      const headers = nativeHeaders(sc === undefined ? m.headers : withTraceHeaders(m.headers, sc));
      try {
        this.#native.produce(
          topic,
          m.partition ?? -1,
          faithfulBytes(value),
          faithfulKey(key),
          m.timestamp ? Number(m.timestamp) : 0,
          delivery,
          headers,
        );
      } catch (err) {
        delivery.refuse(err);
      }
    }
    return delivery.promise;
  }
}
