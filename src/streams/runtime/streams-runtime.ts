import { randomUUID } from 'node:crypto';
import type { KafkaJS } from '@confluentinc/kafka-javascript';
import { KgenError } from '../../errors';
import { fetchBatchSize, NativeBatchLoop, type PartitionSlice } from '../../consumer/native/batch-loop';
import { InputPositions } from '../../consumer/native/input-positions';
import { rawRecordOfFetched } from '../../consumer/native/fetched-record';
import { nativeConsumerOf } from '../../kafka/internal-client';
import { producerDefaults } from '../../producer/presets';
import type { RecordSerde } from '../../producer/record-serde';
import { ProducerFencedError, TransactionalProducer, type OpenTransaction } from '../../producer/transaction';
import type { TopicMap, TopicName } from '../../topics';
import type { StreamsApp } from '../app';
import { internalsOf, type AppInternals } from '../app-internals';
import { Task } from '../engine/task';
import { InvalidTimestampError, StreamsConfigError } from '../errors';
import type { BytesStore } from '../store/bytes-store';
import { MemoryStore } from '../store/memory-store';
import { lmdbStoreFactory } from '../store/lmdb-store';
import type { Emitted } from '../topology/context';
import type { Subtopology } from '../topology/topology';
import { ensureInternalTopics, partitionCounts } from './internal-topics';
import { planPartitions, type PartitionPlan } from './partition-plan';
import { decodeInput, eventTime, messageOf } from './record-codec';
import { RepartitionPurge } from './repartition-purge';
import { restoreStore, stableOffsets, type RestoreContext } from './restore';

/**
 * The broker side of a streams app: one consumer (group = applicationId, range assignment so co-partitioned
 * topics move together, read_committed) and one transactional producer. Each batch of input runs through
 * its task; the task's changelog writes, the emitted records and the input offsets commit in one
 * transaction; only then do the writes reach the stores. A task's stores are restored from their changelogs
 * before its first record is processed.
 */
export class StreamsRuntime<T extends TopicMap> {
  private readonly i: AppInternals<T>;
  private readonly tasks = new Map<string, Task>();
  private readonly subByTopic = new Map<string, Subtopology>();
  private plan!: PartitionPlan;
  private serde!: RecordSerde;
  private admin!: KafkaJS.Admin;
  private consumer!: KafkaJS.Consumer;
  private loop: NativeBatchLoop | undefined;
  private restoreConsumer!: KafkaJS.Consumer;
  private producer!: TransactionalProducer<T>;
  private tx: OpenTransaction<T> | undefined;
  private openedAt = 0;
  private inputCount = 0;
  private progress = new InputPositions();
  private dirty = new Set<Task>();
  private outbox = new Map<string, KafkaJS.Message[]>();
  private chain: Promise<void> = Promise.resolve();
  private stopping = false;
  private stopped: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private checkpointTimer: NodeJS.Timeout | undefined;
  private purge: RepartitionPurge | undefined;
  /** Per `<changelog>/<partition>`: an offset every local store of it has applied (its checkpoint). */
  private readonly checkpoints = new Map<string, bigint>();
  private resolveDone!: () => void;
  readonly done: Promise<void>;

  constructor(app: StreamsApp<T>) {
    this.i = internalsOf<T>(app);
    this.done = new Promise((r) => (this.resolveDone = r));
  }

  private get opts() {
    return this.i.options;
  }

  /** Runs `fn` after every earlier section (the consumer loop, the commit timer and rebalances share state). */
  private serial<R>(fn: () => Promise<R>): Promise<R> {
    const result = this.chain.then(fn);
    this.chain = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  async start(): Promise<void> {
    const { builder, parts } = this.i;
    const subs = builder.subtopologies();
    for (const s of subs) for (const t of s.sources.keys()) this.subByTopic.set(t, s);
    const userTopics = builder.userSourceTopics();
    if (userTopics.length === 0)
      throw new StreamsConfigError('streams: the topology reads no topic (call app.stream() or app.table())');
    for (const t of builder.outputTopics())
      if (!Object.hasOwn(parts.topics, t))
        throw new StreamsConfigError(`streams: output topic ${t} is not in the topic map`);
    this.admin = parts.kafka.admin();
    await this.admin.connect();
    this.plan = planPartitions(builder, await partitionCounts(this.admin, userTopics));
    await ensureInternalTopics(this.admin, builder, this.plan, this.opts.replicationFactor ?? -1);
    this.purge = new RepartitionPurge(this.admin, builder.repartitionTopics());
    this.purge.start(this.opts.repartitionPurgeIntervalMs ?? 30_000);
    this.serde = await parts.recordSerde({
      from: userTopics as TopicName<T>[],
      to: builder.outputTopics() as TopicName<T>[],
    });
    this.i.storesOf = (name) =>
      [...this.tasks.values()].flatMap((t) => {
        const s = t.stores.get(name);
        return s ? [s.base] : [];
      });

    const transactionalId = `${this.opts.applicationId}-${this.opts.instanceId ?? randomUUID()}`;
    this.producer = new TransactionalProducer<T>({
      transactionalId,
      createProducer: () =>
        parts.kafka.producer({
          ...producerDefaults,
          'linger.ms': 5,
          ...this.opts.producerConfig,
          'transactional.id': transactionalId,
        }),
    });
    // Initialising transactions fences a crashed predecessor with this id and aborts its open transaction.
    await this.producer.connect();

    this.restoreConsumer = parts.kafka.consumer({
      'group.id': `${this.opts.applicationId}-restore`,
      'enable.auto.commit': false,
      'isolation.level': 'read_committed',
      'auto.offset.reset': 'earliest',
    } as KafkaJS.ConsumerConstructorConfig);
    await this.restoreConsumer.connect();

    const maxRecords = this.opts.batch?.maxRecords ?? 1000;
    const maxMs = this.opts.batch?.maxMs ?? 100;
    const fetchDefault = Math.min(maxRecords, 10_000);
    const consumerConfig = {
      'auto.offset.reset': 'earliest',
      'js.consumer.max.batch.size': fetchDefault,
      ...this.opts.consumerConfig,
      'group.id': this.opts.applicationId,
      'partition.assignment.strategy': 'range',
      'enable.auto.commit': false,
      'isolation.level': 'read_committed',
    };
    this.consumer = parts.kafka.consumer(consumerConfig as KafkaJS.ConsumerConstructorConfig);
    await this.consumer.connect();
    // Fetches on librdkafka's batch call, as the pipeline does: a rewind after an abort drops every record
    // fetched before it, so no record past the rewound position is processed ahead of its replay.
    const loop = NativeBatchLoop.of(this.consumer);
    if (loop === undefined)
      throw new StreamsConfigError('streams: the Kafka instance gives consumers without a native client');
    this.loop = loop;
    await this.consumer.subscribe({ topics: [...this.subByTopic.keys()] });
    this.timer = setInterval(
      () => {
        if (!this.tx || Date.now() - this.openedAt < maxMs) return;
        this.serial(() => this.finish()).catch((e: unknown) => this.fail(e));
      },
      Math.max(5, Math.floor(maxMs / 2)),
    );
    this.timer.unref();
    this.checkpointTimer = setInterval(() => void this.refreshCheckpoints(), 5000);
    this.checkpointTimer.unref();
    loop.start(
      {
        onBatch: async (slices) => {
          for (const slice of slices) await this.handleGuarded(slice, maxRecords, maxMs);
        },
        // Partitions are about to move: commit what is open, then drop the tasks (the next owner restores them).
        onRevoke: () =>
          this.serial(async () => {
            await this.finish();
            await this.closeTasks();
          }).catch((e: unknown) => this.fail(e)),
      },
      // As the pipeline and the typed consumer: an application's own fetch size wins.
      fetchBatchSize(consumerConfig['js.consumer.max.batch.size'], fetchDefault),
    );
  }

  /** One partition's records under the serial section; a failure aborts what is open and stops the app. */
  private async handleGuarded(slice: PartitionSlice, maxRecords: number, maxMs: number): Promise<void> {
    try {
      await this.serial(() => this.handleSlice(slice, maxRecords, maxMs));
    } catch (e) {
      await this.serial(() => this.abortOpen(e));
      this.fail(e);
    }
  }

  private async task(sub: Subtopology, partition: number): Promise<Task> {
    const id = `${sub.id}_${partition}`;
    const existing = this.tasks.get(id);
    if (existing) return existing;
    const { storeBackend, stateDir, applicationId } = this.opts;
    const backend =
      storeBackend ??
      (stateDir === undefined
        ? (name: string) => new MemoryStore(name)
        : lmdbStoreFactory({ stateDir, applicationId }));
    const stores = new Map<string, BytesStore>();
    const restore: RestoreContext = {
      admin: this.admin,
      consumer: nativeConsumerOf(this.restoreConsumer)!,
      timeoutMs: this.opts.restoreTimeoutMs ?? 120_000,
      metrics: this.i.counters,
    };
    if (!restore.consumer) throw new StreamsConfigError('streams: the restore consumer is not connected');
    try {
      for (const name of sub.stores) {
        const store = backend(name, partition);
        stores.set(name, store);
        const topic = this.i.builder.changelogTopic(name);
        this.checkpoints.set(`${topic}/${partition}`, await restoreStore(restore, store, topic, partition));
      }
    } catch (e) {
      await Promise.all([...stores.values()].map((s) => s.close().catch(() => undefined)));
      throw e;
    }
    const task = new Task(sub, partition, stores, this.i.counters, this.opts.cache?.maxEntries ?? 0);
    this.tasks.set(id, task);
    return task;
  }

  private async closeTasks(): Promise<void> {
    const tasks = [...this.tasks.values()];
    this.tasks.clear();
    await Promise.all(
      tasks.flatMap((t) => [...t.stores.values()].map((s) => s.base.close().catch(() => undefined))),
    );
  }

  /**
   * What operators emit, encoded in emission order: `drain` puts it in the outbox of the open transaction
   * (awaiting encodings that need the registry) and counts it.
   */
  private emitter(): { emit: (out: Emitted) => void; drain: () => Promise<void> } {
    const pending: Array<{ topic: string; message: KafkaJS.Message | Promise<KafkaJS.Message> }> = [];
    const emit = (out: Emitted): void => {
      pending.push({
        topic: out.topic,
        message: messageOf(out, this.serde, (t) => this.plan.topics.get(t)!),
      });
    };
    const drain = async (): Promise<void> => {
      for (const p of pending)
        this.enqueue(p.topic, p.message instanceof Promise ? await p.message : p.message);
      this.i.counters.recordsEmitted += pending.length;
      pending.length = 0;
    };
    return { emit, drain };
  }

  private enqueue(topic: string, m: KafkaJS.Message): void {
    const list = this.outbox.get(topic);
    if (list) list.push(m);
    else this.outbox.set(topic, [m]);
  }

  private async handleSlice(slice: PartitionSlice, maxRecords: number, maxMs: number): Promise<void> {
    // Stale: its partition was rewound by an abort (or revoked) since the fetch.
    if (this.stopping || slice.stale) return;
    const { topic, partition, messages } = slice;
    const sub = this.subByTopic.get(topic)!;
    const source = sub.sources.get(topic)!;
    const task = await this.task(sub, partition);
    this.tx ??= await this.producer.begin();
    if (this.inputCount === 0) this.openedAt = Date.now();
    const { emit, drain } = this.emitter();
    const metrics = this.i.counters;
    for (const message of messages) {
      const raw = rawRecordOfFetched(message);
      const d = decodeInput(source, raw, this.serde);
      const decoded = d instanceof Promise ? await d : d;
      let timestamp: number;
      try {
        timestamp = eventTime(source, raw, decoded);
      } catch (e) {
        if (e instanceof InvalidTimestampError && this.opts.invalidTimestamps === 'skip') {
          metrics.invalidTimestampsSkipped++;
          continue;
        }
        throw e;
      }
      task.process(topic, { key: decoded.key, value: decoded.value, timestamp }, emit);
      metrics.recordsProcessed++;
    }
    this.dirty.add(task);
    await drain();
    slice.done = messages.length;
    this.progress.add(topic, partition, messages[0]!.offset, messages[messages.length - 1]!.offset);
    this.inputCount += messages.length;
    if (this.inputCount >= maxRecords || Date.now() - this.openedAt >= maxMs) await this.finish();
  }

  /** Ends the open transaction: changelogs + outputs + offsets commit together, or abort and rewind. */
  private async finish(): Promise<void> {
    const tx = this.tx;
    if (!tx) return;
    const parts = this.progress;
    const dirty = [...this.dirty];
    this.tx = undefined;
    this.progress = new InputPositions();
    this.dirty = new Set();
    this.inputCount = 0;
    try {
      // Held updates first: their output, and what operators further down write, belong to this transaction.
      const { emit, drain } = this.emitter();
      for (const task of dirty) task.flushCache(emit);
      await drain();
      for (const task of dirty)
        for (const { store, writes } of task.writes()) {
          const topic = this.i.builder.changelogTopic(store);
          for (const w of writes)
            this.enqueue(topic, { key: w.key, value: w.value ?? null, partition: task.partition });
        }
      const outbox = this.outbox;
      this.outbox = new Map();
      if (outbox.size > 0) void tx.sendBatch([...outbox].map(([topic, messages]) => ({ topic, messages })));
      const offsets = parts.offsets();
      if (offsets.length > 0) await tx.sendOffsets(this.consumer, offsets);
      await tx.commit();
      this.purge?.committed(offsets);
      for (const task of dirty) {
        task.apply();
        // A persistent store writes its contents with the checkpoint (an offset it has certainly applied).
        for (const [name, store] of task.stores) {
          const at = this.checkpoints.get(`${this.i.builder.changelogTopic(name)}/${task.partition}`);
          if (at !== undefined) store.base.writeCheckpoint(new Map([[task.partition, at]]));
        }
      }
      this.i.counters.commits++;
    } catch (e) {
      const typed = e instanceof KgenError ? e : await tx.abort(e);
      this.outbox = new Map();
      for (const task of dirty) task.discard();
      parts.rewind(this.loop);
      this.i.counters.aborts++;
      if (typed instanceof ProducerFencedError) throw typed;
      // Anything else: the batch is replayed from the last committed position by the next fetches.
    }
  }

  /** Moves checkpoints up to the changelogs' current stable offsets (all committed, so all applied). */
  private async refreshCheckpoints(): Promise<void> {
    const topics = new Set(
      [...this.tasks.values()].flatMap((t) => t.sub.stores.map((s) => this.i.builder.changelogTopic(s))),
    );
    for (const topic of topics) {
      try {
        const lso = await this.serial(() => stableOffsets(this.admin, topic));
        for (const [p, o] of lso) {
          const key = `${topic}/${p}`;
          if (this.checkpoints.has(key)) this.checkpoints.set(key, o);
        }
      } catch {
        // the next refresh tries again; an older checkpoint only means a longer replay
      }
    }
  }

  /** An error stopped processing: abort what is open (its input is replayed by the next owner). */
  private async abortOpen(e: unknown): Promise<void> {
    const tx = this.tx;
    this.tx = undefined;
    for (const task of this.dirty) task.discard();
    this.dirty = new Set();
    this.outbox = new Map();
    this.progress.rewind(this.loop);
    this.progress = new InputPositions();
    this.inputCount = 0;
    if (tx) {
      await tx.abort(e);
      this.i.counters.aborts++;
    }
  }

  private fail(error: unknown): void {
    if (this.stopping) return;
    this.opts.onError?.(error);
    void this.stop();
  }

  stop(): Promise<void> {
    this.stopped ??= (async () => {
      this.stopping = true;
      if (this.timer) clearInterval(this.timer);
      if (this.checkpointTimer) clearInterval(this.checkpointTimer);
      await this.serial(() => this.finish()).catch(() => undefined);
      await this.loop?.stop();
      await this.consumer?.disconnect().catch(() => undefined);
      await this.serial(() => this.closeTasks()).catch(() => undefined);
      await this.restoreConsumer?.disconnect().catch(() => undefined);
      await this.producer?.disconnect().catch(() => undefined);
      await this.purge?.stop();
      await this.admin?.disconnect().catch(() => undefined);
      this.resolveDone();
    })();
    return this.stopped;
  }
}
