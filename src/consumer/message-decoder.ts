import { describeError } from '../serde/registry/errors';
import type { SerdeContext, ValueDeserializer } from '../serde/registry/serde-context';
import { createTopicDeserializer } from '../serde/topic-serde';
import type { TopicMap } from '../topics';
import { DecodeError, frameSchemaId } from './decode-error';
import type { RawMessage } from './message';

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
