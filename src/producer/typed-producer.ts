import type { KafkaJS } from '@confluentinc/kafka-javascript';
import { BrokerError } from '../client/broker-error';
import type { SerdeContext, ValueSerializer } from '../serde/registry/serde-context';
import { createTopicSerializer } from '../serde/topic-serde';
import type { KeyInput, SchemaDescriptor, TopicMap, TopicName } from '../topics';
import type {
  DeliveryReport,
  ProducerHeaders,
  ProducerMessage,
  ProducerMessageOf,
  TopicsCarrying,
} from './message';
import { nativeProducerOf, produceNative, type DeliveryTracker, type NativeRecord } from './native-produce';
import type { Partitioner } from './partitioner';

/** librdkafka producer properties (e.g. a kgen preset spread and overridden). */
export type ProducerProperties = Readonly<Record<string, string | number | boolean>>;

/** Options of `client.producer()`. */
export interface ProducerOptions<N extends string = string> {
  /**
   * librdkafka producer properties, merged over kgen's `producerDefaults` (idempotence, acks=all...) and the
   * client's `kafka` properties.
   */
  readonly config?: ProducerProperties;
  /**
   * Topics whose schema ids are resolved before `producer()` returns (a missing subject fails start-up).
   * Other topics resolve on their first send — once, shared by concurrent sends.
   */
  readonly topics?: readonly N[];
  /** Custom partitioner; default: librdkafka `murmur2_random` (the Java client's partitioning of keys). */
  readonly partitioner?: Partitioner;
  /** Records handed to librdkafka and not yet acknowledged before `send` waits for room. Default 50 000. */
  readonly maxInFlight?: number;
}

/** A producer whose `send` is typed by the topic map. */
export interface TypedProducer<T extends TopicMap> {
  /**
   * Serializes and hands records to librdkafka; resolves when the broker acknowledged them. Many sends may be
   * in flight: don't await each one, call {@link TypedProducer.flush} (or await them together) instead.
   */
  send<N extends TopicName<T>>(
    topic: N,
    message: ProducerMessage<T, N> | readonly ProducerMessage<T, N>[],
  ): Promise<DeliveryReport[]>;
  /** `send<Order>('orders', …)`: `Order` must be the value type of the topic. */
  send<V>(
    topic: TopicsCarrying<T, V>,
    message:
      | ProducerMessageOf<T, TopicsCarrying<T, V>, V>
      | readonly ProducerMessageOf<T, TopicsCarrying<T, V>, V>[],
  ): Promise<DeliveryReport[]>;
  /**
   * Sends a tombstone: `key` with a null value (a delete on a compacted topic). Resolves when acknowledged;
   * counted by {@link TypedProducer.flush} like every send.
   */
  tombstone<N extends TopicName<T>>(
    topic: N,
    key: KeyInput<T, N>,
    extra?: { readonly headers?: ProducerHeaders; readonly partition?: number },
  ): Promise<DeliveryReport[]>;
  /** The records as Kafka bytes (Confluent-framed), without sending: for transactions, DLQs, tests. */
  encode<N extends TopicName<T>>(topic: N, message: ProducerMessage<T, N>): Promise<KafkaJS.Message>;
  /** Waits until every record sent so far is acknowledged; rejects with the first failure among them. */
  flush(): Promise<void>;
  /** Flushes, then disconnects. */
  disconnect(): Promise<void>;
  /** The underlying `@confluentinc/kafka-javascript` producer (transactions, advanced use). */
  readonly raw: KafkaJS.Producer;
}

interface TopicSerdes {
  readonly key: ValueSerializer;
  readonly value: ValueSerializer;
  /**
   * The key as handed to librdkafka on the fast path: a string key goes as the string itself (librdkafka
   * copies its UTF-8 bytes, the same bytes `key` would make), saving a Buffer per in-flight record.
   */
  readonly producedKey: (key: unknown) => Buffer | string | Promise<Buffer>;
}

/** A string key checked and passed through, or the key serializer. */
function producedKeyOf(descriptor: SchemaDescriptor, key: ValueSerializer): TopicSerdes['producedKey'] {
  if (descriptor.format !== 'STRING') return key;
  return (k) => (typeof k === 'string' ? k : key(k));
}

type AnyMessage = ProducerMessage<TopicMap, string>;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A record as KafkaJS's `send` takes it. */
function kafkaJsMessage(r: NativeRecord): KafkaJS.Message {
  const m: KafkaJS.Message = { key: r.key, value: r.value };
  if (r.headers !== undefined) m.headers = r.headers as KafkaJS.IHeaders;
  if (r.partition !== undefined) m.partition = r.partition;
  if (r.timestamp !== undefined) m.timestamp = String(r.timestamp);
  return m;
}

function noop(): void {}

/** The producer behind {@link TypedProducer}; built by `client.producer()`. */
export class KgenProducer<T extends TopicMap> implements TypedProducer<T> {
  readonly raw: KafkaJS.Producer;
  readonly #ctx: SerdeContext;
  readonly #topics: T;
  readonly #serdes = new Map<string, TopicSerdes>();
  readonly #resolving = new Map<string, Promise<TopicSerdes>>();
  readonly #partitioner: Partitioner | undefined;
  readonly #partitionCounts = new Map<string, Promise<number>>();
  readonly #maxInFlight: number;
  /** Sends not yet settled (flush waits for 0). Counters, not a set of promises: this is the hot path. */
  #outstanding = 0;
  #idle: Array<() => void> = [];
  #inFlight = 0;
  #adminConnected: Promise<void> | undefined;
  #room: Array<() => void> = [];
  #failure: unknown = undefined;

  constructor(raw: KafkaJS.Producer, ctx: SerdeContext, topics: T, options: ProducerOptions) {
    this.raw = raw;
    this.#ctx = ctx;
    this.#topics = topics;
    this.#partitioner = options.partitioner;
    this.#maxInFlight = options.maxInFlight ?? 50_000;
  }

  /** Resolves the serializers of `topics` now (schema ids looked up once). */
  async prepare(topics: readonly string[]): Promise<void> {
    await Promise.all(topics.map((t) => this.#serdesOf(t)));
  }

  #serdesOf(topic: string): Promise<TopicSerdes> {
    let hit = this.#resolving.get(topic);
    if (hit === undefined) {
      const descriptor = this.#topics[topic];
      if (descriptor === undefined)
        return Promise.reject(
          new BrokerError('send', { topic }, new Error(`topic "${topic}" is not in the client's topic map`)),
        );
      hit = Promise.all([
        createTopicSerializer(this.#ctx, topic, 'key', descriptor.key),
        createTopicSerializer(this.#ctx, topic, 'value', descriptor.value),
      ]).then(([key, value]) => {
        const serdes = { key, value, producedKey: producedKeyOf(descriptor.key, key) };
        this.#serdes.set(topic, serdes);
        return serdes;
      });
      hit.catch(() => this.#resolving.delete(topic));
      this.#resolving.set(topic, hit);
    }
    return hit;
  }

  send(topic: string, message: AnyMessage | readonly AnyMessage[]): Promise<DeliveryReport[]> {
    const list = Array.isArray(message) ? (message as readonly AnyMessage[]) : [message as AnyMessage];
    const serdes = this.#serdes.get(topic);
    const encoded = serdes === undefined ? undefined : this.#encodeSync(serdes, list);
    return encoded !== undefined &&
      this.#partitioner === undefined &&
      this.#inFlight + list.length <= this.#maxInFlight
      ? this.#dispatch(topic, encoded)
      : this.#track(this.#sendSlow(topic, list));
  }

  /**
   * Hands records over now, counted for flush(): a single record straight to librdkafka (one promise, see
   * native-produce.ts), several through KafkaJS's `send`.
   */
  #dispatch(topic: string, records: readonly NativeRecord[]): Promise<DeliveryReport[]> {
    const native = records.length === 1 ? nativeProducerOf(this.raw) : undefined;
    if (native === undefined) return this.#track(this.#produce(topic, records));
    this.#outstanding++;
    this.#inFlight++;
    return produceNative(native, topic, records[0]!, this.#tracker);
  }

  /** Settles natively produced records: the same accounting `#produce` + `#track` do for the others. */
  readonly #tracker: DeliveryTracker = {
    delivered: () => {
      this.#release(1);
      this.#settled();
    },
    failed: (err) => {
      this.#release(1);
      this.#failed(err);
    },
  };

  /** Counts `p` for flush(); also marks it handled: an un-awaited send must not crash the process. */
  #track(p: Promise<DeliveryReport[]>): Promise<DeliveryReport[]> {
    this.#outstanding++;
    p.then(this.#settled, this.#failed);
    return p;
  }

  /** One record serialized synchronously, or `undefined` if its key or value needs a promise. */
  #encodeOneSync(serdes: TopicSerdes, m: AnyMessage): NativeRecord | undefined {
    const key = m.key === undefined || m.key === null ? null : serdes.producedKey(m.key);
    const value = serdes.value(m.value);
    if (key instanceof Promise || value instanceof Promise) return undefined;
    return this.#record(m, key, value);
  }

  /** Fast path: every record serialized synchronously (or `undefined` if one needs a promise). */
  #encodeSync(serdes: TopicSerdes, list: readonly AnyMessage[]): NativeRecord[] | undefined {
    const out = new Array<NativeRecord>(list.length);
    for (let i = 0; i < list.length; i++) {
      const record = this.#encodeOneSync(serdes, list[i]!);
      if (record === undefined) return undefined;
      out[i] = record;
    }
    return out;
  }

  #record(m: AnyMessage, key: Buffer | string | null, value: Buffer): NativeRecord {
    const record: Mutable<NativeRecord> = { key, value };
    if (m.headers !== undefined) record.headers = m.headers;
    if (m.partition !== undefined) record.partition = m.partition;
    if (m.timestamp !== undefined)
      record.timestamp = m.timestamp instanceof Date ? m.timestamp.getTime() : m.timestamp;
    return record;
  }

  async #encodeAll(topic: string, list: readonly AnyMessage[]): Promise<NativeRecord[]> {
    const serdes = await this.#serdesOf(topic);
    const out: NativeRecord[] = [];
    for (const m of list) {
      const key = m.key === undefined || m.key === null ? null : await serdes.key(m.key);
      const record = this.#record(m, key, await serdes.value(m.value));
      await this.#applyPartitioner(topic, record, m.key);
      out.push(record);
    }
    return out;
  }

  /** The custom partitioner's choice for a record without an explicit partition (if one is configured). */
  async #applyPartitioner(topic: string, record: Mutable<NativeRecord>, keyValue: unknown): Promise<void> {
    if (record.partition !== undefined || this.#partitioner === undefined) return;
    const key = (record.key ?? null) as Buffer | null;
    const partitionCount = await this.#partitionCount(topic);
    const partition = this.#partitioner({ topic, key, keyValue, partitionCount });
    if (partition !== undefined) record.partition = partition;
  }

  async #sendSlow(topic: string, list: readonly AnyMessage[]): Promise<DeliveryReport[]> {
    const records = await this.#encodeAll(topic, list);
    while (this.#inFlight > 0 && this.#inFlight + records.length > this.#maxInFlight)
      await new Promise<void>((resolve) => this.#room.push(resolve));
    return this.#produce(topic, records);
  }

  /** Through KafkaJS's `send`: batches, and clients without a native producer (see native-produce.ts). */
  #produce(topic: string, records: readonly NativeRecord[]): Promise<DeliveryReport[]> {
    const n = records.length;
    const partition = n === 1 ? records[0]?.partition : undefined;
    this.#inFlight += n;
    return this.raw.send({ topic, messages: records.map(kafkaJsMessage) }).then(
      (metadata) => {
        this.#release(n);
        return metadata.map((r) => ({
          topic: r.topicName,
          partition: r.partition,
          offset: r.baseOffset ?? r.offset,
        }));
      },
      (err: unknown) => {
        this.#release(n);
        throw new BrokerError(
          'send',
          partition === undefined || partition < 0 ? { topic } : { topic, partition },
          err,
        );
      },
    );
  }

  #release(n: number): void {
    this.#inFlight -= n;
    if (this.#room.length === 0) return;
    const waiting = this.#room;
    this.#room = [];
    for (const wake of waiting) wake();
  }

  readonly #settled = (): void => {
    if (--this.#outstanding > 0 || this.#idle.length === 0) return;
    const waiting = this.#idle;
    this.#idle = [];
    for (const wake of waiting) wake();
  };

  readonly #failed = (err: unknown): void => {
    this.#failure ??= err;
    this.#settled();
  };

  #partitionCount(topic: string): Promise<number> {
    let hit = this.#partitionCounts.get(topic);
    if (hit === undefined) {
      const admin = this.raw.dependentAdmin();
      this.#adminConnected ??= admin.connect();
      hit = this.#adminConnected
        .then(() => admin.fetchTopicMetadata({ topics: [topic] }))
        .then(([meta]) => {
          if (meta === undefined || meta.partitions.length === 0) throw new Error('topic has no partitions');
          return meta.partitions.length;
        })
        .catch((err: unknown) => {
          this.#partitionCounts.delete(topic);
          throw new BrokerError('metadata', { topic }, err);
        });
      this.#partitionCounts.set(topic, hit);
    }
    return hit;
  }

  tombstone(
    topic: string,
    key: unknown,
    extra: { readonly headers?: ProducerHeaders; readonly partition?: number } = {},
  ): Promise<DeliveryReport[]> {
    const record = (k: Buffer | null): NativeRecord => {
      const r: Mutable<NativeRecord> = { key: k, value: null };
      if (extra.headers !== undefined) r.headers = extra.headers;
      if (extra.partition !== undefined) r.partition = extra.partition;
      return r;
    };
    let p: Promise<DeliveryReport[]>;
    try {
      // Same path as `send`: synchronous when the topic is ready, so a tombstone keeps its place among sends.
      const serdes = this.#serdes.get(topic);
      const k = serdes === undefined ? undefined : serdes.key(key);
      p =
        k !== undefined && !(k instanceof Promise) && this.#partitioner === undefined
          ? this.#dispatch(topic, [record(k)])
          : this.#track(
              this.#serdesOf(topic).then(async (s) => {
                const r = record(await s.key(key));
                await this.#applyPartitioner(topic, r, key);
                return this.#produce(topic, [r]);
              }),
            );
    } catch (err) {
      p = this.#track(Promise.reject(err));
    }
    return p;
  }

  async encode(topic: string, message: AnyMessage): Promise<KafkaJS.Message> {
    const [record] = await this.#encodeAll(topic, [message]);
    return kafkaJsMessage(record!);
  }

  async flush(): Promise<void> {
    if (this.#outstanding > 0) await new Promise<void>((resolve) => this.#idle.push(resolve));
    try {
      await this.raw.flush();
    } catch (err) {
      throw new BrokerError('flush', {}, err);
    }
    const failure = this.#failure;
    this.#failure = undefined;
    if (failure !== undefined) throw failure;
  }

  async disconnect(): Promise<void> {
    try {
      await this.flush();
    } finally {
      if (this.#adminConnected !== undefined) await this.raw.dependentAdmin().disconnect().catch(noop);
      await this.raw.disconnect();
    }
  }
}
