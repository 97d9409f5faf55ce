import type { KgenClient } from './create-client';
import { producerDefaults, type RdkafkaProducerConfig } from '../producer/presets';
import { TransactionalProducer } from '../producer/transaction';
import type { DeliveryMetrics } from '../metrics/delivery-metrics';
import type { TopicMap, TopicName } from '../topics';
import { clientRecordSerde } from './client-serde';
import { createPipeline, type Pipeline, type PipelineOptions } from '../pipeline/eos-pipeline';

/**
 * {@link createPipeline} over a kgen client: its Kafka connection, topic map and registry serde.
 * `createClientPipeline(client, { from: ['orders'], to: ['invoices'], groupId, transform })`.
 */
export async function createClientPipeline<
  T extends TopicMap,
  const From extends TopicName<T>,
  const To extends TopicName<T>,
>(
  client: KgenClient<T>,
  opts: Omit<PipelineOptions<T, From, To>, 'kafka' | 'topics' | 'serde'>,
): Promise<Pipeline> {
  const serde = await clientRecordSerde(client, { from: opts.from, to: opts.to });
  return createPipeline<T, From, To>({ ...opts, kafka: client.kafka, topics: client.topics, serde });
}

/** Options of {@link clientTransactionalProducer}. */
export interface ClientTransactionalProducerOptions<T extends TopicMap> {
  readonly transactionalId: string;
  /** Topics `tx.send` writes (their schema ids are resolved up front). */
  readonly topics: readonly TopicName<T>[];
  /** librdkafka properties over kgen's producer defaults. */
  readonly config?: RdkafkaProducerConfig;
  readonly metrics?: DeliveryMetrics;
}

/** A {@link TransactionalProducer} over a kgen client, `tx.send` typed by its topic map. */
export async function clientTransactionalProducer<T extends TopicMap>(
  client: KgenClient<T>,
  opts: ClientTransactionalProducerOptions<T>,
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
