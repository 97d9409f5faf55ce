import type { KafkaJS } from '@confluentinc/kafka-javascript';
import { decodeStep } from '../consumer/decode-step';
import { MessageDecoder } from '../consumer/message-decoder';
import type { MessageContext, RunOptions, TypedMessage, TypedTombstone } from '../consumer/message';
import { messageBytes, type RawRecord } from '../kafka/raw-record';
import { toMessage, type AnyOutputRecord } from '../producer/record-serde';
import type { KeyInput, TopicMap, TopicName, ValueInput } from '../topics';
import { createTopicSerializer } from '../serde/topic-serde';
import { clientRecordSerde } from './client-serde';
import { serdeContextOf, type KgenClient } from './create-client';

/** A record piped into a {@link ConsumerTestDriver}, typed by topic `N`; `value: null` is a tombstone. */
export interface ConsumerTestRecord<T extends TopicMap, N extends TopicName<T>> {
  readonly key?: KeyInput<T, N> | null;
  readonly value: ValueInput<T, N> | null;
  /** Kafka timestamp (ms); default `Date.now()`. */
  readonly timestamp?: number;
  readonly headers?: KafkaJS.IHeaders;
  readonly partition?: number;
}

/** Bytes piped as they are (e.g. a payload written by another producer, or a corrupt one). */
export interface ConsumerTestBytes {
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly timestamp?: number;
  readonly headers?: KafkaJS.IHeaders;
  readonly partition?: number;
}

/** A handler's `pause()`/`heartbeat()` as seen by the driver. */
const CONTEXT: MessageContext = {
  heartbeat: () => Promise.resolve(),
  pause: () => () => undefined,
};

/**
 * Drives a typed consumer handler without a broker, for users' unit tests: each piped record is encoded by
 * the client's real codecs (so a schema mismatch fails here), decoded by the same decoder and decode rules
 * as `consumer.run()` (tombstones to `onTombstone`, undecodable records to `onDecodeError`), then handed
 * to `eachMessage`. Give the client a registry it can reach without servers (the official `MockClient`
 * with `schemas: { autoRegister: true }`).
 */
export class ConsumerTestDriver<T extends TopicMap, N extends TopicName<T>> {
  readonly #options: RunOptions<T, N>;
  readonly #decoder: MessageDecoder;
  readonly #encode: (record: AnyOutputRecord<TopicMap, string>) => Promise<KafkaJS.Message>;
  readonly #keyOf: (topic: string, key: unknown) => Promise<Buffer>;
  readonly #offsets = new Map<string, number>();

  private constructor(
    options: RunOptions<T, N>,
    decoder: MessageDecoder,
    encode: (record: AnyOutputRecord<TopicMap, string>) => Promise<KafkaJS.Message>,
    keyOf: (topic: string, key: unknown) => Promise<Buffer>,
  ) {
    this.#options = options;
    this.#decoder = decoder;
    this.#encode = encode;
    this.#keyOf = keyOf;
  }

  /** A driver for the handlers of `options` (`eachMessage`, optional `onTombstone` and `onDecodeError`). */
  static async create<T extends TopicMap, const N extends TopicName<T>>(
    client: KgenClient<T>,
    topics: readonly N[],
    options: RunOptions<T, N>,
  ): Promise<ConsumerTestDriver<T, N>> {
    if (options.eachMessage === undefined)
      throw new TypeError('ConsumerTestDriver drives eachMessage handlers: give options.eachMessage');
    const parts = { serde: serdeContextOf(client), topics: client.topics };
    const serde = await clientRecordSerde(parts, { to: topics });
    const decoder = new MessageDecoder(parts.serde, client.topics, topics);
    const keys = new Map(
      await Promise.all(
        topics.map(
          async (t) =>
            [t, await createTopicSerializer(parts.serde, t, 'key', client.topics[t]!.key)] as const,
        ),
      ),
    );
    return new ConsumerTestDriver(
      options,
      decoder,
      async (record) => toMessage(serde, record),
      async (topic, key) => keys.get(topic as N)!(key),
    );
  }

  /** Encodes `records` for `topic` with its real codecs and runs the handlers on them, in order. */
  async pipe<M extends N>(
    topic: M,
    records: ConsumerTestRecord<T, M> | readonly ConsumerTestRecord<T, M>[],
  ): Promise<void> {
    const list = (Array.isArray(records) ? records : [records]) as readonly ConsumerTestRecord<T, M>[];
    for (const r of list) {
      const encoded =
        r.value === null
          ? null
          : await this.#encode({
              topic,
              key: r.key ?? null,
              value: r.value,
              ...(r.headers ? { headers: r.headers } : {}),
            } as AnyOutputRecord<TopicMap, string>);
      // A tombstone has only its key to encode.
      const key =
        encoded !== null
          ? messageBytes(encoded.key)
          : r.key === null || r.key === undefined
            ? null
            : await this.#keyOf(topic, r.key);
      await this.pipeBytes(topic, {
        key,
        value: encoded === null ? null : messageBytes(encoded.value),
        headers: encoded?.headers ?? r.headers ?? {},
        ...(r.timestamp === undefined ? {} : { timestamp: r.timestamp }),
        ...(r.partition === undefined ? {} : { partition: r.partition }),
      });
    }
  }

  /** Runs the handlers on a record given as bytes (the Confluent frame included), as fetched from `topic`. */
  async pipeBytes(topic: N, record: ConsumerTestBytes): Promise<void> {
    const partition = record.partition ?? 0;
    const at = `${topic}/${partition}`;
    const offset = this.#offsets.get(at) ?? 0;
    this.#offsets.set(at, offset + 1);
    const raw: RawRecord = {
      topic,
      partition,
      offset: String(offset),
      timestamp: String(record.timestamp ?? Date.now()),
      key: record.key,
      value: record.value,
      headers: record.headers ?? {},
    };
    const { onTombstone, onDecodeError } = this.#options;
    const outcome = await decodeStep(this.#decoder, raw, {
      tombstones: onTombstone !== undefined,
      ...(onDecodeError === undefined ? {} : { onDecodeError }),
    });
    if (outcome.kind === 'tombstone')
      await onTombstone!(outcome.tombstone as unknown as TypedTombstone<T, N>, CONTEXT);
    else if (outcome.kind === 'message')
      await this.#options.eachMessage!(outcome.record as unknown as TypedMessage<T, N>, CONTEXT);
  }
}
