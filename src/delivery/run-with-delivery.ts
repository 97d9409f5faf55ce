import type { KafkaJS } from '@confluentinc/kafka-javascript';
import type { KgenClient } from '../client/create-client';
import { KgenError } from '../errors';
import type { DeliveryMetrics } from '../metrics/delivery-metrics';
import { producerDefaults } from '../producer/presets';
import type { TopicMap, TopicName } from '../topics';
import { DeadLetterPublisher, type DeadLetterTopic } from '../consumer/dlq/dead-letter-publisher';
import type { TypedMessage } from '../consumer/message';
import { MessageDecoder } from '../consumer/message-decoder';
import type { RetryPolicy } from '../consumer/retry/backoff';
import { retryThenDeadLetter } from '../consumer/retry/retry-then-dead-letter';
import type { TypedConsumer } from '../consumer/typed-consumer';
import { runConsumer, type ConsumerRun } from './run-consumer';
import { isManual, type CommitStrategy } from '../consumer/commit/strategy';

/** Options of {@link runWithDelivery}. */
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
  /** Records of a batch handled at once (default 1). */
  readonly concurrency?: number;
  readonly metrics?: DeliveryMetrics;
  readonly onError?: (error: unknown) => void;
}

/** runWithDelivery was given a consumer it cannot run correctly. */
export class DeliveryConfigError extends KgenError {
  constructor(message: string) {
    super('DELIVERY_CONFIG', message);
  }
}

/**
 * Runs a kgen typed consumer with a commit strategy, bounded retries and a dead-letter topic. This is the
 * adapter between the SDK's `client.consumer()` and the delivery engines: it decodes with the client's serde
 * itself so an undecodable record reaches the DLQ with its raw bytes.
 */
export async function runWithDelivery<T extends TopicMap, N extends TopicName<T>>(
  client: KgenClient<T>,
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
  const decoder = new MessageDecoder(client.serde, client.topics, opts.topics);
  const decode = (raw: Parameters<MessageDecoder['decode']>[0]): Promise<TypedMessage<T, N>> =>
    Promise.resolve(decoder.decode(raw)) as Promise<TypedMessage<T, N>>;
  let ownProducer: KafkaJS.Producer | undefined;
  let handle: (raw: Parameters<MessageDecoder['decode']>[0], ack: () => Promise<void>) => Promise<unknown>;
  if (opts.deadLetter === false) {
    handle = async (raw, ack) => opts.handle(await decode(raw), ack);
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
      handle: (message, raw) => opts.handle(message, acks.get(raw) ?? (() => Promise.resolve())),
      deadLetter,
      ...(dl.retry ? { retry: dl.retry } : {}),
      ...(opts.metrics ? { metrics: opts.metrics } : {}),
    });
    const manual = isManual(opts.strategy);
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
