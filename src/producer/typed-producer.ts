import type { KafkaJS } from '@confluentinc/kafka-javascript';
import { BrokerError } from '../kafka/broker-error';
import type { SerdeContext, ValueSerializer } from '../serde/registry/serde-context';
import { createTopicSerializer } from '../serde/topic-serde';
import { createHeadersEncoder, type HeadersEncoder } from '../serde/headers/headers-encoder';
import type { HeadersMember, KeyInput, SchemaDescriptor, TopicMap, TopicName } from '../topics';
import type {
  DeliveryReport,
  ProducerHeaders,
  ProducerMessage,
  ProducerMessageFields,
  ProducerMessageOf,
  TopicsCarrying,
} from './message';
import {
  BatchDelivery,
  FireDelivery,
  PendingDelivery,
  promiseOf,
  routeDeliveryReports,
  type DeliveryTracker,
} from './deliveries';
import { faithfulBytes, faithfulKey } from '../kafka/faithful-bytes';
import { nativeProducerOf } from '../kafka/internal-client';
import { nativeHeaders, type NativeRecord } from './native-produce';
import { producerDefaults } from './presets';
import { ProduceQueue, sendError, type QueuedDelivery } from './produce-queue';
import type { Partitioner } from './partitioner';
import { SendObservation } from '../telemetry/observe-send';
import type { HeaderObject } from '../telemetry/trace-headers';
import { recordBytes } from '../telemetry/observe-process';

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
  /**
   * A limit of kgen's own on records handed to librdkafka and not yet acknowledged. Past it (or while
   * librdkafka's queue, `queue.buffering.max.messages` / `queue.buffering.max.kbytes`, is full) records wait in
   * send order in the producer and are handed over as room frees; a record fails only if it found no room
   * within the delivery timeout (`message.timeout.ms`). Default: none, librdkafka's queue (100 000 records
   * unless set) is the limit. Room it frees is used even during a synchronous send loop, where a count of
   * acknowledgements seen in JavaScript would stand still.
   */
  readonly maxInFlight?: number;
  /**
   * Called with each failure of a `produce` record as it happens: a `BrokerError` naming
   * topic and partition for a delivery failure (or the serializer's error when the record could only be
   * encoded asynchronously). {@link TypedProducer.flush} rejects with the first failure either way.
   */
  readonly onProduceError?: (error: Error) => void;
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
  send<V, N extends TopicsCarrying<T, V> = TopicsCarrying<T, V>>(
    topic: N,
    message: ProducerMessageOf<T, N, V> | readonly ProducerMessageOf<T, N, V>[],
  ): Promise<DeliveryReport[]>;
  /**
   * Hands one record to librdkafka without a promise: the throughput path (a promise per record costs
   * about 40 % of produce throughput). Typed like `send`; serializes synchronously (a bad
   * value throws here). Delivery failures go to {@link TypedProducer.flush}, which rejects with the first,
   * and to the producer's `onProduceError`. Records past the in-flight limit wait like sends do.
   */
  produce<N extends TopicName<T>>(topic: N, message: ProducerMessage<T, N>): void;
  /** `produce<Order>('orders', …)`: `Order` must be the value type of the topic. */
  produce<V, N extends TopicsCarrying<T, V> = TopicsCarrying<T, V>>(
    topic: N,
    message: ProducerMessageOf<T, N, V>,
  ): void;
  /**
   * Sends a tombstone: `key` with a null value (a delete on a compacted topic). Resolves when acknowledged;
   * counted by {@link TypedProducer.flush} like every send. `extra` is required when the topic declares a
   * required header.
   */
  tombstone<N extends TopicName<T>>(
    topic: N,
    key: KeyInput<T, N>,
    ...extra: TombstoneExtra<T, N>
  ): Promise<DeliveryReport[]>;
  /** The records as Kafka bytes (Confluent-framed), without sending: for transactions, DLQs, tests. */
  encode<N extends TopicName<T>>(topic: N, message: ProducerMessage<T, N>): Promise<KafkaJS.Message>;
  /**
   * Waits until every record sent or produced so far is acknowledged (or failed); rejects with the first
   * failure among them (a `BrokerError` naming topic and partition), then starts counting afresh.
   */
  flush(): Promise<void>;
  /** Flushes, then disconnects. */
  disconnect(): Promise<void>;
  /** The underlying `@confluentinc/kafka-javascript` producer (transactions, advanced use). */
  readonly raw: KafkaJS.Producer;
}

/** Headers and partition of a tombstone, typed like a record's. */
export type TombstoneExtra<T extends TopicMap, N extends TopicName<T>> =
  HeadersMember<T, N> extends { readonly headers: unknown }
    ? [extra: HeadersMember<T, N> & { readonly partition?: number }]
    : [extra?: HeadersMember<T, N> & { readonly partition?: number }];

interface TopicSerdes {
  readonly key: ValueSerializer;
  readonly value: ValueSerializer;
  /** The topic's declared headers → Kafka headers (validated); undefined when it declares none. */
  readonly headers: HeadersEncoder | undefined;
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

/** A record as the implementation sees it: headers are checked against the topic at runtime. */
type AnyMessage = ProducerMessageFields<TopicMap, string> & { readonly headers?: unknown };

/** A record's headers as Kafka takes them: encoded and checked when the topic declares headers. */
function headersOf(serdes: TopicSerdes, given: unknown): ProducerHeaders | undefined {
  return serdes.headers === undefined ? (given as ProducerHeaders | undefined) : serdes.headers(given);
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A record as KafkaJS's `send` takes it. */
function kafkaJsMessage(r: NativeRecord): KafkaJS.Message {
  const m: KafkaJS.Message = { key: faithfulKey(r.key), value: faithfulBytes(r.value) };
  if (r.headers !== undefined) m.headers = r.headers as KafkaJS.IHeaders;
  if (r.partition !== undefined) m.partition = r.partition;
  if (r.timestamp !== undefined) m.timestamp = String(r.timestamp);
  return m;
}

function noop(): void {}

/** A record's timestamp as the binding takes it (0: librdkafka stamps it). */
function timestampOf(m: { readonly timestamp?: Date | number }): number {
  const t = m.timestamp;
  return t === undefined ? 0 : t instanceof Date ? t.getTime() : t;
}

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
  readonly #kafkaJsMaxInFlight: number;
  readonly #timeoutMs: number;
  readonly #onProduceError: ((error: Error) => void) | undefined;
  /** Sends not yet settled (flush waits for 0). Counters, not a set of promises: this is the hot path. */
  #outstanding = 0;
  #idle: Array<() => void> = [];
  #adminConnected: Promise<void> | undefined;
  #failure: unknown = undefined;
  /** The in-order, bounded hand-over to librdkafka's native produce call (once connected). */
  #queue: ProduceQueue | undefined;
  /** The settler of each topic's promise-free records (their opaque where reports are not routed). */
  readonly #fire = new Map<string, FireDelivery>();
  /** Whether this producer's delivery reports are routed by kgen (then promise-free records carry no opaque). */
  #routed = false;
  /** Without a native producer (see native-produce.ts): records in KafkaJS `send`s, and sends waiting for room. */
  #kafkaJsInFlight = 0;
  readonly #room: Array<() => void> = [];

  constructor(raw: KafkaJS.Producer, ctx: SerdeContext, topics: T, options: ProducerOptions) {
    this.raw = raw;
    this.#ctx = ctx;
    this.#topics = topics;
    this.#partitioner = options.partitioner;
    const config = options.config ?? {};
    // No limit of kgen's own by default: librdkafka's queue bounds what is in flight, and it frees room while
    // JavaScript is busy (see ProduceQueue's RETRY_EVERY), where a count of reports seen in JavaScript cannot.
    this.#maxInFlight = options.maxInFlight ?? Infinity;
    // The KafkaJS path (no native client) learns of room only from its promises: bound it by librdkafka's queue.
    this.#kafkaJsMaxInFlight =
      options.maxInFlight ?? Number(config['queue.buffering.max.messages'] ?? 100_000);
    this.#onProduceError = options.onProduceError;
    this.#timeoutMs = Number(
      config['message.timeout.ms'] ?? config['delivery.timeout.ms'] ?? producerDefaults['message.timeout.ms'],
    );
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
      let headers: HeadersEncoder | undefined;
      try {
        headers = createHeadersEncoder(topic, descriptor.headers);
      } catch (err) {
        return Promise.reject(err);
      }
      hit = Promise.all([
        createTopicSerializer(this.#ctx, topic, 'key', descriptor.key),
        createTopicSerializer(this.#ctx, topic, 'value', descriptor.value),
      ]).then(([key, value]) => {
        const serdes = { key, value, headers, producedKey: producedKeyOf(descriptor.key, key) };
        this.#serdes.set(topic, serdes);
        return serdes;
      });
      hit.catch(() => this.#resolving.delete(topic));
      this.#resolving.set(topic, hit);
    }
    return hit;
  }

  /** The native hand-over, once the producer is connected (undefined before, or without a native client). */
  #queueOf(): ProduceQueue | undefined {
    if (this.#queue !== undefined) return this.#queue;
    const native = nativeProducerOf<QueuedDelivery | undefined>(this.raw);
    if (native === undefined) return undefined;
    this.#routed = routeDeliveryReports(native, this.#unclaimed);
    this.#queue = new ProduceQueue(native, this.#maxInFlight, this.#timeoutMs, this.#refuseUnclaimed);
    return this.#queue;
  }

  /** The synchronous path's queue, if `topic` is ready for it (serializers resolved, no custom partitioner). */
  #fastQueue(serdes: TopicSerdes | undefined): ProduceQueue | undefined {
    return serdes === undefined || this.#partitioner !== undefined ? undefined : this.#queueOf();
  }

  send(topic: string, message: AnyMessage | readonly AnyMessage[]): Promise<DeliveryReport[]> {
    const many = Array.isArray(message);
    const observed = SendObservation.start(
      topic,
      many ? (message as readonly AnyMessage[]).length : 1,
      many ? undefined : (message as AnyMessage).key,
    );
    if (observed !== undefined) return this.#sendObserved(observed, topic, message);
    return this.#send(topic, message, undefined);
  }

  /** A send under telemetry: records carry its trace context; its span and counts end with the reports. */
  #sendObserved(
    observed: SendObservation,
    topic: string,
    message: AnyMessage | readonly AnyMessage[],
  ): Promise<DeliveryReport[]> {
    const traced = (m: AnyMessage): AnyMessage => {
      // Typed headers may still hold declared values (numbers, booleans) here; the observation only reads and
      // adds the trace-context entries, which strict header sets always allow.
      const given = m.headers as HeaderObject | undefined;
      const headers = observed.headers(given);
      return headers === given ? m : { ...m, headers: headers! };
    };
    let sent: Promise<DeliveryReport[]>;
    try {
      sent = this.#send(
        topic,
        Array.isArray(message)
          ? (message as readonly AnyMessage[]).map(traced)
          : traced(message as AnyMessage),
        observed,
      );
    } catch (err) {
      observed.failed(err);
      throw err;
    }
    if (!observed.wantsOutcome) return sent;
    // The caller gets `sent` itself; the observation ends beside it (one promise more, no rejection to handle).
    void sent.then(
      (reports) => observed.delivered(reports),
      (err: unknown) => observed.failed(err),
    );
    return sent;
  }

  #send(
    topic: string,
    message: AnyMessage | readonly AnyMessage[],
    observed: SendObservation | undefined,
  ): Promise<DeliveryReport[]> {
    const serdes = this.#serdes.get(topic);
    const queue = this.#fastQueue(serdes);
    if (queue !== undefined) {
      if (!Array.isArray(message)) {
        const m = message as AnyMessage;
        const headers = headersOf(serdes!, m.headers);
        const key = m.key === undefined || m.key === null ? null : serdes!.producedKey(m.key);
        const value = serdes!.value(m.value);
        if (!(key instanceof Promise) && !(value instanceof Promise)) {
          observed?.addBytes(recordBytes(key, value));
          return this.#sendOne(queue, topic, key, value, m.partition, timestampOf(m), headers);
        }
      } else {
        const records = this.#encodeSync(serdes!, message as readonly AnyMessage[], observed);
        if (records !== undefined) return this.#sendBatch(queue, topic, records);
      }
    }
    const list = Array.isArray(message) ? (message as readonly AnyMessage[]) : [message as AnyMessage];
    if (serdes !== undefined && this.#partitioner === undefined && queue === undefined) {
      // No native producer: KafkaJS `send`, still handed over synchronously when there is room.
      const records = this.#encodeSync(serdes, list, observed);
      if (records !== undefined) return this.#track(this.#sendKafkaJs(topic, records));
    }
    return this.#track(this.#sendSlow(topic, list, !Array.isArray(message), observed));
  }

  produce(topic: string, message: AnyMessage): void {
    const observed = SendObservation.start(topic, 1, message.key);
    if (observed !== undefined) {
      // Under telemetry a record needs its own span and report: the send path, whose failure flush() reports.
      this.#sendObserved(observed, topic, message).catch(this.#produceFailed);
      return;
    }
    const serdes = this.#serdes.get(topic);
    const queue = this.#fastQueue(serdes);
    if (queue !== undefined) {
      const headers = headersOf(serdes!, message.headers);
      const key = message.key === undefined || message.key === null ? null : serdes!.producedKey(message.key);
      const value = serdes!.value(message.value);
      if (!(key instanceof Promise) && !(value instanceof Promise)) {
        this.#outstanding++;
        queue.produce(
          topic,
          message.partition ?? -1,
          value,
          key,
          timestampOf(message),
          this.#routed ? undefined : this.#fireOf(topic),
          nativeHeaders(headers),
        );
        return;
      }
    }
    // Not ready for the synchronous path (topic not prepared, async serializer, custom partitioner): the same
    // outcome through `send`, whose failure flush() reports too.
    this.send(topic, message).catch(this.#produceFailed);
  }

  /**
   * The report of a promise-free record, produced without an opaque (see routeDeliveryReports): settled by its
   * topic's FireDelivery, as the opaque would have been.
   */
  readonly #unclaimed = (err: unknown, topic: string, partition: number | undefined): void => {
    if (err) this.#fireOf(topic).failed(err, partition);
    else this.#fireOf(topic).delivered();
  };

  /** A promise-free record that never reached librdkafka (refused, or no room before the delivery timeout). */
  readonly #refuseUnclaimed = (err: unknown, topic: string, partition: number): void =>
    this.#fireOf(topic).refuse(err, topic, partition);

  readonly #produceFailed = (err: unknown): void => {
    this.#onProduceError?.(err instanceof Error ? err : new Error(String(err)));
  };

  #fireOf(topic: string): FireDelivery {
    let fire = this.#fire.get(topic);
    if (fire === undefined) {
      fire = new FireDelivery(this.#fireTracker, topic);
      this.#fire.set(topic, fire);
    }
    return fire;
  }

  /** One record through the queue; its promise settles from its delivery report. */
  #sendOne(
    queue: ProduceQueue,
    topic: string,
    key: Buffer | string | null,
    value: Buffer | null,
    partition: number | undefined,
    timestamp: number,
    headers: ProducerHeaders | undefined,
  ): Promise<DeliveryReport[]> {
    const pending = new PendingDelivery(
      this.#tracker,
      topic,
      partition !== undefined && partition >= 0 ? partition : undefined,
    );
    const promise = promiseOf(pending);
    this.#outstanding++;
    queue.produce(topic, partition ?? -1, value, key, timestamp, pending, nativeHeaders(headers));
    return promise;
  }

  /** Several records through the queue, one promise for all (first offset per partition). */
  #sendBatch(
    queue: ProduceQueue,
    topic: string,
    records: readonly NativeRecord[],
  ): Promise<DeliveryReport[]> {
    if (records.length === 0) return Promise.resolve([]);
    const batch = new BatchDelivery(this.#tracker, topic, records.length);
    const promise = promiseOf(batch);
    this.#outstanding++;
    for (const r of records)
      queue.produce(
        topic,
        r.partition ?? -1,
        r.value,
        r.key,
        r.timestamp ?? 0,
        batch,
        nativeHeaders(r.headers),
      );
    return promise;
  }

  /** Settles records produced through the queue: frees their room, counts them for flush(). */
  readonly #tracker: DeliveryTracker = {
    released: () => this.#queue?.released(),
    delivered: () => this.#settled(),
    failed: (err) => this.#failed(err),
  };

  /** As {@link #tracker}, and failures also go to `onProduceError`. */
  readonly #fireTracker: DeliveryTracker = {
    released: () => this.#queue?.released(),
    delivered: () => this.#settled(),
    failed: (err) => {
      this.#failed(err);
      this.#onProduceError?.(err);
    },
  };

  /** Counts `p` for flush(); also marks it handled: an un-awaited send must not crash the process. */
  #track(p: Promise<DeliveryReport[]>): Promise<DeliveryReport[]> {
    this.#outstanding++;
    p.then(this.#settled, this.#failed);
    return p;
  }

  /** Every record serialized synchronously (or `undefined` if one needs a promise). */
  #encodeSync(
    serdes: TopicSerdes,
    list: readonly AnyMessage[],
    observed: SendObservation | undefined,
  ): NativeRecord[] | undefined {
    const out = new Array<NativeRecord>(list.length);
    for (let i = 0; i < list.length; i++) {
      const m = list[i]!;
      const key = m.key === undefined || m.key === null ? null : serdes.producedKey(m.key);
      const value = serdes.value(m.value);
      if (key instanceof Promise || value instanceof Promise) return undefined;
      out[i] = this.#record(m, key, value, headersOf(serdes, m.headers));
    }
    if (observed !== undefined) for (const r of out) observed.addBytes(recordBytes(r.key, r.value));
    return out;
  }

  #record(
    m: AnyMessage,
    key: Buffer | string | null,
    value: Buffer,
    headers: ProducerHeaders | undefined,
  ): NativeRecord {
    const record: Mutable<NativeRecord> = { key, value };
    if (headers !== undefined) record.headers = headers;
    if (m.partition !== undefined) record.partition = m.partition;
    if (m.timestamp !== undefined) record.timestamp = timestampOf(m);
    return record;
  }

  async #encodeAll(topic: string, list: readonly AnyMessage[]): Promise<NativeRecord[]> {
    const serdes = await this.#serdesOf(topic);
    const out: NativeRecord[] = [];
    for (const m of list) {
      const headers = headersOf(serdes, m.headers);
      const key = m.key === undefined || m.key === null ? null : await serdes.key(m.key);
      const record = this.#record(m, key, await serdes.value(m.value), headers);
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

  /** Records that needed a promise to serialize (or a partitioner): encoded, then handed over like the rest. */
  async #sendSlow(
    topic: string,
    list: readonly AnyMessage[],
    single: boolean,
    observed: SendObservation | undefined,
  ): Promise<DeliveryReport[]> {
    const records = await this.#encodeAll(topic, list);
    if (observed !== undefined) for (const r of records) observed.addBytes(recordBytes(r.key, r.value));
    return this.#handOver(topic, records, single);
  }

  #handOver(topic: string, records: readonly NativeRecord[], single: boolean): Promise<DeliveryReport[]> {
    const queue = this.#queueOf();
    if (queue === undefined) return this.#sendKafkaJs(topic, records);
    if (!single) return this.#sendBatch(queue, topic, records);
    const r = records[0]!;
    return this.#sendOne(queue, topic, r.key, r.value, r.partition, r.timestamp ?? 0, r.headers);
  }

  /** Through KafkaJS's `send`, for producers without a native client: waits its turn for room, in order. */
  async #sendKafkaJs(topic: string, records: readonly NativeRecord[]): Promise<DeliveryReport[]> {
    const n = records.length;
    if (this.#room.length > 0 || !this.#kafkaJsRoomFor(n)) {
      await new Promise<void>((resolve) => this.#room.push(resolve));
      // Woken at the head of the line: keep that place until there is room.
      while (!this.#kafkaJsRoomFor(n)) await new Promise<void>((resolve) => this.#room.unshift(resolve));
    }
    const sent = this.#produce(topic, records);
    if (this.#kafkaJsRoomFor(1)) this.#room.shift()?.();
    return sent;
  }

  #kafkaJsRoomFor(n: number): boolean {
    return this.#kafkaJsInFlight === 0 || this.#kafkaJsInFlight + n <= this.#kafkaJsMaxInFlight;
  }

  #produce(topic: string, records: readonly NativeRecord[]): Promise<DeliveryReport[]> {
    const n = records.length;
    const partition = n === 1 ? records[0]?.partition : undefined;
    this.#kafkaJsInFlight += n;
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
        throw sendError(topic, partition, err);
      },
    );
  }

  /** Wakes the oldest waiting KafkaJS send (it wakes the next if room remains): one wake per release. */
  #release(n: number): void {
    this.#kafkaJsInFlight -= n;
    this.#room.shift()?.();
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
    extra: { readonly headers?: unknown; readonly partition?: number } = {},
  ): Promise<DeliveryReport[]> {
    const record = (k: Buffer | string | null, headers: ProducerHeaders | undefined): NativeRecord => {
      const r: Mutable<NativeRecord> = { key: k, value: null };
      if (headers !== undefined) r.headers = headers;
      if (extra.partition !== undefined) r.partition = extra.partition;
      return r;
    };
    try {
      // Same path as `send`: synchronous when the topic is ready, so a tombstone keeps its place among sends.
      const serdes = this.#serdes.get(topic);
      const queue = this.#fastQueue(serdes);
      const headers = serdes === undefined ? undefined : headersOf(serdes, extra.headers);
      const k = queue === undefined ? undefined : serdes!.key(key);
      if (k !== undefined && !(k instanceof Promise))
        return this.#sendOne(queue!, topic, k, null, extra.partition, 0, headers);
      return this.#track(
        this.#serdesOf(topic).then(async (s) => {
          const r = record(await s.key(key), headersOf(s, extra.headers));
          await this.#applyPartitioner(topic, r, key);
          return this.#handOver(topic, [r], true);
        }),
      );
    } catch (err) {
      return this.#track(Promise.reject(err));
    }
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
      this.#queue?.close();
      this.#queue = undefined;
      if (this.#adminConnected !== undefined) await this.raw.dependentAdmin().disconnect().catch(noop);
      await this.raw.disconnect();
    }
  }
}
