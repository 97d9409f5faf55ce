import type { ClientParts } from './client-parts';
import { producerDefaults, type RdkafkaProducerConfig } from '../producer/presets';
import { TransactionalProducer } from '../producer/transaction';
import type { DeliveryMetrics } from '../metrics/delivery-metrics';
import type { TopicMap, TopicName } from '../topics';
import { clientRecordSerde } from './client-serde';
import { createPipeline, type Pipeline, type PipelineOptions } from '../pipeline/eos-pipeline';

/** Options of `client.pipeline()`: {@link PipelineOptions} less what the client provides. */
export type ClientPipelineOptions<
  T extends TopicMap,
  From extends TopicName<T>,
  To extends TopicName<T>,
> = Omit<PipelineOptions<T, From, To>, 'kafka' | 'topics' | 'serde'>;

/** {@link createPipeline} over a kgen client (`client.pipeline()`): its Kafka connection, topic map and serde. */
export async function createClientPipeline<
  T extends TopicMap,
  const From extends TopicName<T>,
  const To extends TopicName<T>,
>(client: ClientParts<T>, opts: ClientPipelineOptions<T, From, To>): Promise<Pipeline> {
  const serde = await clientRecordSerde(client, { from: opts.from, to: opts.to });
  return createPipeline<T, From, To>({ ...opts, kafka: client.kafka, topics: client.topics, serde });
}

/** Options of `client.transactionalProducer()`. */
export interface TransactionalProducerOptions<T extends TopicMap> {
  /** librdkafka `transactional.id`: one per producer instance that must fence its predecessors. */
  readonly transactionalId: string;
  /** Topics `tx.send` writes (their schema ids are resolved up front). */
  readonly topics: readonly TopicName<T>[];
  /** librdkafka properties over kgen's producer defaults. */
  readonly config?: RdkafkaProducerConfig;
  /** Counters of commits, aborts and retries. */
  readonly metrics?: DeliveryMetrics;
}

/** A {@link TransactionalProducer} over a kgen client (`client.transactionalProducer()`), `tx.send` typed by its topic map. */
export async function clientTransactionalProducer<T extends TopicMap>(
  client: ClientParts<T>,
  opts: TransactionalProducerOptions<T>,
): Promise<TransactionalProducer<T>> {
  const serde = await clientRecordSerde(client, { to: opts.topics });
  return new TransactionalProducer<T>({
    transactionalId: opts.transactionalId,
    serde,
    createProducer: () =>
      client.kafka.producer({
        ...producerDefaults,
        ...opts.config,
        'transactional.id': opts.transactionalId,
      }),
    ...(opts.metrics ? { metrics: opts.metrics } : {}),
  });
}
