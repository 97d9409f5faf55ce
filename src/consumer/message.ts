import type { HeadersOutputOf, KeyOutput, TopicMap, TopicName, ValueOutput } from '../topics';
import type { DecodeError } from './decode-error';
import type { RawRecord } from '../kafka/raw-record';

/** A record as it came from Kafka, before decoding (kept for dead-letter queues and logging). */
export type RawMessage = RawRecord;

/**
 * A decoded record. A union over the subscribed topics, so checking `message.topic` narrows `key` and
 * `value` to that topic's types.
 */
export type TypedMessage<T extends TopicMap, N extends TopicName<T>> =
  N extends TopicName<T>
    ? {
        readonly topic: N;
        readonly partition: number;
        readonly offset: string;
        readonly timestamp: string;
        /** The decoded key, or null when the record has none. */
        readonly key: KeyOutput<T, N> | null;
        readonly value: ValueOutput<T, N>;
        /**
         * For a topic declaring headers: the declared ones, decoded to their types (a record whose headers
         * do not fit is a {@link DecodeError}); undeclared ones stay in `raw.headers`. Else as fetched.
         */
        readonly headers: HeadersOutputOf<T, N>;
        /** The undecoded record. */
        readonly raw: RawMessage;
      }
    : never;

/**
 * A tombstone: a record whose value is null (a delete on a compacted topic). Only its key is decoded. A
 * union over the subscribed topics, so checking `tombstone.topic` narrows `key`.
 */
export type TypedTombstone<T extends TopicMap, N extends TopicName<T>> =
  N extends TopicName<T> ? Omit<TypedMessage<T, N>, 'value'> : never;

/** Handles of the underlying consumer available to a handler. */
export interface MessageContext {
  /** Sends a heartbeat (long handlers). */
  heartbeat(): Promise<void>;
  /** Pauses this record's partition; the returned function resumes it. */
  pause(): () => void;
}

/** A batch of decoded records of one partition. A union over topics, like {@link TypedMessage}. */
export type TypedBatch<T extends TopicMap, N extends TopicName<T>> =
  N extends TopicName<T>
    ? {
        readonly topic: N;
        readonly partition: number;
        readonly highWatermark: string;
        /** Decoded records (tombstones apart); records skipped by `onDecodeError` are left out. */
        readonly messages: ReadonlyArray<TypedMessage<T, N>>;
        /**
         * The batch's tombstones (null values), key decoded, in offset order. Each list keeps offset order;
         * merge the two by `offset` when order across them matters.
         */
        readonly tombstones: ReadonlyArray<TypedTombstone<T, N>>;
      }
    : never;

/** Handles available to a batch handler. */
export interface BatchContext extends MessageContext {
  /** Marks records up to `offset` processed (committed by auto-commit). */
  resolveOffset(offset: string): void;
  /** Commits the processed offsets now when auto-commit is off; with auto-commit on, auto-commit does it. */
  commitOffsetsIfNecessary(): Promise<void>;
  /** False once the consumer is stopping: a long batch handler should return early. */
  isRunning(): boolean;
  /** True once this batch's partition was revoked, paused or sought: stop handling its records. */
  isStale(): boolean;
}

/** What to do with a record that cannot be decoded: drop it and go on, or fail the handler. */
export type DecodeErrorAction = 'skip' | 'throw';

/** Options of `consumer.run()`; the delivery-semantics modules (DLQ, commit strategies) plug in here. */
export interface RunOptions<T extends TopicMap, N extends TopicName<T>> {
  /** Called once per record, narrowed by topic. */
  readonly eachMessage?: (message: TypedMessage<T, N>, context: MessageContext) => Promise<void>;
  /** Called once per fetched batch of one partition. */
  readonly eachBatch?: (batch: TypedBatch<T, N>, context: BatchContext) => Promise<void>;
  /**
   * A record whose key or value cannot be decoded: return `skip` (e.g. after dead-lettering its raw bytes)
   * or `throw`. Default: throw the {@link DecodeError}.
   */
  readonly onDecodeError?: (
    error: DecodeError,
    raw: RawMessage,
  ) => DecodeErrorAction | Promise<DecodeErrorAction>;
  /**
   * eachMessage: called for each tombstone (null value), in partition order with the other records. Without
   * it a tombstone is a {@link DecodeError} that `onDecodeError` decides on. Not with eachBatch, whose
   * batches carry their tombstones in `tombstones`.
   */
  readonly onTombstone?: (tombstone: TypedTombstone<T, N>, context: MessageContext) => Promise<void>;
  /** Partitions handled concurrently (order is kept within a partition). Default 1. */
  readonly partitionsConsumedConcurrently?: number;
  /** eachBatch: resolve the batch's last offset after the handler returns. Default true. */
  readonly eachBatchAutoResolve?: boolean;
}
