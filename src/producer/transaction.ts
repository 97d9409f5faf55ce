import type { KafkaJS } from '@confluentinc/kafka-javascript';
import { KgenError, isKgenError, type KgenErrorCode } from '../errors';
import { countDelivery, type DeliveryMetrics } from '../metrics/delivery-metrics';
import { faithfulMessage } from '../kafka/faithful-bytes';
import { toMessage, type AnyOutputRecord, type RecordSerde } from './record-serde';
import type { TopicMap, TopicName } from '../topics';
import { RETRIABLE_BROKER_CODES } from '../kafka/broker-retry';
import { activeSpanContext } from '../telemetry/tracing';
import { withTraceHeaders } from '../telemetry/trace-headers';
import { TransactionSends } from './transaction-sends';
import type { SpanContext } from '@opentelemetry/api';

/** `m` with the trace context of `sc` in its headers (the application's own `traceparent` wins). */
function traced(m: KafkaJS.Message, sc: SpanContext | undefined): KafkaJS.Message {
  return sc === undefined ? m : { ...m, headers: withTraceHeaders(m.headers, sc) };
}

/** How a transactional failure must be handled (librdkafka's classification, with a code fallback). */
export type TransactionErrorKind = 'retriable' | 'abortable' | 'fenced' | 'fatal';

/** Base of every transaction error kgen throws; `transactionalId` names the producer. */
export class TransactionError extends KgenError {
  /** The `transactional.id` of the producer that failed. */
  readonly transactionalId: string;
  /** How the failure must be handled. */
  readonly kind: TransactionErrorKind;
  constructor(
    code: KgenErrorCode,
    kind: TransactionErrorKind,
    transactionalId: string,
    message: string,
    cause: unknown,
  ) {
    super(code, `transaction of ${transactionalId}: ${message}`, { cause });
    this.transactionalId = transactionalId;
    this.kind = kind;
  }
}

/** The transaction was aborted (the callback threw, or the broker required an abort); nothing of it is visible. */
export class TransactionAbortedError extends TransactionError {
  constructor(transactionalId: string, cause: unknown) {
    super('TRANSACTION_ABORTED', 'abortable', transactionalId, `aborted: ${messageOf(cause)}`, cause);
  }
}

/** A retriable step kept failing past the retry bound; the transaction was aborted. */
export class TransactionRetriesExhaustedError extends TransactionError {
  /** How many times the step was tried. */
  readonly attempts: number;
  constructor(transactionalId: string, step: string, attempts: number, cause: unknown) {
    super(
      'TRANSACTION_RETRIES_EXHAUSTED',
      'retriable',
      transactionalId,
      `${step} failed ${attempts} times: ${messageOf(cause)}`,
      cause,
    );
    this.attempts = attempts;
  }
}

/**
 * Another producer with the same `transactional.id` took over (a newer instance, or this one was a zombie).
 * The transaction is lost; kgen re-initialises the producer on its next use.
 */
export class ProducerFencedError extends TransactionError {
  constructor(transactionalId: string, cause: unknown) {
    super('PRODUCER_FENCED', 'fenced', transactionalId, `producer fenced: ${messageOf(cause)}`, cause);
  }
}

/** A fatal producer error; the transaction is lost; kgen re-initialises the producer on its next use. */
export class TransactionFatalError extends TransactionError {
  constructor(transactionalId: string, cause: unknown) {
    super('TRANSACTION_FATAL', 'fatal', transactionalId, `fatal producer error: ${messageOf(cause)}`, cause);
  }
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

// librdkafka codes (lib/error.js of the official client).
const FENCED = new Set([-144 /* _FENCED */, 90 /* PRODUCER_FENCED */, 47 /* INVALID_PRODUCER_EPOCH */]);
const FATAL = new Set([-150 /* _FATAL */, 53 /* TRANSACTIONAL_ID_AUTHORIZATION_FAILED */, -172 /* _STATE */]);

/** Attempts of an abort that times out (librdkafka's own timeout per call is 5 s). */
const ABORT_ATTEMPTS = 3;

/** librdkafka's ERR__TIMED_OUT, which the KafkaJS layer raises as a KafkaJSTimeout. */
function isTimeout(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as Record<string, unknown>;
  return e['code'] === -185 || e['name'] === 'KafkaJSTimeout';
}

/** librdkafka's ERR__STATE without the fatal flag: a call in the wrong transaction state, not a dead producer. */
function isStateError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as Record<string, unknown>;
  return e['code'] === -172 && !flag(e, 'fatal', 'isFatal');
}

function flag(e: Record<string, unknown>, ...names: string[]): boolean {
  return names.some((n) => e[n] === true);
}

/**
 * Classifies an error of the official client's transactional producer. Its own flags (`fatal`, `retriable`,
 * `abortable`, or librdkafka's `isFatal`/`isRetriable`/`isTxnRequiresAbort`) win; the error code is the
 * fallback because the promisified API does not always carry the flags over. Unknown errors are abortable.
 */
export function classifyTransactionError(error: unknown): TransactionErrorKind {
  if (typeof error !== 'object' || error === null) return 'abortable';
  const e = error as Record<string, unknown>;
  const code = typeof e['code'] === 'number' ? e['code'] : undefined;
  if (code !== undefined && FENCED.has(code)) return 'fenced';
  if (flag(e, 'fatal', 'isFatal') || (code !== undefined && FATAL.has(code))) return 'fatal';
  if (flag(e, 'abortable', 'isTxnRequiresAbort')) return 'abortable';
  if (flag(e, 'retriable', 'isRetriable') || (code !== undefined && RETRIABLE_BROKER_CODES.has(code)))
    return 'retriable';
  return 'abortable';
}

/** Options of a {@link TransactionalProducer}. */
export interface TransactionalProducerSettings {
  /** The `transactional.id` the factory uses (named in errors). */
  readonly transactionalId: string;
  /**
   * Creates a fresh, not yet connected, transactional producer of the official client's promisified API.
   * Called at the first transaction and again after a fatal error or fencing (re-initialisation).
   */
  readonly createProducer: () => KafkaJS.Producer;
  /** Encodes typed records for `tx.send`. */
  readonly serde?: RecordSerde;
  /** Retries of a retriable begin/commit/sendOffsets failure (default 3). */
  readonly retries?: number;
  /** Backoff before each of those retries, doubling (default 100 ms). */
  readonly retryBackoffMs?: number;
  /** Counters this producer updates: `sent` on commit, `failed` on fencing and fatal errors. */
  readonly metrics?: DeliveryMetrics;
}

/** What a transaction callback gets. Sends are collected and awaited before the commit. */
export interface Transaction<T extends TopicMap = TopicMap> {
  /** Sends typed records (encoded with the serde) inside the transaction. */
  send<N extends TopicName<T>>(
    records: AnyOutputRecord<T, N> | readonly AnyOutputRecord<T, N>[],
  ): Promise<void>;
  /** Sends already-encoded messages inside the transaction. */
  sendRaw(record: KafkaJS.ProducerRecord): Promise<void>;
  /**
   * Adds consumer offsets to the transaction (consume-transform-produce). `offset` is the NEXT offset to
   * read, i.e. last processed + 1. The consumer's group metadata is sent along (fences zombies, KIP-447).
   */
  sendOffsets(consumer: KafkaJS.Consumer, topics: readonly KafkaJS.TopicOffsets[]): Promise<void>;
}

/** A transaction held open by {@link TransactionalProducer.begin}; finish it with `commit` or `abort`. */
export interface OpenTransaction<T extends TopicMap = TopicMap> extends Transaction<T> {
  /** Records sent in it so far. */
  readonly records: number;
  /** Sends already-encoded messages to several topics. */
  sendBatch(topicMessages: readonly KafkaJS.TopicMessages[]): Promise<void>;
  /** Waits for every send, then commits; throws a typed `TransactionError` (after aborting) on failure. */
  commit(): Promise<void>;
  /** Aborts and returns the typed error describing `cause` (never throws). */
  abort(cause: unknown): Promise<Error>;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * `transaction(async (tx) => ...)` over a transactional producer: commits when the callback resolves, aborts
 * when it throws. Failures are classified: retriable steps are retried within a bound, abortable ones abort
 * and throw `TransactionAbortedError`, fencing and fatal errors throw `ProducerFencedError` /
 * `TransactionFatalError` and the producer is re-created on next use.
 */
export class TransactionalProducer<T extends TopicMap = TopicMap> {
  private readonly opts: TransactionalProducerSettings;
  private producer: KafkaJS.Producer | undefined;
  private connecting: Promise<KafkaJS.Producer> | undefined;

  constructor(opts: TransactionalProducerSettings) {
    this.opts = opts;
  }

  /** The `transactional.id` this producer uses. */
  get transactionalId(): string {
    return this.opts.transactionalId;
  }

  /** Connects (and so initialises transactions, fencing older producers with this id). */
  async connect(): Promise<KafkaJS.Producer> {
    if (this.producer) return this.producer;
    this.connecting ??= (async () => {
      const p = this.opts.createProducer();
      try {
        await p.connect();
      } catch (e) {
        await p.disconnect().catch(() => undefined);
        throw this.typed(e, classifyTransactionError(e));
      } finally {
        this.connecting = undefined;
      }
      this.producer = p;
      return p;
    })();
    return this.connecting;
  }

  /** Disconnects the current producer, if connected; the next transaction connects a new one. */
  async disconnect(): Promise<void> {
    const p = this.producer;
    this.producer = undefined;
    if (p) await p.disconnect();
  }

  /**
   * Begins a transaction held open across calls (the pipeline batches many fetches into one). Prefer
   * {@link TransactionalProducer.transaction} when one callback does the work.
   */
  async begin(): Promise<OpenTransaction<T>> {
    const producer = await this.connect();
    await this.step(producer, 'begin', () => producer.transaction());
    const direct = TransactionSends.of(producer);
    const pending: Promise<unknown>[] = [];
    let sent = 0;
    let open = true;
    const track = (p: Promise<unknown>): Promise<void> => {
      pending.push(p);
      const done = p.then(() => undefined);
      done.catch(() => undefined); // the commit reports it; an unawaited send must not crash the process
      return done;
    };
    const settle = async (): Promise<void> => {
      open = false;
      await Promise.allSettled(pending);
    };
    /** Records of several topics, handed over now; `sc` is the caller's trace context. */
    const sendTopics = (
      topicMessages: readonly KafkaJS.TopicMessages[],
      sc: SpanContext | undefined,
    ): Promise<unknown> => {
      if (direct !== undefined) {
        const parts = topicMessages.map((t) => direct.send(t.topic, t.messages, sc));
        return parts.length === 1 ? parts[0]! : Promise.all(parts);
      }
      return producer.sendBatch({
        topicMessages: topicMessages.map((t) => ({
          ...t,
          messages: t.messages.map((m) => faithfulMessage(traced(m, sc))),
        })),
      });
    };
    return {
      get records() {
        return sent;
      },
      send: (records) => {
        const list = (Array.isArray(records) ? records : [records]) as readonly AnyOutputRecord<
          TopicMap,
          string
        >[];
        const serde = this.opts.serde;
        if (!serde)
          throw new TypeError('TransactionalProducer: tx.send needs a serde; use tx.sendRaw for bytes');
        sent += list.length;
        const encoded = list.map((r) => toMessage(serde, r));
        // The trace context of the caller (e.g. a consumer's process span), read now: it is lost after an await.
        const sc = activeSpanContext();
        return track(
          Promise.all(encoded).then((messages) => {
            const byTopic = new Map<string, KafkaJS.Message[]>();
            list.forEach((r, i) => {
              const msgs = byTopic.get(r.topic) ?? [];
              msgs.push(messages[i]!);
              byTopic.set(r.topic, msgs);
            });
            return sendTopics(
              [...byTopic].map(([topic, msgs]) => ({ topic, messages: msgs })),
              sc,
            );
          }),
        );
      },
      sendRaw: (record) => {
        sent += record.messages.length;
        const sc = activeSpanContext();
        return track(sendTopics([record], sc));
      },
      sendBatch: (topicMessages) => {
        for (const t of topicMessages) sent += t.messages.length;
        return track(sendTopics(topicMessages, activeSpanContext()));
      },
      sendOffsets: (consumer, topics) =>
        this.step(producer, 'sendOffsets', () => producer.sendOffsets({ consumer, topics: [...topics] })),
      commit: async () => {
        if (!open) throw new TypeError('TransactionalProducer: this transaction is already finished');
        try {
          await Promise.all(pending);
        } catch (e) {
          await settle();
          throw await this.fail(producer, e);
        }
        open = false;
        await this.step(producer, 'commit', () => producer.commit());
        countDelivery(this.opts.metrics, 'sent', sent);
      },
      abort: async (cause) => {
        await settle();
        return this.fail(producer, cause);
      },
    };
  }

  /** Runs `fn` in a transaction and commits, or aborts and throws a typed error. Returns `fn`'s result. */
  async transaction<R>(fn: (tx: Transaction<T>) => Promise<R>): Promise<R> {
    const tx = await this.begin();
    let result: R;
    try {
      result = await fn(tx);
    } catch (e) {
      throw await tx.abort(e);
    }
    await tx.commit();
    return result;
  }

  /** Runs a step, retrying it while retriable; otherwise aborts (if possible) and throws typed. */
  private async step(producer: KafkaJS.Producer, name: string, run: () => Promise<unknown>): Promise<void> {
    const retries = this.opts.retries ?? 3;
    const backoff = this.opts.retryBackoffMs ?? 100;
    for (let attempt = 1; ; attempt++) {
      try {
        await run();
        return;
      } catch (e) {
        if (isKgenError(e)) throw e;
        const kind = classifyTransactionError(e);
        if (kind !== 'retriable') throw await this.fail(producer, e);
        if (attempt > retries) {
          await this.abortQuietly(producer);
          throw new TransactionRetriesExhaustedError(this.opts.transactionalId, name, attempt, e);
        }
        await sleep(backoff * 2 ** (attempt - 1));
      }
    }
  }

  /** Turns a failure into a typed error, aborting or dropping the producer as its kind requires. */
  private async fail(producer: KafkaJS.Producer, e: unknown): Promise<Error> {
    if (isKgenError(e) && e instanceof Error && e.code.startsWith('TRANSACTION')) return e;
    const kind = classifyTransactionError(e);
    if (kind === 'fatal' && isStateError(e)) {
      // The call found the transaction in another state than it needs: most often a send failed meanwhile and
      // the transaction waits for an abort (librdkafka refuses TxnOffsetCommit then). Abort it; a producer
      // that cannot abort is replaced (abortQuietly drops it). With no transaction open there is nothing to
      // abort and the producer itself is in the wrong state (not initialised, say): it is replaced, or every
      // later transaction would fail the same way.
      if (!producer.isActive()) {
        await this.drop(producer);
        return new TransactionAbortedError(this.opts.transactionalId, e);
      }
      const abortError = await this.abortQuietly(producer);
      if (abortError === undefined) return new TransactionAbortedError(this.opts.transactionalId, e);
      countDelivery(this.opts.metrics, 'failed');
      return this.typed(e, kind);
    }
    if (kind === 'fenced' || kind === 'fatal') {
      countDelivery(this.opts.metrics, 'failed');
      await this.drop(producer);
      return this.typed(e, kind);
    }
    const abortError = await this.abortQuietly(producer);
    if (abortError !== undefined) {
      const abortKind = classifyTransactionError(abortError);
      if (abortKind === 'fenced' || abortKind === 'fatal') {
        await this.drop(producer);
        return this.typed(abortError, abortKind);
      }
    }
    return new TransactionAbortedError(this.opts.transactionalId, e);
  }

  private typed(e: unknown, kind: string): Error {
    if (kind === 'fenced') return new ProducerFencedError(this.opts.transactionalId, e);
    if (kind === 'fatal') return new TransactionFatalError(this.opts.transactionalId, e);
    return new TransactionAbortedError(this.opts.transactionalId, e);
  }

  /**
   * Aborts the open transaction; returns the error when it cannot. librdkafka asks for a timed-out abort to be
   * called again ("retry call to resume"); an abort that still fails leaves the producer inside a transaction,
   * so it is dropped: initialising the next producer with this id aborts the transaction on the coordinator.
   */
  private async abortQuietly(producer: KafkaJS.Producer): Promise<unknown> {
    if (!producer.isActive()) return undefined;
    let error: unknown;
    for (let attempt = 1; attempt <= ABORT_ATTEMPTS; attempt++) {
      try {
        await producer.abort();
        return undefined;
      } catch (e) {
        error = e;
        if (!isTimeout(e)) break;
      }
    }
    await this.drop(producer);
    return error;
  }

  /** Forgets a producer that can no longer be used; the next transaction creates a new one. */
  private async drop(producer: KafkaJS.Producer): Promise<void> {
    if (this.producer === producer) this.producer = undefined;
    await producer.disconnect().catch(() => undefined);
  }
}
