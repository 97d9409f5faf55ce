import type { ConsumerGlobalConfig, ConsumerTopicConfig, KafkaJS } from '@confluentinc/kafka-javascript';
import { DeadLetterPublisher, type DeadLetterTopic } from '../consumer/dlq/dead-letter-publisher';
import type { RawRecord } from '../kafka/raw-record';
import { fetchBatchSize, NativeBatchLoop, type PartitionSlice } from '../consumer/native/batch-loop';
import { InputPositions } from '../consumer/native/input-positions';
import { rawRecordOfFetched } from '../consumer/native/fetched-record';
import { retrying, retryPolicy, type RetryPolicy } from '../consumer/retry/backoff';
import type { StopResult } from '../consumer/shutdown';
import { KgenError } from '../errors';
import { countDelivery, type DeliveryMetrics } from '../metrics/delivery-metrics';
import { producerDefaults, type RdkafkaProducerConfig } from '../producer/presets';
import { ProducerFencedError, TransactionalProducer, type OpenTransaction } from '../producer/transaction';
import type { TopicMap, TopicName } from '../topics';
import { Mutex } from './mutex';
import {
  toMessage,
  type AnyInputRecord,
  type AnyOutputRecord,
  type DecodedRecord,
  type RecordSerde,
} from '../producer/record-serde';
import { addActiveSpanEvent, activeSpanContext } from '../telemetry/tracing';
import { ATTR, errorType } from '../telemetry/semconv';
import { consumeTelemetry, observeProcess, recordBytes } from '../telemetry/observe-process';
import { spanContextOfHeaders, withTraceHeaders } from '../telemetry/trace-headers';
import { continueTrace, deadLetterEvent } from '../telemetry/dead-letter-trace';
import { timedCommit } from '../consumer/native/observe-fetched';
import { TransactionSpan } from './transaction-span';

/** A typed transform: one input record → zero or more output records (sync or async). */
export type Transform<T extends TopicMap, From extends TopicName<T>, To extends TopicName<T>> = (
  record: AnyInputRecord<T, From>,
) => readonly AnyOutputRecord<T, To>[] | Promise<readonly AnyOutputRecord<T, To>[]>;

/** Options of `createPipeline`. */
export interface PipelineOptions<T extends TopicMap, From extends TopicName<T>, To extends TopicName<T>> {
  /** The official client's promisified `Kafka` instance. */
  readonly kafka: KafkaJS.Kafka;
  /** The topic map (generated `topics`); types every record. */
  readonly topics: T;
  /** Input topics. */
  readonly from: readonly From[];
  /** Output topics the transform may write. */
  readonly to: readonly To[];
  /** Consumer group; its committed offsets move only inside the output transactions. */
  readonly groupId: string;
  /**
   * `transactional.id`; keep it stable across restarts of one instance so a restart fences its zombie and
   * aborts its open transaction. Default `<groupId>.eos`.
   */
  readonly transactionalId?: string;
  /** Typed by `from` and `to` only (never widens them): returning a record for another topic does not compile. */
  readonly transform: NoInfer<Transform<T, From, To>>;
  /** Bytes ↔ values for every topic in `from` and `to`. */
  readonly serde: RecordSerde;
  /** A transaction commits after `maxRecords` input records or `maxMs`, whichever first (default 1000 / 100 ms). */
  readonly batch?: { readonly maxRecords?: number; readonly maxMs?: number };
  /**
   * A record that cannot be decoded, or whose transform keeps throwing after `retries`, is written to the
   * dead-letter topic INSIDE the transaction (so exactly once too) and the pipeline moves on. `false`: the
   * error stops the pipeline instead. Default: `<topic>.dlq`, 2 retries.
   */
  readonly deadLetter?: false | { readonly topic?: DeadLetterTopic; readonly retry?: Partial<RetryPolicy> };
  /** Extra librdkafka consumer properties (kgen sets group, read_committed, no auto commit). */
  readonly consumerConfig?: ConsumerGlobalConfig & ConsumerTopicConfig & Record<string, unknown>;
  /** Extra librdkafka producer properties over kgen's defaults. */
  readonly producerConfig?: RdkafkaProducerConfig;
  /** Delivery counters this pipeline updates (commits, failures, retries, dead letters). */
  readonly metrics?: DeliveryMetrics;
  /** Called with the error that stopped the pipeline (fenced, or a failure with dead letters disabled). */
  readonly onError?: (error: unknown) => void;
}

/** Thrown for pipeline options that cannot work. */
export class PipelineConfigError extends KgenError {
  constructor(message: string) {
    super('PIPELINE_CONFIG', message);
  }
}

/** A running exactly-once pipeline. */
export interface Pipeline {
  /** Stops fetching, commits the open transaction (drain), disconnects. */
  stop(opts?: { readonly timeoutMs?: number }): Promise<StopResult>;
  /** Resolves when the pipeline stopped (by `stop()` or an error it cannot recover from). */
  readonly done: Promise<void>;
  /** Input records in the open transaction. */
  pending(): number;
}

/**
 * Exactly-once consume-transform-produce. Reads `from` with `read_committed`, runs `transform`, and writes
 * its output and the consumed offsets (last + 1, with the consumer's group metadata) in one transaction per
 * batch (every N records or T ms). An abort rewinds the consumer to the last committed position, so every
 * input's output appears exactly once to `read_committed` readers, across crashes and restarts.
 */
export async function createPipeline<
  T extends TopicMap,
  const From extends TopicName<T>,
  const To extends TopicName<T>,
>(opts: PipelineOptions<T, From, To>): Promise<Pipeline> {
  for (const t of [...opts.from, ...opts.to])
    if (!Object.hasOwn(opts.topics, t))
      throw new PipelineConfigError(`pipeline: topic ${t} is not in the topic map`);
  if (opts.from.length === 0) throw new PipelineConfigError('pipeline: `from` names no topic');
  const maxRecords = opts.batch?.maxRecords ?? 1000;
  const maxMs = opts.batch?.maxMs ?? 100;
  if (!(maxRecords > 0) || !(maxMs > 0))
    throw new PipelineConfigError(
      `pipeline: batch.maxRecords and batch.maxMs must be > 0, got ${maxRecords} / ${maxMs}`,
    );
  const allowed = new Set<string>(opts.to);
  const transactionalId = opts.transactionalId ?? `${opts.groupId}.eos`;
  const { metrics } = opts;
  const dlqOpts = opts.deadLetter === false ? undefined : (opts.deadLetter ?? {});
  const deadLetters = dlqOpts
    ? new DeadLetterPublisher({
        send: () => Promise.resolve(),
        ...(dlqOpts.topic ? { topic: dlqOpts.topic } : {}),
      })
    : undefined;
  const policy = retryPolicy({ retries: 2, initialDelayMs: 10, ...(dlqOpts?.retry ?? {}) });

  const producer = new TransactionalProducer<T>({
    transactionalId,
    createProducer: () =>
      opts.kafka.producer({
        ...producerDefaults,
        'linger.ms': 5,
        ...opts.producerConfig,
        'transactional.id': transactionalId,
      }),
    ...(metrics ? { metrics } : {}),
  });
  // Initialise transactions first: fences a zombie of this instance and aborts its open transaction, so the
  // consumer then reads stable committed offsets.
  await producer.connect();

  const fetchDefault = Math.min(maxRecords, 10_000);
  const consumerConfig = {
    'auto.offset.reset': 'earliest',
    'js.consumer.max.batch.size': fetchDefault,
    ...opts.consumerConfig,
    'group.id': opts.groupId,
    'enable.auto.commit': false,
    'isolation.level': 'read_committed',
  };
  const consumer = opts.kafka.consumer(consumerConfig as KafkaJS.ConsumerConstructorConfig);
  await consumer.connect();
  // Fetches on librdkafka's batch call, as the typed consumer does (the KafkaJS layer keeps the connection).
  const loop = NativeBatchLoop.of(consumer);
  if (loop === undefined) {
    await consumer.disconnect();
    throw new PipelineConfigError('pipeline: the Kafka instance gives consumers without a native client');
  }

  const lock = new Mutex();
  let tx: OpenTransaction<T> | undefined;
  /** The span of the open transaction (while tracing), linked to the process span of each of its inputs. */
  let txSpan: TransactionSpan | undefined;
  let openedAt = 0;
  let inputCount = 0;
  let progress = new InputPositions();
  let stopping = false;
  let resolveDone!: () => void;
  const done = new Promise<void>((r) => (resolveDone = r));

  /** Ends the open transaction: commit, or abort + rewind. Call under the lock. */
  const finish = async (): Promise<void> => {
    const current = tx;
    if (!current) return;
    const parts = progress;
    const span = txSpan;
    txSpan = undefined;
    tx = undefined;
    progress = new InputPositions();
    const records = inputCount;
    inputCount = 0;
    try {
      const offsets = parts.offsets();
      const commit = timedCommit(async () => {
        if (offsets.length > 0) await current.sendOffsets(consumer, offsets);
        await current.commit();
      });
      await commit();
      span?.committed(records);
      countDelivery(metrics, 'committed', parts.size);
    } catch (e) {
      const typed = e instanceof KgenError ? e : await current.abort(e);
      span?.aborted(records, e);
      parts.rewind(loop);
      countDelivery(metrics, 'failed', records);
      if (typed instanceof ProducerFencedError) throw typed;
      // Any other failure: the batch is replayed from the last committed position by the next fetches.
    }
  };

  const transformWithRetry = async (
    record: AnyInputRecord<T, From>,
  ): Promise<
    { ok: true; out: readonly AnyOutputRecord<T, To>[] } | { ok: false; error: unknown; attempts: number }
  > => {
    const outcome = await retrying(
      async () => await opts.transform(record),
      deadLetters ? policy : retryPolicy({ retries: 0 }),
      {
        onRetry: (error, retry, delayMs) => {
          countDelivery(metrics, 'retried');
          addActiveSpanEvent('retry', {
            'kgen.retry.attempt': retry,
            'kgen.retry.delay_ms': delayMs,
            [ATTR.errorType]: errorType(error),
          });
        },
      },
    );
    return outcome.ok
      ? { ok: true, out: outcome.value }
      : { ok: false, error: outcome.error, attempts: outcome.attempts };
  };

  /** One partition's records of a fetch, into the open transaction (opened here if none is). */
  const handleSlice = async (slice: PartitionSlice): Promise<void> => {
    // Stale: its partition was rewound by an abort (or revoked) since the fetch.
    if (stopping || slice.stale) return;
    const { topic, partition, messages } = slice;
    tx ??= await producer.begin();
    if (openedAt === 0 || inputCount === 0) openedAt = Date.now();
    const telemetry = consumeTelemetry();
    const tracing = telemetry?.tracing;
    if (tracing !== undefined) txSpan ??= new TransactionSpan(tracing, transactionalId, opts.groupId);
    const out = new Map<string, KafkaJS.Message[]>();
    const push = (t: string, m: KafkaJS.Message): void => {
      const list = out.get(t) ?? [];
      list.push(m);
      out.set(t, list);
    };
    const deadLetter = (
      raw: RawRecord,
      error: unknown,
      reason: 'undecodable' | 'handler-failed',
      attempts: number,
    ) => {
      if (!deadLetters) throw error;
      const m = deadLetters.message(raw, error, reason, attempts);
      const sc = activeSpanContext();
      if (sc !== undefined) deadLetterEvent(raw, m.topic, reason, error);
      for (const msg of m.messages)
        push(m.topic, sc === undefined ? msg : { ...msg, headers: continueTrace(msg.headers, sc) });
      countDelivery(metrics, 'deadLettered', 1, { [ATTR.destination]: raw.topic });
    };
    /** Decodes, transforms and stages the output (or dead letter) of one input record. */
    const processOne = async (raw: RawRecord): Promise<void> => {
      const sc = activeSpanContext();
      if (sc !== undefined) txSpan?.link(sc);
      let decoded: DecodedRecord;
      try {
        const d = opts.serde.decode(raw);
        decoded = d instanceof Promise ? await d : d;
      } catch (e) {
        deadLetter(raw, e, 'undecodable', 0);
        return;
      }
      const input = {
        topic,
        partition,
        offset: raw.offset,
        timestamp: raw.timestamp,
        key: decoded.key,
        value: decoded.value,
        headers: decoded.headers ?? raw.headers,
        raw,
      } as AnyInputRecord<T, From>;
      const result = await transformWithRetry(input);
      if (!result.ok) {
        deadLetter(raw, result.error, 'handler-failed', result.attempts);
        return;
      }
      for (const r of result.out) {
        if (!allowed.has(r.topic))
          throw new PipelineConfigError(`pipeline: transform wrote to ${r.topic}, which is not in \`to\``);
        const made = toMessage(opts.serde, r as AnyOutputRecord<TopicMap, string>);
        const m = made instanceof Promise ? await made : made;
        // Outputs continue the input's trace (the application's own traceparent wins).
        push(r.topic, sc === undefined ? m : { ...m, headers: withTraceHeaders(m.headers, sc) });
      }
    };
    for (const message of messages) {
      const raw = rawRecordOfFetched(message);
      if (telemetry === undefined) await processOne(raw);
      else
        await observeProcess(
          telemetry,
          {
            topic,
            partition,
            offset: raw.offset,
            group: opts.groupId,
            tombstone: raw.value === null,
            bytes: recordBytes(raw.key, raw.value),
          },
          () => (tracing === undefined ? undefined : spanContextOfHeaders(tracing.api, raw.headers)),
          () => processOne(raw),
        );
    }
    if (out.size > 0) void tx.sendBatch([...out].map(([t, messages]) => ({ topic: t, messages })));
    slice.done = messages.length;
    progress.add(topic, partition, messages[0]!.offset, messages[messages.length - 1]!.offset);
    inputCount += messages.length;
    if (inputCount >= maxRecords || Date.now() - openedAt >= maxMs) await finish();
  };

  const fail = (error: unknown): void => {
    if (stopping) return;
    opts.onError?.(error);
    void stop();
  };

  const timer = setInterval(
    () => {
      if (!tx || Date.now() - openedAt < maxMs) return;
      lock.run(finish).catch(fail);
    },
    Math.max(5, Math.floor(maxMs / 2)),
  );
  timer.unref();

  let stopped: Promise<StopResult> | undefined;
  const stop = (stopOpts: { timeoutMs?: number } = {}): Promise<StopResult> => {
    stopped ??= (async () => {
      stopping = true;
      clearInterval(timer);
      const timeout = new Promise<false>((r) =>
        setTimeout(() => r(false), stopOpts.timeoutMs ?? 30_000).unref(),
      );
      const drained = await Promise.race([
        lock.run(finish).then(
          () => true,
          () => false,
        ),
        timeout,
      ]);
      await loop.stop();
      await consumer.disconnect().catch(() => undefined);
      await producer.disconnect().catch(() => undefined);
      resolveDone();
      return { drained, abandoned: drained ? 0 : inputCount };
    })();
    return stopped;
  };

  /** One partition's records under the lock; a failure it cannot recover from aborts and stops the pipeline. */
  const handleGuarded = async (slice: PartitionSlice): Promise<void> => {
    try {
      await lock.run(() => handleSlice(slice));
    } catch (e) {
      // Unrecoverable (fenced, or dead letters disabled): abort what is open and stop.
      await lock.run(async () => {
        if (tx) {
          const current = tx;
          tx = undefined;
          txSpan?.aborted(inputCount, e);
          txSpan = undefined;
          await current.abort(e);
          progress.rewind(loop);
          progress = new InputPositions();
          inputCount = 0;
        }
      });
      fail(e);
    }
  };
  await consumer.subscribe({ topics: [...opts.from] });
  loop.start(
    {
      onBatch: async (slices) => {
        for (const slice of slices) await handleGuarded(slice);
      },
      // Partitions are about to move: end the open transaction first. Otherwise the new owner re-reads records
      // whose output is still pending here, and a re-assignment to us would replay them into the same one.
      onRevoke: () => lock.run(finish).catch(fail),
    },
    fetchBatchSize(consumerConfig['js.consumer.max.batch.size'], fetchDefault),
  );

  return { stop, done, pending: () => inputCount };
}
