import type { KafkaJS } from '@confluentinc/kafka-javascript';

/** A record as fetched, before decoding: what a dead letter preserves byte for byte. */
export interface RawRecord {
  /** The topic the record was fetched from. */
  readonly topic: string;
  /** Its partition. */
  readonly partition: number;
  /** Offset as a decimal string. */
  readonly offset: string;
  /** Broker or producer timestamp, ms since epoch as a decimal string. */
  readonly timestamp: string;
  /** Key bytes as fetched, or null when the record has no key. */
  readonly key: Buffer | null;
  /** Value bytes as fetched, or null for a tombstone. */
  readonly value: Buffer | null;
  /** Headers as fetched (a repeated name is an array). */
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

/** A produced message's key or value as the bytes a consumer would fetch (strings as UTF-8; none is null). */
export function messageBytes(b: Buffer | string | null | undefined): Buffer | null {
  return b === null || b === undefined ? null : Buffer.isBuffer(b) ? b : Buffer.from(b);
}
