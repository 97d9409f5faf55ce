import type { KafkaJS } from '@confluentinc/kafka-javascript';
import { KgenError } from '../../errors';
import type { DeliveryMetrics } from '../../metrics/delivery-metrics';
import { faithfulBytes } from '../../kafka/faithful-bytes';
import { deadLetterHeaders, type DeadLetterReason } from './headers';
import type { RawRecord } from '../../kafka/raw-record';

/** Where dead letters go: default `<topic>.dlq`. */
export type DeadLetterTopic = string | ((sourceTopic: string) => string);

/** Default dead-letter topic of a source topic. */
export const defaultDeadLetterTopic = (topic: string): string => `${topic}.dlq`;

/** Thrown when a dead letter cannot be written; the source record is then NOT committed (nothing is lost). */
export class DeadLetterError extends KgenError {
  /** Topic of the record that could not be dead-lettered. */
  readonly topic: string;
  /** Its partition. */
  readonly partition: number;
  /** Its offset, as a decimal string. */
  readonly offset: string;
  /** The dead-letter topic the write failed on. */
  readonly deadLetterTopic: string;
  constructor(record: RawRecord, deadLetterTopic: string, cause: unknown) {
    super(
      'DEAD_LETTER',
      `could not write ${record.topic}[${record.partition}]@${record.offset} to dead-letter topic ${deadLetterTopic}: ${String(cause)}`,
      { cause },
    );
    this.topic = record.topic;
    this.partition = record.partition;
    this.offset = record.offset;
    this.deadLetterTopic = deadLetterTopic;
  }
}

/** What a publisher writes with: a producer's `send` (raw bytes in, broker ack out). */
export type SendFn = (record: KafkaJS.ProducerRecord) => Promise<unknown>;

/** Options of a {@link DeadLetterPublisher}. */
export interface DeadLetterPublisherOptions {
  /** Sends the dead letter, e.g. `(r) => producer.send(r)` of an idempotent producer. */
  readonly send: SendFn;
  /** Dead-letter topic name or naming function; default `<topic>.dlq`. */
  readonly topic?: DeadLetterTopic;
  /** Counts dead letters written (`deadLettered`). */
  readonly metrics?: DeliveryMetrics;
}

/**
 * Writes a failed record to its dead-letter topic: original key/value bytes untouched, original headers kept,
 * kgen's error headers added (see `dlqHeaders`), same partition key so per-key order survives.
 */
export class DeadLetterPublisher {
  private readonly opts: DeadLetterPublisherOptions;

  constructor(opts: DeadLetterPublisherOptions) {
    this.opts = opts;
  }

  /** The dead-letter topic of a source topic. */
  topicOf(sourceTopic: string): string {
    const t = this.opts.topic;
    if (t === undefined) return defaultDeadLetterTopic(sourceTopic);
    return typeof t === 'string' ? t : t(sourceTopic);
  }

  /** The record to produce for a dead letter (also used inside a pipeline's transaction). */
  message(
    record: RawRecord,
    error: unknown,
    reason: DeadLetterReason,
    attempts: number,
  ): KafkaJS.ProducerRecord {
    return {
      topic: this.topicOf(record.topic),
      messages: [
        {
          key: faithfulBytes(record.key),
          value: faithfulBytes(record.value),
          headers: deadLetterHeaders(record, error, reason, attempts),
        },
      ],
    };
  }

  /** Writes the dead letter and waits for the broker's ack; throws {@link DeadLetterError} if that fails. */
  async publish(
    record: RawRecord,
    error: unknown,
    reason: DeadLetterReason,
    attempts: number,
  ): Promise<void> {
    const msg = this.message(record, error, reason, attempts);
    try {
      await this.opts.send(msg);
    } catch (e) {
      throw new DeadLetterError(record, msg.topic, e);
    }
    this.opts.metrics?.increment('deadLettered');
  }
}
