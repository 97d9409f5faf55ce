import type { KafkaJS } from '@confluentinc/kafka-javascript';
import { KgenError } from '../errors';
import type { DeliveryMetrics } from '../metrics/delivery-metrics';
import { producerDefaults } from '../producer/presets';
import type { TopicMap, TopicName } from '../topics';
import { DeadLetterPublisher, type DeadLetterTopic } from '../consumer/dlq/dead-letter-publisher';
import type { DecodeErrorAction, RawMessage, TypedMessage, TypedTombstone } from '../consumer/message';
import type { DecodeError } from '../consumer/decode-error';
import { decodeStep, type DecodeOutcome, type DecodeRules } from '../consumer/decode-step';
import type { RetryPolicy } from '../consumer/retry/backoff';
import { retryThenDeadLetter } from '../consumer/retry/retry-then-dead-letter';
import { decoderOf, type TypedConsumer } from '../consumer/typed-consumer';
import { runConsumer, type ConsumerRun } from './run-consumer';
import { isManual, type CommitStrategy } from '../consumer/commit/strategy';

/** Options of `runWithDelivery`. */
export interface DeliveryRunOptions<T extends TopicMap, N extends TopicName<T>> {
  /** Topics the consumer subscribed to. */
  readonly topics: readonly N[];
  /** When offsets are committed (kgen commits: the consumer must be created with `autoCommit: false`). */
  readonly strategy: CommitStrategy;
  /** The typed handler; with a manual strategy it calls `ack()`. */
  readonly handle: (message: TypedMessage<T, N>, ack: () => Promise<void>) => Promise<void>;
  /**
   * Bounded retries then the dead-letter topic (default: 3 retries, `<topic>.dlq`, a new idempotent producer
   * of the client). `false`: a throwing handler stops its batch and the batch is replayed.
   */
  readonly deadLetter?:
    | false
    | {
        readonly topic?: DeadLetterTopic;
        readonly retry?: Partial<RetryPolicy>;
        /** Producer for dead letters (connected); default: one created from the client and closed on stop. */
        readonly producer?: KafkaJS.Producer;
      };
  /**
   * Called for each tombstone (null value) with its decoded key, like `consumer.run()`'s `onTombstone`; its
   * failures are retried and dead-lettered like the handler's. Without it a tombstone is a
   * {@link DecodeError} (see `onDecodeError`).
   */
  readonly onTombstone?: (tombstone: TypedTombstone<T, N>, ack: () => Promise<void>) => Promise<void>;
  /**
   * A record whose key or value cannot be decoded, as in `consumer.run()`: `skip` drops it (it counts as
   * done), `throw` (the default) dead-letters it, or with `deadLetter: false` stops its batch for a replay.
   */
  readonly onDecodeError?: (
    error: DecodeError,
    raw: RawMessage,
  ) => DecodeErrorAction | Promise<DecodeErrorAction>;
  /** Records of a batch handled at once (default 1). */
  readonly concurrency?: number;
  /** Delivery counters this run updates (commits, retries, failures, dead letters). */
  readonly metrics?: DeliveryMetrics;
  /** Errors of background commits; their offsets stay pending and are retried. */
  readonly onError?: (error: unknown) => void;
}

/** runWithDelivery was given a consumer it cannot run correctly. */
export class DeliveryConfigError extends KgenError {
  constructor(message: string) {
    super('DELIVERY_CONFIG', message);
  }
}

/** What `runWithDelivery` uses of the client: its Kafka connection, for the dead-letter producer. */
export interface DeliveryClient {
  readonly kafka: KafkaJS.Kafka;
}

/**
 * Runs a kgen typed consumer with a commit strategy, bounded retries and a dead-letter topic (reached as
 * `client.runWithDelivery(consumer, options)`). Records are decoded by the consumer's own decoder under the
 * same tombstone and decode-error rules as `consumer.run()` (see `decodeStep`), so an undecodable record
 * reaches the dead-letter topic with its raw bytes.
 */
export async function runWithDelivery<T extends TopicMap, N extends TopicName<T>>(
  client: DeliveryClient,
  consumer: TypedConsumer<T, N>,
  opts: DeliveryRunOptions<T, N>,
): Promise<ConsumerRun> {
  // librdkafka's own periodic commit would race the strategy: at-most-once and manual acks would no longer
  // hold, and commits could pass records whose handler has not finished.
  if (consumer.autoCommit)
    throw new DeliveryConfigError(
      `runWithDelivery (${opts.strategy.kind}) on topics ${opts.topics.join(', ')}: the consumer commits ` +
        'offsets by itself (autoCommit is true, the default); create it with ' +
        '`client.consumer({ ..., autoCommit: false })` so that only the commit strategy commits',
    );
  const decoder = decoderOf(consumer);
  if (decoder === undefined)
    throw new DeliveryConfigError(
      `runWithDelivery on topics ${opts.topics.join(', ')}: the consumer was not created by client.consumer()`,
    );
  const rules: DecodeRules = {
    tombstones: opts.onTombstone !== undefined,
    ...(opts.onDecodeError ? { onDecodeError: opts.onDecodeError } : {}),
  };
  const manual = isManual(opts.strategy);
  const decode = (raw: RawMessage): Promise<DecodeOutcome> => decodeStep(decoder, raw, rules);
  const dispatch = async (outcome: DecodeOutcome, ack: () => Promise<void>): Promise<void> => {
    if (outcome.kind === 'message') await opts.handle(outcome.record as TypedMessage<T, N>, ack);
    else if (outcome.kind === 'tombstone')
      await opts.onTombstone!(outcome.tombstone as TypedTombstone<T, N>, ack);
    // A skipped record is done: with a manual strategy nobody else would acknowledge it.
    else if (manual) await ack();
  };
  let ownProducer: KafkaJS.Producer | undefined;
  let handle: (raw: RawMessage, ack: () => Promise<void>) => Promise<unknown>;
  if (opts.deadLetter === false) {
    handle = async (raw, ack) => dispatch(await decode(raw), ack);
  } else {
    const dl = opts.deadLetter ?? {};
    let producer = dl.producer;
    if (!producer) {
      ownProducer = client.kafka.producer({ ...producerDefaults });
      await ownProducer.connect();
      producer = ownProducer;
    }
    const send = producer.send.bind(producer);
    const deadLetter = new DeadLetterPublisher({
      send,
      ...(dl.topic ? { topic: dl.topic } : {}),
      ...(opts.metrics ? { metrics: opts.metrics } : {}),
    });
    // One wrapper for the run; each record's `ack` rides along keyed by its raw record object.
    const acks = new WeakMap<object, () => Promise<void>>();
    const inner = retryThenDeadLetter({
      decode,
      handle: (outcome, raw) => dispatch(outcome, acks.get(raw) ?? (() => Promise.resolve())),
      deadLetter,
      ...(dl.retry ? { retry: dl.retry } : {}),
      ...(opts.metrics ? { metrics: opts.metrics } : {}),
    });
    handle = async (raw, ack) => {
      acks.set(raw, ack);
      const outcome = await inner(raw);
      // A dead-lettered record is done: with a manual strategy nobody else would acknowledge it.
      if (manual && outcome !== 'handled') await ack();
      return outcome;
    };
  }
  const run = await runConsumer({
    consumer: consumer.raw,
    topics: opts.topics,
    subscribe: false,
    strategy: opts.strategy,
    handle,
    ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
    ...(opts.metrics ? { metrics: opts.metrics } : {}),
    ...(opts.onError ? { onError: opts.onError } : {}),
  });
  return {
    ...run,
    async stop(stopOpts) {
      try {
        return await run.stop(stopOpts);
      } finally {
        await ownProducer?.disconnect();
      }
    },
  };
}
