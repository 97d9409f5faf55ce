/// <reference types="node" preserve="true" />
/**
 * kgen/delivery — delivery building blocks for advanced users: the commit-strategy engine over a raw
 * consumer, retries, the dead-letter publisher and its headers, exactly-once pipelines over a raw Kafka
 * client, transactional producers over your own serde, committed offsets, and producer config checks.
 * Applications use the client's methods instead (`client.runWithDelivery()`, `client.pipeline()`, ...).
 * @packageDocumentation
 */

export { runConsumer, type ConsumerRun, type RunConsumerOptions } from './delivery/run-consumer';
export { Committer, type CommitFn, type CommitterOptions } from './consumer/commit/committer';
export { OffsetTracker, type CommitPosition } from './consumer/commit/offset-tracker';
export { CommitError, commitDurably, commitQueued } from './consumer/commit/durable-commit';
export {
  CommitStrategyError,
  commitStrategies,
  validateCommitStrategy,
  type CommitStrategy,
  type CommitStrategyName,
} from './consumer/commit/strategy';
export { rawRecordOf, type RawRecord } from './kafka/raw-record';
export { deadLetterHeaders, dlqHeaders, type DeadLetterReason } from './consumer/dlq/headers';
export {
  DeadLetterError,
  DeadLetterPublisher,
  defaultDeadLetterTopic,
  type DeadLetterPublisherOptions,
  type DeadLetterTopic,
  type SendFn,
} from './consumer/dlq/dead-letter-publisher';
export {
  RetryPolicyError,
  backoffDelay,
  defaultRetryPolicy,
  retrying,
  retryPolicy,
  type RetryOutcome,
  type RetryPolicy,
  type RetryingOptions,
} from './consumer/retry/backoff';
export {
  retryThenDeadLetter,
  type RecordOutcome,
  type RetryThenDeadLetterOptions,
} from './consumer/retry/retry-then-dead-letter';
export { drain, type StopResult } from './consumer/shutdown';
export {
  connectOffsetsAdmin,
  fetchCommittedOffsets,
  type CommittedOffsetsOptions,
  type OffsetsAdmin,
} from './consumer/committed-offsets';
export {
  PipelineConfigError,
  createPipeline,
  type Pipeline,
  type PipelineOptions,
  type Transform,
} from './pipeline/eos-pipeline';
export {
  toMessage,
  type AnyInputRecord,
  type AnyOutputRecord,
  type DecodedRecord,
  type EncodedRecord,
  type InputRecord,
  type OutputRecord,
  type OutputRecordFields,
  type RecordSerde,
} from './producer/record-serde';
export {
  TransactionalProducer,
  classifyTransactionError,
  type OpenTransaction,
  type Transaction,
  type TransactionErrorKind,
  type TransactionalProducerSettings,
} from './producer/transaction';
export {
  ProducerConfigError,
  assertProducerConfig,
  checkProducerConfig,
  type ConfigWarning,
} from './producer/config-check';
export {
  DeliveryMetrics,
  type CounterEvent,
  type CounterName,
  type DeliveryCounters,
} from './metrics/delivery-metrics';

// Types of the main entry these building blocks mention, so this entry's declarations stand alone.
export type {
  AvroCodecOptions,
  AvroSchemaDescriptor,
  BytesDescriptor,
  InputOf,
  KeyInput,
  KeyOutput,
  OneOfDescriptor,
  OutputOf,
  ProtobufCodecOptions,
  ProtobufSchemaDescriptor,
  RegistrySchemaDescriptor,
  RegistrySchemaFields,
  SchemaDescriptor,
  SchemaReference,
  StringDescriptor,
  TopicDescriptor,
  TopicMap,
  TopicName,
  ValueInput,
  TypeCarrier,
  ValueOutput,
  HeadersMember,
  HeadersOutputOf,
} from './topics';
export type {
  DeclaredHeaders,
  Flatten,
  HasRequiredHeaders,
  HeaderField,
  HeaderFieldValue,
  HeaderFields,
  HeadersDescriptor,
  HeadersInput,
  HeadersOutput,
  HeaderType,
  HeaderValue,
  ProducerHeaders,
  RequiredHeaderNames,
} from './topic-headers';
export type { DeliveryRun } from './delivery/run-consumer';
export type { RdkafkaProducerConfig } from './producer/presets';
export { KgenError, type KgenErrorCode } from './errors';
