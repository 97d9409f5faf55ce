import type { KafkaJS } from '@confluentinc/kafka-javascript';
import { BrokerError } from '../client/broker-error';
import type { TopicMap, TopicName } from '../topics';
import { DecodeError } from './decode-error';
import { rawRecordOf } from './dlq/raw-record';
import type {
  BatchContext,
  MessageContext,
  RawMessage,
  RunOptions,
  TypedBatch,
  TypedMessage,
  TypedTombstone,
} from './message';
import type { DecodedRecord, MessageDecoder } from './message-decoder';

/** librdkafka consumer properties. */
export type ConsumerProperties = Readonly<Record<string, string | number | boolean>>;

/** Options of `client.consumer()`. */
export interface ConsumerOptions<N extends string> {
  /** Consumer group id. */
  readonly groupId: string;
  /** Topics to subscribe to; handlers receive a union of their message types. */
  readonly topics: readonly N[];
  /** Start from the earliest offset when the group has no committed offset. Default false (latest). */
  readonly fromBeginning?: boolean;
  /** Commit offsets automatically (librdkafka's periodic commit of processed records). Default true. */
  readonly autoCommit?: boolean;
  /** Read only committed transactional records. Default `read_committed`. */
  readonly isolation?: 'read_committed' | 'read_uncommitted';
  /** librdkafka consumer properties, merged over the client's `kafka` properties. */
  readonly config?: ConsumerProperties;
}

/** A topic (and optionally some of its partitions) to pause or resume. */
export interface TopicPartitions<N extends string> {
  readonly topic: N;
  readonly partitions?: readonly number[];
}

/** A consumer whose handlers receive records typed by the topic map, narrowed by topic. */
export interface TypedConsumer<T extends TopicMap, N extends TopicName<T>> {
  /** Starts consuming; returns once the handlers are installed (consumption goes on in the background). */
  run(options: RunOptions<T, N>): Promise<void>;
  pause(topics: ReadonlyArray<TopicPartitions<N>>): void;
  resume(topics: ReadonlyArray<TopicPartitions<N>>): void;
  /** Moves the next fetch of a partition to `offset`. */
  seek(position: { topic: N; partition: number; offset: string | number | bigint }): void;
  /** Commits offsets (default: the processed position of every assigned partition). */
  commitOffsets(offsets?: ReadonlyArray<{ topic: N; partition: number; offset: string }>): Promise<void>;
  /** Stops fetching and handlers, keeps the connection. */
  stop(): Promise<void>;
  disconnect(): Promise<void>;
  /** The underlying `@confluentinc/kafka-javascript` consumer. */
  readonly raw: KafkaJS.Consumer;
}

/** The consumer behind {@link TypedConsumer}; built by `client.consumer()`. */
export class KgenConsumer<T extends TopicMap, N extends TopicName<T>> implements TypedConsumer<T, N> {
  readonly raw: KafkaJS.Consumer;
  readonly #decoder: MessageDecoder;

  constructor(raw: KafkaJS.Consumer, decoder: MessageDecoder) {
    this.raw = raw;
    this.#decoder = decoder;
  }

  /** A record that failed to decode: `onDecodeError` may skip it (resolves), else the error is rethrown. */
  async #recover(err: unknown, raw: RawMessage, options: RunOptions<T, N>): Promise<undefined> {
    if (!(err instanceof DecodeError) || options.onDecodeError === undefined) throw err;
    if ((await options.onDecodeError(err, raw)) === 'skip') return undefined;
    throw err;
  }

  /** Decodes a tombstone's key, or lets `onDecodeError` decide; `undefined` = skipped. */
  async #decodeTombstone(
    raw: RawMessage,
    options: RunOptions<T, N>,
  ): Promise<TypedTombstone<T, N> | undefined> {
    try {
      const out = this.#decoder.decodeTombstone(raw);
      return (out instanceof Promise ? await out : out) as TypedTombstone<T, N>;
    } catch (err) {
      return this.#recover(err, raw, options);
    }
  }

  /** Hands a tombstone (key decoded) to `onTombstone`; a key that cannot be decoded goes to `onDecodeError`. */
  async #tombstone(
    raw: RawMessage,
    onTombstone: NonNullable<RunOptions<T, N>['onTombstone']>,
    context: MessageContext,
    options: RunOptions<T, N>,
  ): Promise<void> {
    const tombstone = await this.#decodeTombstone(raw, options);
    if (tombstone !== undefined) await onTombstone(tombstone, context);
  }

  /** Decodes one record, or lets `onDecodeError` decide; `undefined` = skipped. */
  async #decode(raw: RawMessage, options: RunOptions<T, N>): Promise<TypedMessage<T, N> | undefined> {
    try {
      const out = this.#decoder.decode(raw);
      return (out instanceof Promise ? await out : out) as TypedMessage<T, N>;
    } catch (err) {
      return this.#recover(err, raw, options);
    }
  }

  async run(options: RunOptions<T, N>): Promise<void> {
    const { eachMessage, eachBatch } = options;
    if ((eachMessage === undefined) === (eachBatch === undefined))
      throw new TypeError('consumer.run() needs exactly one of eachMessage or eachBatch');
    if (eachBatch !== undefined && options.onTombstone !== undefined)
      throw new TypeError('onTombstone is for eachMessage; eachBatch gets tombstones in batch.tombstones');
    const config: KafkaJS.ConsumerRunConfig = {
      partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 1,
    };
    if (eachMessage !== undefined) {
      // Hot path: a record whose writer schema id is known decodes synchronously, without an extra await.
      const { onTombstone } = options;
      config.eachMessage = (payload) => {
        const raw = rawRecordOf(payload.topic, payload.partition, payload.message);
        // The payload carries heartbeat() and pause(): it is the handler's context (no object per record).
        const context: MessageContext = payload;
        if (raw.value === null && onTombstone !== undefined)
          return this.#tombstone(raw, onTombstone, context, options);
        let out: DecodedRecord | Promise<DecodedRecord>;
        try {
          out = this.#decoder.decode(raw);
        } catch (err) {
          return this.#recover(err, raw, options);
        }
        if (out instanceof Promise)
          return out.then(
            (d) => eachMessage(d as TypedMessage<T, N>, context),
            (err: unknown) => this.#recover(err, raw, options),
          );
        return eachMessage(out as TypedMessage<T, N>, context);
      };
    } else if (eachBatch !== undefined) {
      config.eachBatchAutoResolve = options.eachBatchAutoResolve ?? true;
      config.eachBatch = async (payload) => {
        const { batch } = payload;
        const messages: Array<TypedMessage<T, N>> = [];
        const tombstones: Array<TypedTombstone<T, N>> = [];
        for (const m of batch.messages) {
          const raw = rawRecordOf(batch.topic, batch.partition, m);
          if (raw.value === null) {
            const tombstone = await this.#decodeTombstone(raw, options);
            if (tombstone !== undefined) tombstones.push(tombstone);
          } else {
            const decoded = await this.#decode(raw, options);
            if (decoded !== undefined) messages.push(decoded);
          }
        }
        const typed = {
          topic: batch.topic,
          partition: batch.partition,
          highWatermark: batch.highWatermark,
          messages,
          tombstones,
        } as unknown as TypedBatch<T, N>;
        const context: BatchContext = {
          heartbeat: () => payload.heartbeat(),
          pause: () => payload.pause(),
          resolveOffset: (offset) => payload.resolveOffset(offset),
          commitOffsetsIfNecessary: () => payload.commitOffsetsIfNecessary(),
          isRunning: () => payload.isRunning(),
          isStale: () => payload.isStale(),
        };
        await eachBatch(typed, context);
      };
    }
    try {
      await this.raw.run(config);
    } catch (err) {
      throw new BrokerError('subscribe', {}, err);
    }
  }

  pause(topics: ReadonlyArray<TopicPartitions<N>>): void {
    this.raw.pause(
      topics.map((t) => ({ topic: t.topic, ...(t.partitions ? { partitions: [...t.partitions] } : {}) })),
    );
  }

  resume(topics: ReadonlyArray<TopicPartitions<N>>): void {
    this.raw.resume(
      topics.map((t) => ({ topic: t.topic, ...(t.partitions ? { partitions: [...t.partitions] } : {}) })),
    );
  }

  seek(position: { topic: N; partition: number; offset: string | number | bigint }): void {
    try {
      this.raw.seek({
        topic: position.topic,
        partition: position.partition,
        offset: String(position.offset),
      });
    } catch (err) {
      throw new BrokerError('seek', { topic: position.topic, partition: position.partition }, err);
    }
  }

  async commitOffsets(
    offsets?: ReadonlyArray<{ topic: N; partition: number; offset: string }>,
  ): Promise<void> {
    try {
      await this.raw.commitOffsets(offsets?.map((o) => ({ ...o })));
    } catch (err) {
      const first = offsets?.[0];
      throw new BrokerError('commit', first ? { topic: first.topic, partition: first.partition } : {}, err);
    }
  }

  stop(): Promise<void> {
    return this.raw.stop();
  }

  async disconnect(): Promise<void> {
    await this.raw.disconnect();
  }
}
