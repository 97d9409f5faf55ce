import type { KafkaJS } from '@confluentinc/kafka-javascript';
import { frameSchemaId } from '../decode-error';
import type { RawRecord } from '../../kafka/raw-record';

/**
 * Headers kgen adds to a dead letter, next to the original record's own headers (kept as they were).
 * All values are UTF-8 strings.
 */
export const dlqHeaders = {
  /** Why it was dead-lettered: `handler-failed` or `undecodable`. */
  reason: 'kgen.dlq.reason',
  /** Class name of the last error (`error.name`, e.g. `TypeError`, `SerializationError`). */
  errorClass: 'kgen.dlq.error.class',
  /** Message of the last error. */
  errorMessage: 'kgen.dlq.error.message',
  /** Handler attempts made (0 for an undecodable record). */
  attempts: 'kgen.dlq.attempts',
  /** Topic the record was read from. */
  topic: 'kgen.dlq.original.topic',
  /** Partition it was read from. */
  partition: 'kgen.dlq.original.partition',
  /** Its offset there. */
  offset: 'kgen.dlq.original.offset',
  /** Its timestamp (ms since epoch). */
  timestamp: 'kgen.dlq.original.timestamp',
  /** Schema id of the value's Confluent frame, when it has one. */
  valueSchemaId: 'kgen.dlq.value.schema.id',
  /** Schema id of the key's Confluent frame, when it has one. */
  keySchemaId: 'kgen.dlq.key.schema.id',
  /** When it was dead-lettered (ms since epoch). */
  deadLetteredAt: 'kgen.dlq.timestamp',
} as const;

/** Why a record went to the dead-letter topic. */
export type DeadLetterReason = 'handler-failed' | 'undecodable';

function errorFacts(error: unknown): { cls: string; message: string } {
  if (error instanceof Error) return { cls: error.name || error.constructor.name, message: error.message };
  return { cls: typeof error, message: String(error) };
}

/** The headers of a dead letter: the original headers, then kgen's (which win on a name clash). */
export function deadLetterHeaders(
  record: RawRecord,
  error: unknown,
  reason: DeadLetterReason,
  attempts: number,
  now: number = Date.now(),
): KafkaJS.IHeaders {
  const { cls, message } = errorFacts(error);
  const h: KafkaJS.IHeaders = {
    ...record.headers,
    [dlqHeaders.reason]: reason,
    [dlqHeaders.errorClass]: cls,
    [dlqHeaders.errorMessage]: message,
    [dlqHeaders.attempts]: String(attempts),
    [dlqHeaders.topic]: record.topic,
    [dlqHeaders.partition]: String(record.partition),
    [dlqHeaders.offset]: record.offset,
    [dlqHeaders.timestamp]: record.timestamp,
    [dlqHeaders.deadLetteredAt]: String(now),
  };
  const valueId = frameSchemaId(record.value);
  if (valueId !== undefined) h[dlqHeaders.valueSchemaId] = String(valueId);
  const keyId = frameSchemaId(record.key);
  if (keyId !== undefined) h[dlqHeaders.keySchemaId] = String(keyId);
  return h;
}
