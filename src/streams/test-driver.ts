import type { KafkaJS } from '@confluentinc/kafka-javascript';
import { murmur2Partition } from '../producer/murmur2';
import { toMessage, type AnyOutputRecord, type RecordSerde } from '../producer/record-serde';
import { messageBytes, type RawRecord } from '../kafka/raw-record';
import type { KeyInput, KeyOutput, TopicMap, TopicName, ValueInput, ValueOutput } from '../topics';
import type { StreamsApp } from './app';
import { internalsOf, type AppInternals } from './app-internals';
import type { StreamRecord } from './dsl/records';
import { Task } from './engine/task';
import { InvalidTimestampError, StreamsConfigError } from './errors';
import { MemoryStore } from './store/memory-store';
import type { Emitted } from './topology/context';
import { RepartitionSourceNode } from './topology/io-nodes';
import type { Subtopology } from './topology/topology';
import { decodeInput, eventTime, messageOf } from './runtime/record-codec';

/** A record piped into the test driver, typed by topic `N` of the map. */
export interface TestRecord<T extends TopicMap, N extends TopicName<T>> {
  readonly key: KeyInput<T, N>;
  readonly value: ValueInput<T, N>;
  /** Event time (ms); the Kafka timestamp a producer would set. */
  readonly timestamp: number;
  readonly headers?: KafkaJS.IHeaders;
}

/** Options of {@link StreamsTestDriver.create}. */
export interface TestDriverOptions {
  /** Partitions of every topic (default 1); records go to `murmur2(key bytes) % partitions` as a producer's would. */
  readonly partitions?: number;
}

interface Pending {
  readonly topic: string;
  readonly partition: number;
  readonly message: KafkaJS.Message;
}

/**
 * Runs an app's topology in-process, without a broker (like Kafka Streams' TopologyTestDriver): pipe typed
 * records with timestamps, read typed output records and stores. Records cross every topic boundary as
 * bytes through the same codecs as on a broker — the client's real codecs for topic-map topics (so a schema
 * mismatch fails here), the internal codec for repartition topics — and each `pipe` commits like one
 * transaction. Give the client a registry it can reach (e.g. the official `MockClient` with
 * `schemas: { autoRegister: true }`) to run without servers.
 */
export class StreamsTestDriver<T extends TopicMap> {
  private readonly i: AppInternals<T>;
  private readonly serde: RecordSerde;
  private readonly partitions: number;
  private readonly tasks = new Map<string, Task>();
  private readonly subByTopic = new Map<string, Subtopology>();
  private readonly outputs = new Map<string, Pending[]>();
  private offset = 0;

  private constructor(app: StreamsApp<T>, serde: RecordSerde, partitions: number) {
    this.i = internalsOf<T>(app);
    this.serde = serde;
    this.partitions = partitions;
    for (const sub of internalsOf<T>(app).builder.subtopologies()) {
      for (const t of sub.sources.keys()) this.subByTopic.set(t, sub);
      for (let p = 0; p < partitions; p++)
        this.tasks.set(
          `${sub.id}_${p}`,
          new Task(
            sub,
            p,
            new Map(
              sub.stores.map((name) => [
                name,
                internalsOf<T>(app).options.storeBackend?.(name, p) ?? new MemoryStore(name),
              ]),
            ),
            internalsOf<T>(app).counters,
          ),
        );
    }
    internalsOf<T>(app).storesOf = (name) =>
      [...this.tasks.values()].flatMap((t) => {
        const s = t.stores.get(name);
        return s ? [s.base] : [];
      });
  }

  /** A driver over `app`'s topology (the app must not be started). */
  static async create<T extends TopicMap>(
    app: StreamsApp<T>,
    options: TestDriverOptions = {},
  ): Promise<StreamsTestDriver<T>> {
    const partitions = options.partitions ?? 1;
    if (!Number.isInteger(partitions) || partitions < 1)
      throw new StreamsConfigError(`streams: test driver partitions must be >= 1, got ${partitions}`);
    const topics = [
      ...new Set([
        ...internalsOf<T>(app).builder.userSourceTopics(),
        ...internalsOf<T>(app).builder.outputTopics(),
      ]),
    ] as TopicName<T>[];
    const serde = await internalsOf<T>(app).parts.recordSerde({ from: topics, to: topics });
    return new StreamsTestDriver(app, serde, partitions);
  }

  /** Pipes records into `topic` (encoded by its real codecs, decoded back, then processed), in order. */
  async pipe<N extends TopicName<T>>(
    topic: N,
    records: TestRecord<T, N> | readonly TestRecord<T, N>[],
  ): Promise<void> {
    if (!this.subByTopic.has(topic) && !this.i.builder.outputTopics().includes(topic))
      throw new StreamsConfigError(`streams: the topology does not read ${topic}`);
    const list = (Array.isArray(records) ? records : [records]) as readonly TestRecord<T, N>[];
    for (const r of list) {
      const record = {
        topic,
        key: r.key,
        value: r.value,
        ...(r.headers ? { headers: r.headers } : {}),
      } as AnyOutputRecord<TopicMap, string>;
      const m = toMessage(this.serde, record);
      const message = { ...(m instanceof Promise ? await m : m), timestamp: String(r.timestamp) };
      await this.deliver(topic, message);
    }
  }

  /**
   * Moves every windowed operator's stream time to `time` as if a record with that timestamp had arrived,
   * so windows that close by then emit their final results. (On a broker, stream time moves only with records.)
   */
  async advanceStreamTime(time: number): Promise<void> {
    const pending: Emitted[][] = [];
    for (const t of this.tasks.values()) {
      const out: Emitted[] = [];
      t.advanceStreamTime(time, (e) => out.push(e));
      pending.push(out);
    }
    for (const out of pending) await this.route(out);
    this.commit();
  }

  /** Takes the records written to `topic` so far (decoded by its real codecs), oldest first. */
  async readOutput<N extends TopicName<T>>(
    topic: N,
  ): Promise<Array<StreamRecord<KeyOutput<T, N>, ValueOutput<T, N>>>> {
    const list = this.outputs.get(topic) ?? [];
    this.outputs.set(topic, []);
    const out: Array<StreamRecord<KeyOutput<T, N>, ValueOutput<T, N>>> = [];
    for (const p of list) {
      const d = this.serde.decode(this.raw(topic, p.partition, p.message));
      const decoded = d instanceof Promise ? await d : d;
      out.push({
        key: decoded.key as KeyOutput<T, N>,
        value: decoded.value as ValueOutput<T, N>,
        timestamp: Number(p.message.timestamp),
      });
    }
    return out;
  }

  /** Closes the stores. */
  async close(): Promise<void> {
    await Promise.all(
      [...this.tasks.values()].flatMap((t) => [...t.stores.values()].map((s) => s.base.close())),
    );
  }

  private raw(topic: string, partition: number, m: KafkaJS.Message): RawRecord {
    return {
      topic,
      partition,
      offset: String(this.offset++),
      timestamp: m.timestamp ?? '',
      key: messageBytes(m.key),
      value: messageBytes(m.value),
      headers: m.headers ?? {},
    };
  }

  private partitionOf(m: KafkaJS.Message): number {
    if (m.partition !== undefined) return m.partition % this.partitions;
    const key = m.key;
    if (key === null || key === undefined) return 0;
    return murmur2Partition(Buffer.isBuffer(key) ? key : Buffer.from(key), this.partitions);
  }

  /** A message lands on `topic`: kept as output, and processed if the topology reads the topic. */
  private async deliver(topic: string, message: KafkaJS.Message): Promise<void> {
    const partition = this.partitionOf(message);
    const sub = this.subByTopic.get(topic);
    if (!sub) return;
    const source = sub.sources.get(topic)!;
    const raw = this.raw(topic, partition, message);
    const d = decodeInput(source, raw, this.serde);
    const decoded = d instanceof Promise ? await d : d;
    let timestamp: number;
    try {
      timestamp = eventTime(source, raw, decoded);
    } catch (e) {
      if (e instanceof InvalidTimestampError && this.i.options.invalidTimestamps === 'skip') {
        this.i.counters.invalidTimestampsSkipped++;
        return;
      }
      throw e;
    }
    const out: Emitted[] = [];
    this.tasks
      .get(`${sub.id}_${partition}`)!
      .process(topic, { key: decoded.key, value: decoded.value, timestamp }, (e) => out.push(e));
    this.i.counters.recordsProcessed++;
    this.commit();
    await this.route(out);
  }

  private async route(out: readonly Emitted[]): Promise<void> {
    for (const e of out) {
      const m = messageOf(e, this.serde, () => this.partitions);
      const message = m instanceof Promise ? await m : m;
      this.i.counters.recordsEmitted++;
      if (e.kind === 'topic') {
        const list = this.outputs.get(e.topic) ?? [];
        list.push({ topic: e.topic, partition: this.partitionOf(message), message });
        this.outputs.set(e.topic, list);
      }
      const reads = this.subByTopic.get(e.topic);
      if (reads && (e.kind === 'topic' || reads.sources.get(e.topic) instanceof RepartitionSourceNode))
        await this.deliver(e.topic, message);
    }
  }

  private commit(): void {
    for (const t of this.tasks.values()) t.apply();
    this.i.counters.commits++;
  }
}
