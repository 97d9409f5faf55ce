/**
 * Attribute names of OpenTelemetry's messaging semantic conventions (and `error.type`) that kgen sets, as
 * string constants: the semantic-conventions package is not a dependency.
 */
export const ATTR = {
  system: 'messaging.system',
  operationType: 'messaging.operation.type',
  operationName: 'messaging.operation.name',
  destination: 'messaging.destination.name',
  partition: 'messaging.destination.partition.id',
  consumerGroup: 'messaging.consumer.group.name',
  batchCount: 'messaging.batch.message_count',
  offset: 'messaging.kafka.offset',
  key: 'messaging.kafka.message.key',
  tombstone: 'messaging.kafka.message.tombstone',
  errorType: 'error.type',
} as const;

/** `messaging.system` of every kgen span and metric. */
export const KAFKA = 'kafka';

/** The instrumentation scope name of kgen's tracer and meter. */
export const SCOPE = 'kgen';

/**
 * `error.type` of an error: the librdkafka/Kafka error code it carries (e.g. `-192` for a timed-out record),
 * else kgen's error code (`SERIALIZATION`...), else its class name.
 */
export function errorType(err: unknown): string {
  if (typeof err !== 'object' || err === null) return '_OTHER';
  const e = err as { brokerCode?: unknown; code?: unknown; name?: unknown; cause?: unknown };
  if (typeof e.brokerCode === 'number') return String(e.brokerCode);
  const causeCode = (e.cause as { code?: unknown } | undefined)?.code;
  if (typeof e.code === 'number') return String(e.code);
  if (typeof causeCode === 'number') return String(causeCode);
  if (typeof e.code === 'string' && e.code !== '') return e.code;
  if (typeof e.name === 'string' && e.name !== '' && e.name !== 'Error') return e.name;
  return '_OTHER';
}
