/// <reference types="node" preserve="true" />
/**
 * kgen — typed Kafka for TypeScript: what an application uses. Create a client over a topic map
 * (generated, or written with {@link defineTopics}); its methods give typed producers, consumers,
 * transactional producers, exactly-once pipelines and consumers run with commit strategies and a
 * dead-letter topic. Building blocks live behind `kgen/serde` and `kgen/delivery`; what generated code
 * calls, behind `kgen/codegenv1`.
 * @packageDocumentation
 */

// Client
export {
  createClient,
  type ClientOptions,
  type KafkaLogLevel,
  type KafkaProperties,
  type KgenClient,
} from './client/create-client';
export { type RegistryAuth, type RegistryOptions } from './client/registry-options';
export {
  type OAuthBearerToken,
  type SaslOAuthBearerOidcOptions,
  type SaslOAuthBearerProviderOptions,
  type SaslOptions,
  type SaslPasswordOptions,
  type SecurityOptions,
  type TlsOptions,
} from './client/security-options';
export { VerifyError, type VerifyProblem, type VerifyProblemKind, type VerifyReport } from './client/verify';
export { type ClientPipelineOptions, type TransactionalProducerOptions } from './client/client-pipeline';
export { type KgenLogger, type LogLevel } from './telemetry/logger';

// Topic map
export {
  avroSchema,
  bytesSerde,
  defineTopics,
  jsonSchema,
  oneOf,
  protobufSchema,
  stringSerde,
  type AvroCodecOptions,
  type AvroSchemaDescriptor,
  type BytesDescriptor,
  type InputOf,
  type JsonCodecOptions,
  type JsonSchemaDescriptor,
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
  type HeadersInputOf,
  type HeadersMember,
  type HeadersOutputOf,
} from './topics';
export {
  bigintHeader,
  booleanHeader,
  bytesHeader,
  defineHeaders,
  enumHeader,
  integerHeader,
  numberHeader,
  propagationHeaderNames,
  stringHeader,
  type DeclaredHeaders,
  type HasRequiredHeaders,
  type HeaderField,
  type HeaderFieldValue,
  type HeaderFields,
  type HeaderOptions,
  type HeadersDescriptor,
  type HeadersInput,
  type HeadersOutput,
  type HeaderType,
  type Flatten,
  type RequiredFlag,
  type RequiredHeaderNames,
} from './topic-headers';
export { type ProducerSchemaOptions, type SchemaIdMode } from './serde/registry/resolve-schema-id';
export { type CodecFactory, type RegistryCodec } from './serde/registry/codec-factory';
export { type SchemaCodec, type WriterSchema } from './serde/codec';

// Producing
export {
  type ProducerOptions,
  type ProducerProperties,
  type TombstoneExtra,
  type TypedProducer,
} from './producer/typed-producer';
export {
  type DeliveryReport,
  type HeaderValue,
  type ProducerHeaders,
  type ProducerMessage,
  type ProducerMessageFields,
  type ProducerMessageOf,
  type TopicsCarrying,
} from './producer/message';
export { murmur2, murmur2Partition } from './producer/murmur2';
export { type Partitioner, type PartitionerInput } from './producer/partitioner';
export {
  producerDefaults,
  producerPresets,
  type ProducerPresetName,
  type RdkafkaProducerConfig,
} from './producer/presets';
export { assertProducerConfig, checkProducerConfig, type ConfigWarning } from './producer/config-check';
export {
  type OpenTransaction,
  type Transaction,
  type TransactionalProducer,
  type TransactionalProducerSettings,
  type TransactionErrorKind,
} from './producer/transaction';

// Consuming
export {
  type ConsumerOptions,
  type ConsumerProperties,
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
export { type DeliveryRunOptions } from './delivery/run-with-delivery';
export { type DeliveryRun } from './delivery/run-consumer';
export { type CommitPosition } from './consumer/commit/offset-tracker';
export { commitStrategies, type CommitStrategy, type CommitStrategyName } from './consumer/commit/strategy';
export { type RetryPolicy } from './consumer/retry/backoff';
export { type DeadLetterTopic } from './consumer/dlq/dead-letter-publisher';
export { type RawRecord } from './kafka/raw-record';
export {
  installShutdownHandler,
  type ShutdownHandlerOptions,
  type StopResult,
  type Stoppable,
} from './consumer/shutdown';
export {
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
export { type OffsetsAdmin } from './consumer/committed-offsets';

// Exactly-once pipelines
export { type Pipeline, type PipelineOptions, type Transform } from './pipeline/eos-pipeline';
export {
  Flow,
  type Branch,
  type Branches,
  type FlowTransform,
  type RecordFor,
  type RecordForFields,
} from './pipeline/operators';
export {
  type AnyInputRecord,
  type AnyOutputRecord,
  type InputRecord,
  type OutputRecord,
  type OutputRecordFields,
  type RecordSerde,
  type DecodedRecord,
  type EncodedRecord,
} from './producer/record-serde';
export {
  DeliveryMetrics,
  type CounterEvent,
  type CounterName,
  type DeliveryCounters,
} from './metrics/delivery-metrics';

// Stateful stream processing
export { StreamsApp, type StoreView, type StreamSourceOptions, type TableSourceOptions } from './streams/app';
export { type StoreBackend, type StreamsClientParts, type StreamsOptions } from './streams/app-options';
export { KStream, type JoinWindow, type SinkMapper } from './streams/dsl/stream';
export { KTable, type ToStreamOptions } from './streams/dsl/table';
export { KGroupedStream, SessionWindowedStream, TimeWindowedStream } from './streams/dsl/grouped';
export { type SinkRecord, type StoreOptions, type StreamRecord, type Windowed } from './streams/dsl/records';
export {
  hopping,
  session,
  sliding,
  tumbling,
  type Duration,
  type FixedWindows,
  type SessionWindows,
  type SlidingWindows,
  type WindowTimes,
  type Windows,
} from './streams/windows/windows';
export { type KeyValueStoreView, type WindowRow, type WindowStoreView } from './streams/engine/query';
export { type StreamsMetricsSnapshot } from './streams/topology/metrics';
export { type NodeDescription } from './streams/topology/node';
export { type TopologyDescription } from './streams/topology/topology';
export { type BytesStore } from './streams/store/bytes-store';
export { MemoryStore } from './streams/store/memory-store';
export { StreamsTestDriver, type TestDriverOptions, type TestRecord } from './streams/test-driver';
export {
  ConsumerTestDriver,
  type ConsumerTestBytes,
  type ConsumerTestRecord,
} from './client/consumer-test-driver';

// Errors
export { KgenError, isKgenError, type KgenErrorCode } from './errors';
export * from './client/error-guards';
export { BrokerError, type BrokerErrorCode, type BrokerOperation } from './kafka/broker-error';
export {
  AuthenticationError,
  AuthorizationError,
  TlsError,
  type AclOperation,
  type AclResourceType,
  type BrokerErrorLocation,
} from './kafka/security-errors';
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
export {
  AvroDecodeError,
  AvroEncodeError,
  AvroSchemaError,
  AvroValueError,
  type AvroProblem,
} from './serde/avro';
export {
  ProtobufDecodeError,
  ProtobufEncodeError,
  ProtobufSchemaError,
  type ProtobufSchemaProblem,
} from './serde/protobuf';
export { JsonDecodeError, JsonSchemaError, JsonValidationError, type JsonSchemaProblem } from './serde/json';
export { WireFormatError } from './serde/wire-format';
export { InvalidHeaderError } from './serde/headers/header-error';
export { ProducerConfigError } from './producer/config-check';
export {
  ProducerFencedError,
  TransactionAbortedError,
  TransactionError,
  TransactionFatalError,
  TransactionRetriesExhaustedError,
} from './producer/transaction';
export { CommitError } from './consumer/commit/durable-commit';
export { CommitStrategyError } from './consumer/commit/strategy';
export { DeliveryConfigError } from './delivery/run-with-delivery';
export { DeadLetterError } from './consumer/dlq/dead-letter-publisher';
export { RetryPolicyError } from './consumer/retry/backoff';
export { ShutdownError } from './consumer/shutdown';
export { LagError } from './consumer/lag';
export { PipelineConfigError } from './pipeline/eos-pipeline';
export {
  CopartitioningError,
  InvalidTimestampError,
  StoreRestoreError,
  StreamsConfigError,
} from './streams/errors';
