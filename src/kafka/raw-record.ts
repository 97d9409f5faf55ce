import type { KafkaJS } from '@confluentinc/kafka-javascript';

/** A record as fetched, before decoding: what a dead letter preserves byte for byte. */
export interface RawRecord {
  readonly topic: string;
  readonly partition: number;
  /** Offset as a decimal string. */
  readonly offset: string;
  /** Broker or producer timestamp, ms since epoch as a decimal string. */
  readonly timestamp: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: KafkaJS.IHeaders;
}

/** Builds a {@link RawRecord} from a message of the official client's promisified consumer. */
export function rawRecordOf(topic: string, partition: number, message: KafkaJS.KafkaMessage): RawRecord {
  return {
    topic,
    partition,
    offset: message.offset,
    timestamp: message.timestamp,
    key: message.key,
    value: message.value,
    headers: message.headers ?? {},
  };
}
