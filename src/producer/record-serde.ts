import type { KafkaJS } from '@confluentinc/kafka-javascript';
import { faithfulBytes } from '../kafka/faithful-bytes';
import type { RawRecord } from '../kafka/raw-record';
import type {
  HeadersMember,
  HeadersOutputOf,
  KeyInput,
  KeyOutput,
  TopicMap,
  TopicName,
  ValueInput,
  ValueOutput,
} from '../topics';

/** The fields of an {@link OutputRecord} besides its headers. */
export interface OutputRecordFields<T extends TopicMap, N extends TopicName<T>> {
  /** The topic to write to. */
  readonly topic: N;
  /** The record key, of the topic's key type. */
  readonly key: KeyInput<T, N>;
  /** The record value, of the topic's value type. */
  readonly value: ValueInput<T, N>;
  /** Explicit partition; default: the partitioner picks it from the key. */
  readonly partition?: number;
}

/**
 * A record to produce to topic `N` of the topic map `T`, typed by the map: its headers are the topic's
 * declared ones (required when one is), or any Kafka headers for a topic that declares none.
 */
export type OutputRecord<T extends TopicMap, N extends TopicName<T>> = OutputRecordFields<T, N> &
  HeadersMember<T, N, KafkaJS.IHeaders>;

/** A record to any of the topics `To` (a discriminated union on `topic`). */
export type AnyOutputRecord<T extends TopicMap, To extends TopicName<T>> = {
  [N in To]: OutputRecord<T, N>;
}[To];

/** A consumed, decoded record of topic `N`, with its raw form. */
export interface InputRecord<T extends TopicMap, N extends TopicName<T>> {
  /** The topic the record was read from. */
  readonly topic: N;
  /** Its partition. */
  readonly partition: number;
  /** Its offset, as a decimal string. */
  readonly offset: string;
  /** Broker or producer timestamp, ms since epoch as a decimal string. */
  readonly timestamp: string;
  /** The decoded key, of the topic's key type. */
  readonly key: KeyOutput<T, N>;
  /** The decoded value, of the topic's value type. */
  readonly value: ValueOutput<T, N>;
  /** The declared headers decoded, for a topic declaring them (the rest are in `raw`); else as fetched. */
  readonly headers: HeadersOutputOf<T, N>;
  /** The bytes as fetched. */
  readonly raw: RawRecord;
}

/** A record of any of the topics `From` (a discriminated union on `topic`). */
export type AnyInputRecord<T extends TopicMap, From extends TopicName<T>> = {
  [N in From]: InputRecord<T, N>;
}[From];

/** Bytes of one record. */
export interface EncodedRecord {
  /** Key bytes, or null for no key. */
  readonly key: Buffer | null;
  /** Value bytes, or null for a tombstone. */
  readonly value: Buffer | null;
}

/** Decoded key and value of one record. */
export interface DecodedRecord {
  /** The decoded key (null when the record has none). */
  readonly key: unknown;
  /** The decoded value. */
  readonly value: unknown;
  /** The declared headers decoded, when the serde decodes headers (else the engines keep the fetched ones). */
  readonly headers?: unknown;
}

/**
 * The serde plug of the delivery engines: bytes ↔ values per topic. The SDK's client supplies it from the
 * topic map's codecs; tests can supply any function pair. Types are enforced at the typed API surface.
 */
export interface RecordSerde {
  /**
   * Key and value of a record for `topic` → bytes (Confluent-framed for registry schemas). May return a
   * promise (a schema id seen for the first time); the engines await only then.
   */
  encode(topic: string, key: unknown, value: unknown): EncodedRecord | Promise<EncodedRecord>;
  /** A fetched record → key and value (or a promise of them). Throws / rejects on an undecodable payload. */
  decode(record: RawRecord): DecodedRecord | Promise<DecodedRecord>;
  /**
   * A record's headers for `topic` → Kafka headers, checked against the topic's declared headers (throws
   * when they break them). Optional: without it headers are sent as given.
   */
  encodeHeaders?(topic: string, headers: unknown): KafkaJS.IHeaders | undefined;
}

/** An output record as the engines see it: headers are checked by the serde at runtime. */
type AnyRecord = OutputRecordFields<TopicMap, string> & { readonly headers?: unknown };

function messageOf(
  record: AnyRecord,
  headers: KafkaJS.IHeaders | undefined,
  encoded: EncodedRecord,
): KafkaJS.Message {
  const msg: KafkaJS.Message = { key: faithfulBytes(encoded.key), value: faithfulBytes(encoded.value) };
  if (headers) msg.headers = headers;
  if (record.partition !== undefined) msg.partition = record.partition;
  return msg;
}

/** Encodes a typed output record into a message of the official client (sync when the serde is). */
export function toMessage<T extends TopicMap = TopicMap, N extends TopicName<T> = TopicName<T>>(
  serde: RecordSerde,
  record: AnyOutputRecord<T, N>,
): KafkaJS.Message | Promise<KafkaJS.Message> {
  const r = record as unknown as AnyRecord;
  const headers =
    serde.encodeHeaders === undefined
      ? (r.headers as KafkaJS.IHeaders | undefined)
      : serde.encodeHeaders(r.topic, r.headers);
  const encoded = serde.encode(r.topic, r.key, r.value);
  return encoded instanceof Promise
    ? encoded.then((e) => messageOf(r, headers, e))
    : messageOf(r, headers, encoded);
}
