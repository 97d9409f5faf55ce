import { KgenError } from '../errors';
import { isRetriableBrokerError } from './broker-retry';

/** What the failing broker operation was. */
export type BrokerOperation =
  'connect' | 'send' | 'flush' | 'subscribe' | 'commit' | 'seek' | 'metadata' | 'disconnect';

/**
 * librdkafka codes a failed send can be tried again after, although librdkafka does not flag them: the
 * partition lacked in-sync replicas, had no leader, or the record's delivery time ran out (acks=all while
 * followers were down). Kafka's own clients class these as retriable.
 */
const RETRIABLE_SEND_CODES: ReadonlySet<number> = new Set([
  -192 /* _MSG_TIMED_OUT */, 5 /* LEADER_NOT_AVAILABLE */, 6 /* NOT_LEADER_FOR_PARTITION */,
  19 /* NOT_ENOUGH_REPLICAS */, 20 /* NOT_ENOUGH_REPLICAS_AFTER_APPEND */,
]);

/** A Kafka client/broker failure, wrapped with the topic (and partition) it concerned. */
export class BrokerError extends KgenError {
  /** What kgen was doing when the client failed. */
  readonly operation: BrokerOperation;
  /** The topic concerned, when the operation had one. */
  readonly topic: string | undefined;
  /** The partition concerned, when known. */
  readonly partition: number | undefined;
  /** librdkafka's error code, when the underlying error carried one. */
  readonly brokerCode: number | undefined;
  /** The client says retrying may succeed. */
  readonly retriable: boolean;
  constructor(operation: BrokerOperation, at: { topic?: string; partition?: number }, cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    const where =
      at.topic === undefined
        ? ''
        : ` on topic "${at.topic}"${at.partition === undefined ? '' : ` partition ${at.partition}`}`;
    super('BROKER', `${operation} failed${where}: ${detail}`, { cause });
    this.operation = operation;
    this.topic = at.topic;
    this.partition = at.partition;
    const facts = (typeof cause === 'object' && cause !== null ? cause : {}) as {
      code?: unknown;
      retriable?: unknown;
    };
    this.brokerCode = typeof facts.code === 'number' ? facts.code : undefined;
    this.retriable =
      isRetriableBrokerError(cause) ||
      (operation === 'send' && this.brokerCode !== undefined && RETRIABLE_SEND_CODES.has(this.brokerCode));
  }
}
