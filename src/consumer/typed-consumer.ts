import type { KafkaJS } from '@confluentinc/kafka-javascript';
import { BrokerError } from '../kafka/broker-error';
import type { NativeMessage } from '../kafka/internal-client';
import type { TopicMap, TopicName } from '../topics';
import { recoverDecodeError } from './decode-step';
import type {
  BatchContext,
  MessageContext,
  RawMessage,
  RunOptions,
  TypedBatch,
  TypedMessage,
  TypedTombstone,
} from './message';
import type { MessageDecoder } from './message-decoder';
import { NativeBatchLoop, type PartitionSlice } from './native/batch-loop';
import { rawRecordOfFetched } from './native/fetched-record';

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
  /** The topic. */
  readonly topic: N;
  /** Partitions to act on; every assigned partition of the topic when omitted. */
  readonly partitions?: readonly number[];
}

/** A consumer whose handlers receive records typed by the topic map, narrowed by topic. */
export interface TypedConsumer<T extends TopicMap, N extends TopicName<T>> {
  /** Starts consuming; returns once the handlers are installed (consumption goes on in the background). */
  run(options: RunOptions<T, N>): Promise<void>;
  /** Stops fetching from these topics/partitions until `resume`; the group membership is kept. */
  pause(topics: ReadonlyArray<TopicPartitions<N>>): void;
  /** Fetches again from paused topics/partitions. */
  resume(topics: ReadonlyArray<TopicPartitions<N>>): void;
  /** Moves the next fetch of a partition to `offset`. */
  seek(position: { topic: N; partition: number; offset: string | number | bigint }): void;
  /** Commits offsets (default: the processed position of every assigned partition). */
  commitOffsets(offsets?: ReadonlyArray<{ topic: N; partition: number; offset: string }>): Promise<void>;
  /** Stops fetching and handlers (the batch in hand ends after the running handler), keeps the connection. */
  stop(): Promise<void>;
  /** Stops the handlers, then disconnects the underlying consumer (leaving the group). */
  disconnect(): Promise<void>;
  /**
   * The underlying `@confluentinc/kafka-javascript` consumer: it owns the connection, subscription and
   * assignments. kgen fetches through its node-rdkafka client (`consume(n)` batches), not its `run()`.
   */
  readonly raw: KafkaJS.Consumer;
  /** Whether librdkafka commits handled offsets by itself (`autoCommit`, default true). */
  readonly autoCommit: boolean;
}

/** How `client.consumer()` set up a {@link KgenConsumer}. */
export interface KgenConsumerSettings {
  /** librdkafka commits handled offsets periodically (`enable.auto.commit`). */
  readonly autoCommit: boolean;
  /** Records fetched per `consume(n)` call; an eachBatch batch holds at most this many of one partition. */
  readonly batchSize: number;
}

/** The decoder of each consumer `client.consumer()` built: the one decoder every consume path uses. */
const decoders = new WeakMap<object, MessageDecoder>();

/** The decoder behind a consumer built by `client.consumer()`, or undefined for any other object. */
export function decoderOf(consumer: object): MessageDecoder | undefined {
  return decoders.get(consumer);
}

/** Records per native fetch unless `js.consumer.max.batch.size` says otherwise. */
export const DEFAULT_FETCH_BATCH = 1000;

/** The consumer behind {@link TypedConsumer}; built by `client.consumer()`. */
export class KgenConsumer<T extends TopicMap, N extends TopicName<T>> implements TypedConsumer<T, N> {
  readonly raw: KafkaJS.Consumer;
  /** Whether librdkafka commits handled offsets by itself. */
  readonly autoCommit: boolean;
  readonly #decoder: MessageDecoder;
  readonly #batchSize: number;

  constructor(raw: KafkaJS.Consumer, decoder: MessageDecoder, settings: KgenConsumerSettings) {
    this.raw = raw;
    this.#decoder = decoder;
    decoders.set(this, decoder);
    this.autoCommit = settings.autoCommit;
    this.#batchSize = settings.batchSize;
  }

  /** The native fetch loop of the connected consumer. */
  get #loop(): NativeBatchLoop {
    const loop = NativeBatchLoop.of(this.raw);
    if (loop === undefined)
      throw new BrokerError('subscribe', {}, new Error('the consumer is not connected'));
    return loop;
  }

  /** A record that failed to decode: `onDecodeError` may skip it (resolves), else the error is rethrown. */
  #recover(err: unknown, raw: RawMessage, options: RunOptions<T, N>): Promise<undefined> {
    return recoverDecodeError(err, raw, options.onDecodeError);
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

  /** Awaits a record whose writer schema is being fetched, or lets `onDecodeError` decide; `undefined` = skipped. */
  async #decodeSlow(
    m: NativeMessage,
    decoding: Promise<unknown>,
    options: RunOptions<T, N>,
  ): Promise<TypedMessage<T, N> | undefined> {
    try {
      return (await decoding) as TypedMessage<T, N>;
    } catch (err) {
      return this.#recover(err, rawRecordOfFetched(m), options);
    }
  }

  /** Decodes one fetched record: synchronously once its writer schema ids were seen. */
  #decode(
    m: NativeMessage,
    options: RunOptions<T, N>,
  ): TypedMessage<T, N> | Promise<TypedMessage<T, N> | undefined> {
    try {
      const out = this.#decoder.decodeFetched(m);
      if (out instanceof Promise) return this.#decodeSlow(m, out, options);
      return out as unknown as TypedMessage<T, N>;
    } catch (err) {
      return this.#recover(err, rawRecordOfFetched(m), options);
    }
  }

  /** A handler (or `onDecodeError`) threw: like the KafkaJS layer, log it and read the record again. */
  #failed(slice: PartitionSlice, err: unknown): void {
    slice.stale = true;
    const m = slice.messages[slice.done];
    this.raw
      .logger()
      .error(
        `kgen consumer: handler failed at ${slice.topic}[${slice.partition}]@${m?.offset ?? '?'}, the record will be read again: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
      );
  }

  /** eachMessage over one partition's records of a fetch, in order. */
  async #eachMessage(slice: PartitionSlice, options: RunOptions<T, N>): Promise<void> {
    const eachMessage = options.eachMessage!;
    const { onTombstone } = options;
    const { messages } = slice;
    const context = new SliceContext(this.#loop, slice);
    while (slice.done < messages.length && !slice.stale) {
      const m = messages[slice.done]!;
      try {
        if (m.value === null && onTombstone !== undefined) {
          const tombstone = await this.#decodeTombstone(rawRecordOfFetched(m), options);
          if (tombstone !== undefined) await onTombstone(tombstone, context);
        } else {
          let typed = this.#decode(m, options);
          if (typed instanceof Promise) {
            const later = await typed;
            if (later === undefined) {
              slice.done++;
              continue;
            }
            typed = later;
          }
          await eachMessage(typed, context);
        }
      } catch (err) {
        this.#failed(slice, err);
        return;
      }
      slice.done++;
    }
  }

  /** eachBatch over one partition's records of a fetch: decoded records and tombstones apart. */
  async #eachBatch(slice: PartitionSlice, options: RunOptions<T, N>): Promise<void> {
    const eachBatch = options.eachBatch!;
    const messages: Array<TypedMessage<T, N>> = [];
    const tombstones: Array<TypedTombstone<T, N>> = [];
    try {
      for (const m of slice.messages) {
        if (m.value === null) {
          const tombstone = await this.#decodeTombstone(rawRecordOfFetched(m), options);
          if (tombstone !== undefined) tombstones.push(tombstone);
        } else {
          const d = this.#decode(m, options);
          const decoded = d instanceof Promise ? await d : d;
          if (decoded !== undefined) messages.push(decoded);
        }
      }
      const typed = {
        topic: slice.topic,
        partition: slice.partition,
        highWatermark: this.#highWatermark(slice),
        messages,
        tombstones,
      } as unknown as TypedBatch<T, N>;
      await eachBatch(typed, new BatchSliceContext(this.#loop, slice, this));
      if (options.eachBatchAutoResolve ?? true) {
        if (!slice.stale) slice.done = slice.messages.length;
      }
    } catch (err) {
      this.#failed(slice, err);
    }
  }

  #highWatermark(slice: PartitionSlice): string {
    try {
      const high = this.#loop.native.getWatermarkOffsets(slice.topic, slice.partition).highOffset;
      return Number.isInteger(high) && high >= 0 ? String(high) : '-1001';
    } catch {
      return '-1001';
    }
  }

  async run(options: RunOptions<T, N>): Promise<void> {
    const { eachMessage, eachBatch } = options;
    if ((eachMessage === undefined) === (eachBatch === undefined))
      throw new TypeError('consumer.run() needs exactly one of eachMessage or eachBatch');
    if (eachBatch !== undefined && options.onTombstone !== undefined)
      throw new TypeError('onTombstone is for eachMessage; eachBatch gets tombstones in batch.tombstones');
    const concurrency = Math.max(1, options.partitionsConsumedConcurrently ?? 1);
    const perSlice =
      eachMessage !== undefined
        ? (slice: PartitionSlice) => this.#eachMessage(slice, options)
        : (slice: PartitionSlice) => this.#eachBatch(slice, options);
    try {
      this.#loop.start(
        {
          storeOffsets: true,
          onBatch: async (slices) => {
            if (concurrency === 1 || slices.length === 1) {
              for (const slice of slices) await perSlice(slice);
            } else await inParallel(slices, concurrency, perSlice);
          },
        },
        this.#batchSize,
      );
    } catch (err) {
      throw err instanceof BrokerError ? err : new BrokerError('subscribe', {}, err);
    }
  }

  pause(topics: ReadonlyArray<TopicPartitions<N>>): void {
    this.#loop.pause(topics);
  }

  resume(topics: ReadonlyArray<TopicPartitions<N>>): void {
    this.#loop.resume(topics);
  }

  seek(position: { topic: N; partition: number; offset: string | number | bigint }): void {
    try {
      this.#loop.seek(position.topic, position.partition, Number(position.offset));
    } catch (err) {
      throw new BrokerError('seek', { topic: position.topic, partition: position.partition }, err);
    }
  }

  async commitOffsets(
    offsets?: ReadonlyArray<{ topic: N; partition: number; offset: string }>,
  ): Promise<void> {
    try {
      // Without offsets librdkafka commits the stored positions: store the batch in hand's progress first.
      if (offsets === undefined) NativeBatchLoop.of(this.raw)?.storeHandled();
      await this.raw.commitOffsets(offsets?.map((o) => ({ ...o })));
    } catch (err) {
      const first = offsets?.[0];
      throw new BrokerError('commit', first ? { topic: first.topic, partition: first.partition } : {}, err);
    }
  }

  async stop(): Promise<void> {
    await NativeBatchLoop.of(this.raw)?.stop();
  }

  async disconnect(): Promise<void> {
    await NativeBatchLoop.of(this.raw)?.stop();
    await this.raw.disconnect();
  }
}

/** The handler context of one partition's records: pause() pauses that partition. */
class SliceContext implements MessageContext {
  constructor(
    protected readonly loop: NativeBatchLoop,
    protected readonly slice: PartitionSlice,
  ) {}

  heartbeat(): Promise<void> {
    // librdkafka heartbeats from its own thread.
    return Promise.resolve();
  }

  pause(): () => void {
    const at = [{ topic: this.slice.topic, partitions: [this.slice.partition] }];
    this.loop.pause(at);
    return () => this.loop.resume(at);
  }
}

/** The context of an eachBatch call, as the KafkaJS layer offered it. */
class BatchSliceContext extends SliceContext implements BatchContext {
  constructor(
    loop: NativeBatchLoop,
    slice: PartitionSlice,
    private readonly consumer: { readonly autoCommit: boolean; commitOffsets(): Promise<void> },
  ) {
    super(loop, slice);
  }

  resolveOffset(offset: string): void {
    const target = Number(offset);
    const { messages } = this.slice;
    for (let i = this.slice.done; i < messages.length && messages[i]!.offset <= target; i++)
      this.slice.done = i + 1;
  }

  async commitOffsetsIfNecessary(): Promise<void> {
    if (!this.consumer.autoCommit) await this.consumer.commitOffsets();
  }

  isRunning(): boolean {
    return this.loop.running;
  }

  isStale(): boolean {
    return this.slice.stale;
  }
}

/** Runs `fn` over `items`, at most `limit` at a time. */
async function inParallel<I>(
  items: readonly I[],
  limit: number,
  fn: (item: I) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
