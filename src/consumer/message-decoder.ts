import { describeError } from '../serde/registry/errors';
import type { SerdeContext, ValueDeserializer } from '../serde/registry/serde-context';
import { createTopicDeserializer } from '../serde/topic-serde';
import type { TopicMap } from '../topics';
import type { NativeMessage } from '../kafka/internal-client';
import {
  createHeadersDecoder,
  HeaderDecodeProblem,
  type HeadersDecoder,
} from '../serde/headers/headers-decoder';
import { DecodeError, frameSchemaId } from './decode-error';
import type { RawMessage } from './message';
import { FetchedRecord, headersOf, keyOf, rawRecordOfFetched } from './native/fetched-record';

/** A decoded record before its type is narrowed (the consumer casts it to `TypedMessage`). */
export interface DecodedRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly timestamp: string;
  readonly key: unknown;
  readonly value: unknown;
  /** The declared headers decoded, when the topic declares them; else the headers as fetched. */
  readonly headers: RawMessage['headers'] | Readonly<Record<string, unknown>>;
  readonly raw: RawMessage;
}

/** A decoded tombstone (null value) before its type is narrowed. */
export type DecodedTombstone = Omit<DecodedRecord, 'value'>;

interface TopicDeserializers {
  readonly key: ValueDeserializer;
  readonly value: ValueDeserializer;
  /** Undefined when the topic declares no headers. */
  readonly headers: HeadersDecoder | undefined;
}

/** Decodes raw records of the subscribed topics; synchronous once every writer schema id has been seen. */
export class MessageDecoder {
  readonly #byTopic = new Map<string, TopicDeserializers>();

  constructor(ctx: SerdeContext, topics: TopicMap, subscribed: readonly string[]) {
    for (const topic of subscribed) {
      const d = topics[topic];
      if (d === undefined) continue;
      this.#byTopic.set(topic, {
        key: createTopicDeserializer(ctx, topic, 'key', d.key),
        value: createTopicDeserializer(ctx, topic, 'value', d.value),
        headers: createHeadersDecoder(topic, d.headers),
      });
    }
  }

  /** The decoded record, a promise of it (first sight of a schema id), or a thrown {@link DecodeError}. */
  decode(raw: RawMessage): DecodedRecord | Promise<DecodedRecord> {
    const serdes = this.#byTopic.get(raw.topic);
    if (serdes === undefined) throw this.#error(raw, 'value', "the topic is not in the consumer's topic map");
    if (raw.value === null) throw this.#error(raw, 'value', 'the value is null (a tombstone)');
    const headers = this.#headers(raw, serdes.headers, raw.headers);
    const key = raw.key === null ? null : this.#guard(raw, 'key', serdes.key, raw.key);
    const value = this.#guard(raw, 'value', serdes.value, raw.value);
    if (key instanceof Promise || value instanceof Promise)
      return Promise.all([key, value]).then(([k, v]) => this.#record(raw, k, v, headers));
    return this.#record(raw, key, value, headers);
  }

  /**
   * A record of the native fetch path, decoded: the typed record, a promise of it (first sight of a writer
   * schema id), or a thrown {@link DecodeError}. No intermediate record object on the synchronous path.
   */
  decodeFetched(m: NativeMessage): FetchedRecord | Promise<FetchedRecord> {
    const serdes = this.#byTopic.get(m.topic);
    if (serdes === undefined)
      throw this.#error(rawRecordOfFetched(m), 'value', "the topic is not in the consumer's topic map");
    if (m.value === null)
      throw this.#error(rawRecordOfFetched(m), 'value', 'the value is null (a tombstone)');
    const headers = serdes.headers === undefined ? undefined : this.#fetchedHeaders(m, serdes.headers);
    const keyBytes = keyOf(m);
    let key: unknown = null;
    let value: unknown;
    try {
      if (keyBytes !== null) key = serdes.key(keyBytes);
    } catch (err) {
      throw this.#error(rawRecordOfFetched(m), 'key', describeError(err), err);
    }
    try {
      value = serdes.value(m.value);
    } catch (err) {
      throw this.#error(rawRecordOfFetched(m), 'value', describeError(err), err);
    }
    if (key instanceof Promise || value instanceof Promise) return this.#fetchedLater(m, key, value, headers);
    return new FetchedRecord(m, key, value, headers);
  }

  /** A fetched record's declared headers, decoded (a {@link DecodeError} when they do not fit). */
  #fetchedHeaders(m: NativeMessage, decode: HeadersDecoder): Readonly<Record<string, unknown>> {
    try {
      return decode(m.headers === undefined ? {} : headersOf(m.headers));
    } catch (err) {
      throw this.#headersError(rawRecordOfFetched(m), err);
    }
  }

  /** The slow path of {@link decodeFetched}: a writer schema is being fetched. */
  async #fetchedLater(
    m: NativeMessage,
    key: unknown,
    value: unknown,
    headers: Readonly<Record<string, unknown>> | undefined,
  ): Promise<FetchedRecord> {
    const settle = async (role: 'key' | 'value', v: unknown): Promise<unknown> => {
      try {
        return await v;
      } catch (err) {
        throw this.#error(rawRecordOfFetched(m), role, describeError(err), err);
      }
    };
    const [k, v] = await Promise.all([settle('key', key), settle('value', value)]);
    return new FetchedRecord(m, k, v, headers);
  }

  /** A tombstone's record: only the key is decoded (synchronously once its schema id has been seen). */
  decodeTombstone(raw: RawMessage): DecodedTombstone | Promise<DecodedTombstone> {
    const serdes = this.#byTopic.get(raw.topic);
    if (serdes === undefined) throw this.#error(raw, 'key', "the topic is not in the consumer's topic map");
    const headers = this.#headers(raw, serdes.headers, raw.headers);
    const key = raw.key === null ? null : this.#guard(raw, 'key', serdes.key, raw.key);
    const tombstone = (k: unknown): DecodedTombstone => ({
      topic: raw.topic,
      partition: raw.partition,
      offset: raw.offset,
      timestamp: raw.timestamp,
      key: k,
      headers,
      raw,
    });
    return key instanceof Promise ? key.then(tombstone) : tombstone(key);
  }

  #record(raw: RawMessage, key: unknown, value: unknown, headers: DecodedRecord['headers']): DecodedRecord {
    return {
      topic: raw.topic,
      partition: raw.partition,
      offset: raw.offset,
      timestamp: raw.timestamp,
      key,
      value,
      headers,
      raw,
    };
  }

  /** The declared headers decoded (or the fetched ones, for a topic declaring none). */
  #headers(
    raw: RawMessage,
    decode: HeadersDecoder | undefined,
    fetched: RawMessage['headers'],
  ): DecodedRecord['headers'] {
    if (decode === undefined) return fetched;
    try {
      return decode(fetched);
    } catch (err) {
      throw this.#headersError(raw, err);
    }
  }

  #headersError(raw: RawMessage, err: unknown): DecodeError {
    const header = err instanceof HeaderDecodeProblem ? err.header : undefined;
    const at = { topic: raw.topic, partition: raw.partition, offset: raw.offset, role: 'headers' as const };
    return new DecodeError(
      header === undefined ? { ...at, schemaId: undefined } : { ...at, schemaId: undefined, header },
      describeError(err),
      { cause: err },
    );
  }

  /** `deserialize(bytes)` with its failures as {@link DecodeError}s (no closure: this runs per record). */
  #guard(raw: RawMessage, role: 'key' | 'value', deserialize: ValueDeserializer, bytes: Buffer): unknown {
    try {
      const out = deserialize(bytes);
      return out instanceof Promise
        ? out.catch((err: unknown) => {
            throw this.#error(raw, role, describeError(err), err);
          })
        : out;
    } catch (err) {
      throw this.#error(raw, role, describeError(err), err);
    }
  }

  #error(raw: RawMessage, role: 'key' | 'value', reason: string, cause?: unknown): DecodeError {
    const at = {
      topic: raw.topic,
      partition: raw.partition,
      offset: raw.offset,
      role,
      schemaId: frameSchemaId(role === 'key' ? raw.key : raw.value),
    };
    return new DecodeError(at, reason, cause === undefined ? undefined : { cause });
  }
}
