/// <reference types="node" preserve="true" />
/**
 * kgen — typed Kafka for TypeScript: the runtime SDK.
 * @packageDocumentation
 */

// Errors
export { KgenError, isKgenError } from './errors';

// Topic contract (targets of generated code and hand-written maps)
export {
  avroSchema,
  bytesSerde,
  defineTopics,
  oneOf,
  protobufSchema,
  stringSerde,
  type AvroCodecOptions,
  type AvroSchemaDescriptor,
  type BytesDescriptor,
  type InputOf,
  type KeyInput,
  type KeyOutput,
  type OneOfDescriptor,
  type OutputOf,
  type ProtobufCodecOptions,
  type ProtobufSchemaDescriptor,
  type RegistrySchemaDescriptor,
  type RegistrySchemaFields,
  type SchemaDescriptor,
  type SchemaReference,
  type StringDescriptor,
  type TopicDescriptor,
  type TopicMap,
  type TopicName,
  type TypeCarrier,
  type ValueInput,
  type ValueOutput,
} from './topics';

// Wire format
export { MAGIC_BYTE, WireFormatError, frame, frameHeader, unframe, type Frame } from './serde/wire-format';

// --- serde: Avro codec (owned by the Avro work) ---
export {
  AvroDecodeError,
  AvroEncodeError,
  AvroSchemaError,
  createAvroCodec,
  DEFAULT_AVRO_CODEC_OPTIONS,
  type AvroProblem,
} from './serde/avro';
// --- serde: Protobuf codec (owned by the Protobuf work) ---
export {
  DEFAULT_PROTOBUF_OPTIONS,
  ProtobufDecodeError,
  ProtobufEncodeError,
  ProtobufSchemaError,
  createProtobufCodec,
  resolveProtobufOptions,
  type ProtobufAny,
  type ProtobufCodec,
  type ProtobufJsonObject,
  type ProtobufJsonValue,
} from './serde/protobuf';
// --- client, producer, consumer (owned by the SDK work) ---
export {
  createClient,
  type ClientOptions,
  type KafkaLogLevel,
  type KafkaProperties,
  type KgenClient,
} from './client/create-client';
export {
  DEFAULT_REGISTRY_REQUEST_TIMEOUT_MS,
  createRegistryClient,
  type RegistryAuth,
  type RegistryOptions,
} from './client/registry-options';
export { BrokerError, type BrokerOperation } from './kafka/broker-error';
export { VerifyError, type VerifyProblem, type VerifyProblemKind, type VerifyReport } from './client/verify';
export {
  KgenProducer,
  type ProducerOptions,
  type ProducerProperties,
  type TypedProducer,
} from './producer/typed-producer';
export {
  type DeliveryReport,
  type HeaderValue,
  type ProducerHeaders,
  type ProducerMessage,
  type ProducerMessageOf,
  type TopicsCarrying,
} from './producer/message';
export { murmur2, murmur2Partition } from './producer/murmur2';
export { type Partitioner, type PartitionerInput } from './producer/partitioner';
export {
  KgenConsumer,
  type ConsumerOptions,
  type ConsumerProperties,
  type KgenConsumerSettings,
  type TopicPartitions,
  type TypedConsumer,
} from './consumer/typed-consumer';
export {
  type BatchContext,
  type DecodeErrorAction,
  type MessageContext,
  type RawMessage,
  type RunOptions,
  type TypedBatch,
  type TypedMessage,
  type TypedTombstone,
} from './consumer/message';
export { DecodeError, type DecodeErrorLocation } from './consumer/decode-error';
export {
  RegistryError,
  SchemaMismatchError,
  SchemaNotRegisteredError,
  SerializationError,
  UnknownSchemaIdError,
  UnsupportedSchemaError,
  type SerdeLocation,
  type SerdeRole,
} from './serde/registry/errors';
export { type ProducerSchemaOptions, type SchemaIdMode } from './serde/registry/resolve-schema-id';
export { type CodecFactory, type RegistryCodec } from './serde/registry/codec-factory';
export {
  type SerdeContext,
  type ValueDeserializer,
  type ValueSerializer,
} from './serde/registry/serde-context';
export { createTopicDeserializer, createTopicSerializer } from './serde/topic-serde';
// --- delivery semantics: transactions, pipeline, commit strategies, DLQ (owned by the delivery work) ---
export {
  producerDefaults,
  producerPresets,
  type ProducerPresetName,
  type RdkafkaProducerConfig,
} from './producer/presets';
export {
  ProducerConfigError,
  assertProducerConfig,
  checkProducerConfig,
  type ConfigWarning,
} from './producer/config-check';
export {
  ProducerFencedError,
  TransactionAbortedError,
  TransactionError,
  TransactionFatalError,
  TransactionRetriesExhaustedError,
  TransactionalProducer,
  classifyTransactionError,
  type OpenTransaction,
  type Transaction,
  type TransactionErrorKind,
  type TransactionalProducerOptions,
} from './producer/transaction';
export { OffsetTracker, type CommitPosition } from './consumer/commit/offset-tracker';
export {
  CommitStrategyError,
  commitStrategies,
  validateCommitStrategy,
  type CommitStrategy,
  type CommitStrategyName,
} from './consumer/commit/strategy';
export { Committer, type CommitFn, type CommitterOptions } from './consumer/commit/committer';
export { CommitError, commitDurably, commitQueued } from './consumer/commit/durable-commit';
export { runConsumer, type ConsumerRun, type RunConsumerOptions } from './delivery/run-consumer';
export { DeliveryConfigError, runWithDelivery, type DeliveryRunOptions } from './delivery/run-with-delivery';
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
export {
  ShutdownError,
  drain,
  installShutdownHandler,
  type ShutdownHandlerOptions,
  type StopResult,
  type Stoppable,
} from './consumer/shutdown';
export {
  LagError,
  classifyLag,
  consumerLag,
  defaultLagThresholds,
  lagReport,
  type ConsumerLagOptions,
  type LagLevel,
  type LagReport,
  type LagThresholds,
  type PartitionLag,
} from './consumer/lag';
export {
  connectOffsetsAdmin,
  fetchCommittedOffsets,
  type CommittedOffsetsOptions,
  type OffsetsAdmin,
} from './consumer/committed-offsets';
export {
  toMessage,
  type AnyInputRecord,
  type AnyOutputRecord,
  type DecodedRecord,
  type EncodedRecord,
  type InputRecord,
  type OutputRecord,
  type RecordSerde,
} from './producer/record-serde';
export {
  PipelineConfigError,
  createPipeline,
  type Pipeline,
  type PipelineOptions,
  type Transform,
} from './pipeline/eos-pipeline';
export { Flow, type Branch, type Branches, type FlowTransform, type RecordFor } from './pipeline/operators';
export { clientRecordSerde } from './client/client-serde';
export {
  clientTransactionalProducer,
  createClientPipeline,
  type ClientTransactionalProducerOptions,
} from './client/client-pipeline';
export {
  DeliveryMetrics,
  type CounterEvent,
  type CounterName,
  type DeliveryCounters,
} from './metrics/delivery-metrics';
