import type { ConsumerGlobalConfig, ConsumerTopicConfig, KafkaJS } from '@confluentinc/kafka-javascript';
import type { RdkafkaProducerConfig } from '../producer/presets';
import type { RecordSerde } from '../producer/record-serde';
import type { TopicMap, TopicName } from '../topics';
import type { BytesStore } from './store/bytes-store';

/** Makes the backing store of one store partition (default: in memory). The LMDB store plugs in here. */
export type StoreBackend = (name: string, partition: number) => BytesStore;

/** Options of `client.streams()`. */
export interface StreamsOptions {
  /**
   * Names everything the app owns: consumer group id, internal topics (`<applicationId>-<name>-repartition`,
   * `<applicationId>-<store>-changelog`) and transactional ids. Instances with the same id share the work.
   */
  readonly applicationId: string;
  /**
   * This instance's stable name; the transactional id is `<applicationId>-<instanceId>`. Keep it across
   * restarts of one instance: a restart then fences its crashed predecessor at once instead of waiting for
   * its transaction to time out. Default: a random id per process.
   */
  readonly instanceId?: string;
  /**
   * Persistent stores: LMDB environments under `<stateDir>/<applicationId>/<store>/<partition>` (needs the
   * optional `lmdb` package), so a restart replays only the changelog past each store's checkpoint.
   */
  readonly stateDir?: string;
  /** Backing store per store partition (overrides `stateDir`); default in memory (rebuilt from the changelog on every start). */
  readonly storeBackend?: StoreBackend;
  /**
   * The record cache (Kafka Streams' `statestore.cache.max.bytes`, counted in entries per task): between two
   * commits, an aggregate's updates of one key (and window) replace each other, and only the latest goes on to
   * the next operator and the output topic, at the commit or when the task holds more than `maxEntries`.
   * Covers count / reduce / aggregate per key and tumbling, hopping and sliding windows; session windows
   * forward every update. Default 0: every update goes on at once. The test driver commits after each record,
   * so it folds nothing (as Kafka Streams' `TopologyTestDriver`).
   */
  readonly cache?: { readonly maxEntries: number };
  /** A transaction commits after `maxRecords` input records or `maxMs`, whichever first (default 1000 / 100 ms). */
  readonly batch?: { readonly maxRecords?: number; readonly maxMs?: number };
  /**
   * A record whose event time is missing or invalid: `fail` (default) stops the app with an
   * `InvalidTimestampError` before anything of its batch commits; `skip` skips it and counts it in metrics.
   */
  readonly invalidTimestamps?: 'fail' | 'skip';
  /**
   * How often records of repartition topics that this app has committed past are deleted (Kafka Streams'
   * `repartition.purge.interval.ms`; default 30 000). Repartition topics never expire by time: their records
   * keep their input's event time, which may be older than any retention.
   */
  readonly repartitionPurgeIntervalMs?: number;
  /** Replication factor of the internal topics (default: the broker's `default.replication.factor`). */
  readonly replicationFactor?: number;
  /** How long restoring one store partition may take before it fails with `StoreRestoreError` (default 120 s). */
  readonly restoreTimeoutMs?: number;
  /** Extra librdkafka consumer properties (kgen sets group, range assignment, read_committed, no auto commit). */
  readonly consumerConfig?: ConsumerGlobalConfig & ConsumerTopicConfig & Record<string, unknown>;
  /** Extra librdkafka producer properties (e.g. `transaction.timeout.ms`). */
  readonly producerConfig?: RdkafkaProducerConfig;
  /** Called with the error that stopped the app. */
  readonly onError?: (error: unknown) => void;
}

/** What a streams app needs of its client. */
export interface StreamsClientParts<T extends TopicMap> {
  readonly kafka: KafkaJS.Kafka;
  readonly topics: T;
  /** The client's real codecs for these topics. */
  recordSerde(topics: {
    readonly from: readonly TopicName<T>[];
    readonly to: readonly TopicName<T>[];
  }): Promise<RecordSerde>;
}
