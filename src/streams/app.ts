import type { KeyOutput, TopicMap, TopicName, ValueOutput } from '../topics';
import type { StreamsClientParts, StreamsOptions } from './app-options';
import { streamOf, type KStream } from './dsl/stream';
import { tableOf, type KTable } from './dsl/table';
import type { StreamRecord, Windowed } from './dsl/records';
import { StreamsConfigError } from './errors';
import { keyValueView, windowView, type KeyValueStoreView, type WindowStoreView } from './engine/query';
import type { BytesStore } from './store/bytes-store';
import { SourceNode } from './topology/io-nodes';
import { StreamsMetrics, type StreamsMetricsSnapshot } from './topology/metrics';
import { TableSourceNode } from './topology/table-nodes';
import { TopologyBuilder, type TopologyDescription } from './topology/topology';
import { StreamsRuntime } from './runtime/streams-runtime';
import { internalsOf, setInternals } from './app-internals';
import { dslNode } from './dsl/dsl-node';

/** Options of `app.stream(topic)`. */
export interface StreamSourceOptions<K, V> {
  /** Event time of a record (ms); default its Kafka timestamp. Must return a finite number, at least 0. */
  readonly timestamp?: (record: StreamRecord<K, V>) => number;
}

/** Options of `app.table(topic)`. */
export interface TableSourceOptions {
  /** Store name (default `<topic>-table`). */
  readonly name?: string;
}

/** A view of the local store of a table: windowed tables get window reads. */
export type StoreView<K, V> = K extends Windowed<infer WK> ? WindowStoreView<WK, V> : KeyValueStoreView<K, V>;

/**
 * A stateful stream-processing application over a client's topic map (`client.streams({ applicationId })`):
 * define the topology with `stream` / `table`, then `start()`. Exactly once: store changelog writes,
 * output records and input offsets commit in one transaction per batch.
 */
export class StreamsApp<T extends TopicMap> {
  private runtime: StreamsRuntime<T> | undefined;

  /** Use `client.streams(options)`; `parts` is what the app needs of its client. */
  constructor(parts: StreamsClientParts<T>, options: StreamsOptions) {
    if (!/^[A-Za-z0-9._-]+$/.test(options.applicationId))
      throw new StreamsConfigError(
        `streams: applicationId ${options.applicationId} must match [A-Za-z0-9._-]+ (it names topics)`,
      );
    const cacheEntries = options.cache?.maxEntries;
    if (cacheEntries !== undefined && !(Number.isInteger(cacheEntries) && cacheEntries >= 0))
      throw new StreamsConfigError(
        `streams: cache.maxEntries must be an integer >= 0 (0 turns the cache off), got ${String(cacheEntries)}`,
      );
    const purgeMs = options.repartitionPurgeIntervalMs;
    if (purgeMs !== undefined && !(Number.isInteger(purgeMs) && purgeMs > 0))
      throw new StreamsConfigError(
        `streams: repartitionPurgeIntervalMs must be a positive integer, got ${String(purgeMs)}`,
      );
    setInternals<T>(this, {
      builder: new TopologyBuilder(options.applicationId),
      parts,
      options,
      counters: new StreamsMetrics(),
      storesOf: () => [],
    });
  }

  private get builder(): TopologyBuilder {
    return internalsOf<T>(this).builder;
  }

  private get parts(): StreamsClientParts<T> {
    return internalsOf<T>(this).parts;
  }

  private checkTopic(topic: string): void {
    if (!Object.hasOwn(this.parts.topics, topic))
      throw new StreamsConfigError(`streams: topic ${topic} is not in the topic map`);
    if (this.builder.userSourceTopics().includes(topic))
      throw new StreamsConfigError(
        `streams: topic ${topic} is already read by this app; reuse its stream or table`,
      );
  }

  /** The records of `topic`, typed by the topic map. */
  stream<N extends TopicName<T>>(
    topic: N,
    options: StreamSourceOptions<KeyOutput<T, N>, ValueOutput<T, N>> = {},
  ): KStream<T, KeyOutput<T, N>, ValueOutput<T, N>> {
    this.checkTopic(topic);
    const node = this.builder.add(
      new SourceNode(`source-${topic}`, topic, options.timestamp as ((r: unknown) => unknown) | undefined),
    );
    return streamOf(this.builder, node, false);
  }

  /** `topic` read as a table (latest value per key; a null value deletes), materialized in a store. */
  table<N extends TopicName<T>>(
    topic: N,
    options: TableSourceOptions = {},
  ): KTable<T, KeyOutput<T, N>, ValueOutput<T, N>> {
    this.checkTopic(topic);
    const name = options.name ?? `${topic}-table`;
    this.builder.addStore({ name, windowed: false });
    const node = this.builder.add(new TableSourceNode(`table-${topic}`, topic, name));
    return tableOf(this.builder, node, name, false);
  }

  /** The topology: subtopologies, their source topics, operators and stores, and the internal topics. */
  describe(): TopologyDescription {
    return this.builder.describe();
  }

  /**
   * A typed read-only view of a materialized table's store on this instance (interactive query): rows of
   * the partitions this instance owns, as last committed.
   */
  store<K, V>(table: KTable<T, K, V>): StoreView<K, V> {
    const name = table.storeName;
    if (name === undefined)
      throw new StreamsConfigError(
        `streams: ${dslNode(table).node.name} is not materialized in a store (only tables from app.table(), count, reduce and aggregate are)`,
      );
    const stores = (): readonly BytesStore[] => internalsOf<T>(this).storesOf(name);
    return (table.windowed ? windowView(dslNode(table).node, stores) : keyValueView(stores)) as StoreView<
      K,
      V
    >;
  }

  /** Counters and store sizes of this instance. */
  metrics(): StreamsMetricsSnapshot {
    const sizes: Record<string, number> = {};
    const { builder, storesOf, counters } = internalsOf<T>(this);
    for (const name of builder.stores.keys()) sizes[name] = storesOf(name).reduce((n, s) => n + s.size(), 0);
    return counters.snapshot(sizes);
  }

  /**
   * Creates the internal topics, checks co-partitioning, joins the group and starts processing. Resolves
   * once running; a failure later stops the app (see `done` and `onError`).
   */
  async start(): Promise<void> {
    if (this.runtime) throw new StreamsConfigError('streams: start() was already called');
    this.runtime = new StreamsRuntime(this);
    await this.runtime.start();
  }

  /** Commits the open transaction, leaves the group and closes the stores. */
  async stop(): Promise<void> {
    await this.runtime?.stop();
  }

  /** Resolves when the app stopped (by `stop()` or an error). */
  get done(): Promise<void> {
    if (!this.runtime) throw new StreamsConfigError('streams: done is only known after start()');
    return this.runtime.done;
  }
}
