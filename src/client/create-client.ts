import { releaseConsumerLockStorage } from '../kafka/lock-storage';
import { KafkaJS } from '@confluentinc/kafka-javascript';
import type { Client } from '@confluentinc/schemaregistry';
import { MessageDecoder } from '../consumer/message-decoder';
import { fetchBatchSize, NativeBatchLoop } from '../consumer/native/batch-loop';
import {
  type ConsumerOptions,
  DEFAULT_FETCH_BATCH,
  KgenConsumer,
  type TypedConsumer,
} from '../consumer/typed-consumer';
import { KgenProducer, type ProducerOptions, type TypedProducer } from '../producer/typed-producer';
import type { CodecFactory } from '../serde/registry/codec-factory';
import { defaultCodecs } from '../serde/registry/default-codecs';
import type { ProducerSchemaOptions } from '../serde/registry/resolve-schema-id';
import type { SerdeContext } from '../serde/registry/serde-context';
import { WriterSchemaCache } from '../serde/registry/writer-schemas';
import type { TopicMap, TopicName } from '../topics';
import { brokerFailure } from '../kafka/security-errors';
import { KgenError } from '../errors';
import { securityProperties, secretsOf, type SecurityOptions } from './security-options';
import { createRegistryClient, type RegistryOptions } from './registry-options';
import { type VerifyReport, VerifyError, verifyTopics } from './verify';
import { producerDefaults } from '../producer/presets';
import type { TransactionalProducer } from '../producer/transaction';
import type { Pipeline } from '../pipeline/eos-pipeline';
import { runWithDelivery, type DeliveryRunOptions } from '../delivery/run-with-delivery';
import type { DeliveryRun } from '../delivery/run-consumer';
import { StreamsApp } from '../streams/app';
import type { StreamsOptions } from '../streams/app-options';
import { clientRecordSerde } from './client-serde';
import {
  clientTransactionalProducer,
  createClientPipeline,
  type ClientPipelineOptions,
  type TransactionalProducerOptions,
} from './client-pipeline';
import type { KgenLogger, LogLevel } from '../telemetry/logger';
import { kafkaCommonConfig, securityWatchFor } from './kafka-config';

/** librdkafka properties shared by every producer and consumer of a client (security, timeouts...). */
export type KafkaProperties = Readonly<Record<string, string | number | boolean>>;

/** Log level of the underlying Kafka client and kgen. */
export type KafkaLogLevel = LogLevel;

/** Options of {@link createClient}. */
export interface ClientOptions<T extends TopicMap> {
  /** Bootstrap brokers, `host:port`. */
  readonly brokers: string | readonly string[];
  /** The Confluent-compatible schema registry. */
  readonly registry: RegistryOptions;
  /** The topic map (generated `topics`, or hand-written with `defineTopics`). */
  readonly topics: T;
  /** Client id reported to the brokers. */
  readonly clientId?: string;
  /** librdkafka properties for every producer and consumer (timeouts, ...; security is easier with `security`). */
  readonly kafka?: KafkaProperties;
  /**
   * SASL (PLAIN, SCRAM, OAUTHBEARER) and TLS (CA, client certificate), mapped to librdkafka's properties.
   * A refused login fails `connect` with an `AuthenticationError`, an untrusted certificate with a `TlsError`.
   */
  readonly security?: SecurityOptions;
  /** How producers find schema ids (pinned / lookup / latest, auto-register). */
  readonly schemas?: ProducerSchemaOptions;
  /** Run {@link KgenClient.verify} before the first producer or consumer starts. Default false. */
  readonly verifyOnConnect?: boolean;
  /** Codec factory; default: kgen's Avro and Protobuf codecs. */
  readonly codecs?: CodecFactory;
  /**
   * Log level of librdkafka and kgen. Default `warn`: what needs action. Conditions librdkafka retries by
   * itself (idempotent producer id retries, coordinator loading, leader changes) are logged at `debug`.
   */
  readonly logLevel?: KafkaLogLevel;
  /**
   * Where librdkafka's and kgen's logs go: a pino-shaped logger (`debug/info/warn/error(fields, msg)`, e.g. a
   * pino instance or `logger.child({...})`). Fields: `component: 'kgen'`, `source: 'librdkafka'`, `facility`
   * (librdkafka's, e.g. `GETPID`), `client`, `thread`. Default: one plain line per entry on stderr.
   */
  readonly logger?: KgenLogger;
}

/** A typed Kafka client over one topic map. */
export interface KgenClient<T extends TopicMap> {
  /** The topic map this client was created with. */
  readonly topics: T;
  /** The official schema registry client every registry call goes through. */
  readonly registry: Client;
  /** The underlying `@confluentinc/kafka-javascript` KafkaJS-style client. */
  readonly kafka: KafkaJS.Kafka;
  /** A connected producer typed by the topic map. */
  producer(options?: ProducerOptions<TopicName<T>>): Promise<TypedProducer<T>>;
  /** A connected, subscribed consumer whose messages are narrowed by topic. */
  consumer<const N extends TopicName<T>>(options: ConsumerOptions<N>): Promise<TypedConsumer<T, N>>;
  /**
   * A transactional producer whose `tx.send` is typed by the topic map; schema ids of `topics` are resolved
   * up front. Not connected until its first transaction.
   */
  transactionalProducer(options: TransactionalProducerOptions<T>): Promise<TransactionalProducer<T>>;
  /**
   * An exactly-once consume-transform-produce pipeline over this client's connection, topic map and serde:
   * `client.pipeline({ from: ['orders'], to: ['invoices'], groupId, transform })`.
   */
  pipeline<const From extends TopicName<T>, const To extends TopicName<T>>(
    options: ClientPipelineOptions<T, From, To>,
  ): Promise<Pipeline>;
  /**
   * A stateful stream-processing app over this client's topic map, connection and codecs:
   * `const app = client.streams({ applicationId }); app.stream('orders').groupBy(...).count(); await app.start()`.
   */
  streams(options: StreamsOptions): StreamsApp<T>;
  /**
   * Runs a consumer of this client (created with `autoCommit: false`) with a commit strategy, bounded
   * retries and a dead-letter topic; records decode as in `consumer.run()`.
   */
  runWithDelivery<N extends TopicName<T>>(
    consumer: TypedConsumer<T, N>,
    options: DeliveryRunOptions<T, N>,
  ): Promise<DeliveryRun>;
  /**
   * Compares the topic map with the registry. Throws {@link VerifyError} listing every difference, or
   * returns the report when `throwOnMismatch` is false.
   */
  verify(options?: { readonly throwOnMismatch?: boolean }): Promise<VerifyReport>;
}

/** Whether a consumer commits by itself: `autoCommit`, or `enable.auto.commit` in its config, default true. */
function autoCommitOf(options: ConsumerOptions<string>): boolean {
  const configured = options.config?.['enable.auto.commit'];
  if (configured !== undefined) return configured === true || configured === 'true';
  return options.autoCommit ?? true;
}

/** Records per native fetch: `js.consumer.max.batch.size` when positive (-1, "unlimited", keeps the default). */
function fetchBatchOf(options: ConsumerOptions<string>): number {
  return fetchBatchSize(options.config?.['js.consumer.max.batch.size'], DEFAULT_FETCH_BATCH);
}

/** The serde state of each client (codecs, writer-schema cache), kept off the application's interface. */
const serdeContexts = new WeakMap<object, SerdeContext>();

/**
 * The serde state a client shares between its producers and consumers (codecs, registry, writer-schema
 * cache), for code that encodes or decodes by itself, e.g. with `createTopicSerializer`. `client` is a
 * `KgenClient` made by `createClient()`; anything else throws a TypeError.
 */
export function serdeContextOf(client: object): SerdeContext {
  const ctx = serdeContexts.get(client);
  if (ctx === undefined) throw new TypeError('serdeContextOf: not a client made by createClient()');
  return ctx;
}

function stringProperty(properties: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const value = properties[key];
  return typeof value === 'string' ? value : undefined;
}

/** Creates a typed client; nothing connects until a producer or consumer is asked for. */
export function createClient<const T extends TopicMap>(options: ClientOptions<T>): KgenClient<T> {
  const registry = createRegistryClient(options.registry);
  const brokers = typeof options.brokers === 'string' ? [options.brokers] : [...options.brokers];
  const security = securityProperties(options.security);
  const clash = Object.keys(security).find((key) => options.kafka?.[key] !== undefined);
  if (clash !== undefined)
    throw new KgenError(
      'INVALID_OPTIONS',
      `createClient: "${clash}" is set by both \`security\` and \`kafka\``,
    );
  const properties = { ...options.kafka, ...security };
  const watch = securityWatchFor(options, secretsOf(properties));
  const mechanism = options.security?.sasl?.mechanism ?? stringProperty(properties, 'sasl.mechanisms');
  const kafka = releaseConsumerLockStorage(
    new KafkaJS.Kafka(kafkaCommonConfig({ ...options, kafka: properties }, brokers, watch)),
  );
  const serde: SerdeContext = {
    registry,
    codecs: options.codecs ?? defaultCodecs,
    writers: new WriterSchemaCache(registry),
    producerSchemas: options.schemas ?? {},
  };

  const verify = async (opts?: { readonly throwOnMismatch?: boolean }): Promise<VerifyReport> => {
    const report = await verifyTopics(registry, options.topics);
    if (report.problems.length > 0 && opts?.throwOnMismatch !== false) throw new VerifyError(report.problems);
    return report;
  };
  let verified: Promise<VerifyReport> | undefined;
  const beforeConnect = async (): Promise<void> => {
    if (options.verifyOnConnect !== true) return;
    verified ??= verify();
    await verified;
  };

  const client: KgenClient<T> = {
    topics: options.topics,
    registry,
    kafka,
    verify,
    transactionalProducer: (opts) => clientTransactionalProducer(parts, opts),
    pipeline: (opts) => createClientPipeline(parts, opts),
    streams: (opts) =>
      new StreamsApp<T>(
        { kafka, topics: options.topics, recordSerde: (topics) => clientRecordSerde(parts, topics) },
        opts,
      ),
    runWithDelivery: (consumer, opts) => runWithDelivery(client, consumer, opts),
    async producer(producerOptions = {}) {
      await beforeConnect();
      // kgen's safe defaults (idempotence, acks=all, bounded in-flight, explicit timeouts) unless overridden.
      const config = { ...producerDefaults, ...producerOptions.config };
      const raw = kafka.producer(config);
      // The producer reads its limits (delivery timeout, librdkafka's queue size) from the effective properties.
      const producer = new KgenProducer(raw, serde, options.topics, {
        ...producerOptions,
        config: { ...options.kafka, ...config },
      });
      await producer.prepare(producerOptions.topics ?? []);
      await watch
        .connect(
          () => raw.connect(),
          () => raw.disconnect(),
        )
        .catch((err: unknown) => {
          throw brokerFailure('connect', {}, err, { mechanism });
        });
      return producer;
    },
    async consumer(consumerOptions) {
      await beforeConnect();
      const raw = kafka.consumer({
        ...consumerOptions.config,
        kafkaJS: {
          groupId: consumerOptions.groupId,
          fromBeginning: consumerOptions.fromBeginning ?? false,
          autoCommit: consumerOptions.autoCommit ?? true,
          readUncommitted: consumerOptions.isolation === 'read_uncommitted',
        },
      });
      const decoder = new MessageDecoder(serde, options.topics, consumerOptions.topics);
      try {
        await watch.connect(
          () => raw.connect(),
          () => raw.disconnect(),
        );
        // Before any assignment: the native loop handles revocations from the start (see NativeBatchLoop).
        NativeBatchLoop.of(raw);
        await raw.subscribe({ topics: [...consumerOptions.topics] });
      } catch (err) {
        throw brokerFailure('subscribe', { topic: consumerOptions.topics.join(',') }, err, {
          mechanism,
          group: consumerOptions.groupId,
        });
      }
      return new KgenConsumer<T, (typeof consumerOptions.topics)[number]>(raw, decoder, {
        autoCommit: autoCommitOf(consumerOptions),
        batchSize: fetchBatchOf(consumerOptions),
        groupId: consumerOptions.groupId,
      });
    },
  };
  const parts = { kafka, topics: options.topics, serde };
  serdeContexts.set(client, serde);
  return client;
}
