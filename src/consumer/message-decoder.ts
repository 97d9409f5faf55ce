import { describeError } from '../serde/registry/errors';
import type { SerdeContext, ValueDeserializer } from '../serde/registry/serde-context';
import { createTopicDeserializer } from '../serde/topic-serde';
import type { TopicMap } from '../topics';
import type { NativeMessage } from '../kafka/internal-client';
import { DecodeError, frameSchemaId } from './decode-error';
import type { RawMessage } from './message';
import { FetchedRecord, keyOf, rawRecordOfFetched } from './native/fetched-record';

/** A decoded record before its type is narrowed (the consumer casts it to `TypedMessage`). */
export interface DecodedRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly timestamp: string;
  readonly key: unknown;
  readonly value: unknown;
  readonly headers: RawMessage['headers'];
  readonly raw: RawMessage;
}

/** A decoded tombstone (null value) before its type is narrowed. */
export type DecodedTombstone = Omit<DecodedRecord, 'value'>;

interface TopicDeserializers {
  readonly key: ValueDeserializer;
  readonly value: ValueDeserializer;
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
      });
    }
  }

  /** The decoded record, a promise of it (first sight of a schema id), or a thrown {@link DecodeError}. */
  decode(raw: RawMessage): DecodedRecord | Promise<DecodedRecord> {
    const serdes = this.#byTopic.get(raw.topic);
    if (serdes === undefined) throw this.#error(raw, 'value', "the topic is not in the consumer's topic map");
    if (raw.value === null) throw this.#error(raw, 'value', 'the value is null (a tombstone)');
    const key = raw.key === null ? null : this.#guard(raw, 'key', serdes.key, raw.key);
    const value = this.#guard(raw, 'value', serdes.value, raw.value);
    if (key instanceof Promise || value instanceof Promise)
      return Promise.all([key, value]).then(([k, v]) => this.#record(raw, k, v));
    return this.#record(raw, key, value);
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
    if (key instanceof Promise || value instanceof Promise) return this.#fetchedLater(m, key, value);
    return new FetchedRecord(m, key, value);
  }

  /** The slow path of {@link decodeFetched}: a writer schema is being fetched. */
  async #fetchedLater(m: NativeMessage, key: unknown, value: unknown): Promise<FetchedRecord> {
    const settle = async (role: 'key' | 'value', v: unknown): Promise<unknown> => {
      try {
        return await v;
      } catch (err) {
        throw this.#error(rawRecordOfFetched(m), role, describeError(err), err);
      }
    };
    const [k, v] = await Promise.all([settle('key', key), settle('value', value)]);
    return new FetchedRecord(m, k, v);
  }

  /** A tombstone's record: only the key is decoded (synchronously once its schema id has been seen). */
  decodeTombstone(raw: RawMessage): DecodedTombstone | Promise<DecodedTombstone> {
    const serdes = this.#byTopic.get(raw.topic);
    if (serdes === undefined) throw this.#error(raw, 'key', "the topic is not in the consumer's topic map");
    const key = raw.key === null ? null : this.#guard(raw, 'key', serdes.key, raw.key);
    const tombstone = (k: unknown): DecodedTombstone => ({
      topic: raw.topic,
      partition: raw.partition,
      offset: raw.offset,
      timestamp: raw.timestamp,
      key: k,
      headers: raw.headers,
      raw,
    });
    return key instanceof Promise ? key.then(tombstone) : tombstone(key);
  }

  #record(raw: RawMessage, key: unknown, value: unknown): DecodedRecord {
    return {
      topic: raw.topic,
      partition: raw.partition,
      offset: raw.offset,
      timestamp: raw.timestamp,
      key,
      value,
      headers: raw.headers,
      raw,
    };
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
