import type { KafkaJS } from '@confluentinc/kafka-javascript';
import type { NativeMessage } from '../../kafka/internal-client';
import type { RawRecord } from '../../kafka/raw-record';

/** Headers of records that have none: one shared, frozen object instead of an empty one per record. */
export const NO_HEADERS: KafkaJS.IHeaders = Object.freeze({}) as KafkaJS.IHeaders;

/** The binding's header list as KafkaJS-style headers (a repeated name becomes an array, as KafkaJS does). */
export function headersOf(list: NativeMessage['headers']): KafkaJS.IHeaders {
  if (list === undefined || list.length === 0) return NO_HEADERS;
  const headers: Record<string, Buffer | string | Array<Buffer | string>> = {};
  for (const header of list)
    for (const name in header) {
      const value = header[name]!;
      const seen = headers[name];
      if (seen === undefined) headers[name] = value;
      else if (Array.isArray(seen)) seen.push(value);
      else headers[name] = [seen, value];
    }
  return headers as KafkaJS.IHeaders;
}

/** A fetched key as bytes (the binding hands keys over as Buffers; strings are tolerated). */
export function keyOf(m: NativeMessage): Buffer | null {
  const key = m.key;
  if (key === null || key === undefined) return null;
  return typeof key === 'string' ? Buffer.from(key) : key;
}

// Records of one producer batch often share their millisecond: the last timestamp's string is kept, since
// formatting a timestamp (a double, not a small integer) is one of the costlier steps per record.
let lastTimestamp = 0;
let lastTimestampText = '';

/** Timestamp as the KafkaJS layer gives it: ms since epoch as a decimal string, '' when unknown. */
export function timestampOf(m: NativeMessage): string {
  const ts = m.timestamp;
  if (!ts) return '';
  if (ts !== lastTimestamp) {
    lastTimestamp = ts;
    lastTimestampText = String(ts);
  }
  return lastTimestampText;
}

/** The undecoded record of a fetched message (what dead letters and `onDecodeError` get). */
export function rawRecordOfFetched(m: NativeMessage): RawRecord {
  return {
    topic: m.topic,
    partition: m.partition,
    offset: String(m.offset),
    timestamp: timestampOf(m),
    key: keyOf(m),
    value: m.value,
    headers: m.headers === undefined ? {} : headersOf(m.headers),
  };
}

/**
 * A decoded record of the native path: the typed message handed to `eachMessage` and `eachBatch`. Plain own
 * fields (as before: spreads and equality see them); the undecoded record is built only when `raw` is read.
 */
export class FetchedRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly timestamp: string;
  readonly key: unknown;
  readonly value: unknown;
  /** As fetched; or, for a topic declaring headers, the declared ones decoded. */
  readonly headers: KafkaJS.IHeaders | Readonly<Record<string, unknown>>;
  readonly #fetched: NativeMessage;
  #raw: RawRecord | undefined;

  constructor(m: NativeMessage, key: unknown, value: unknown, headers?: Readonly<Record<string, unknown>>) {
    this.topic = m.topic;
    this.partition = m.partition;
    this.offset = String(m.offset);
    this.timestamp = timestampOf(m);
    this.key = key;
    this.value = value;
    this.headers = headers ?? (m.headers === undefined ? NO_HEADERS : headersOf(m.headers));
    this.#fetched = m;
    this.#raw = undefined;
  }

  /** The undecoded record. */
  get raw(): RawRecord {
    return (this.#raw ??= rawRecordOfFetched(this.#fetched));
  }
}
