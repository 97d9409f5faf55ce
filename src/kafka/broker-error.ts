import { KgenError } from '../errors';

/** What the failing broker operation was. */
export type BrokerOperation =
  'connect' | 'send' | 'flush' | 'subscribe' | 'commit' | 'seek' | 'metadata' | 'disconnect';

/** A Kafka client/broker failure, wrapped with the topic (and partition) it concerned. */
export class BrokerError extends KgenError {
  readonly operation: BrokerOperation;
  readonly topic: string | undefined;
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
    this.retriable = facts.retriable === true;
  }
}
