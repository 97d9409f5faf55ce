import type { KeyInput, TopicMap, TopicName, ValueInput, ValueOutput } from '../topics';

/** Header values a producer may send. */
export type HeaderValue = string | Buffer | ReadonlyArray<string | Buffer>;
/** Kafka record headers. */
export type ProducerHeaders = Readonly<Record<string, HeaderValue>>;

/** One record for topic `N`, with its key and value typed by the topic map. */
export interface ProducerMessage<T extends TopicMap, N extends TopicName<T>> {
  /** The record key (serialized with the topic's key descriptor); omitted or null = no key. */
  readonly key?: KeyInput<T, N> | null;
  /** The record value, of the topic's value type. */
  readonly value: ValueInput<T, N>;
  /** Record headers. */
  readonly headers?: ProducerHeaders;
  /** An explicit partition (skips the partitioner). */
  readonly partition?: number;
  /** Record timestamp; defaults to now. */
  readonly timestamp?: Date | number;
}

/** Where a sent record landed. */
export interface DeliveryReport {
  readonly topic: string;
  readonly partition: number;
  /** Offset of the record (or of the first record of the batch on this partition). */
  readonly offset: string | undefined;
}

/**
 * Topics whose value type is `V`: exactly the producer-input or consumer-output type (mutually assignable),
 * or one of the record types of a topic with
 * several. Lets `send<Order>('orders', …)` check that `Order` is what `orders` carries.
 */
export type TopicsCarrying<T extends TopicMap, V> = {
  // `[A, B] extends [B, A]`: mutually assignable, i.e. the same type (tuples keep unions from distributing).
  [N in TopicName<T>]: [V, ValueInput<T, N>] extends [ValueInput<T, N>, V]
    ? N
    : // The consumer-output type (every defaulted field present) is a valid producer input too.
      [V, ValueOutput<T, N>] extends [ValueOutput<T, N>, V]
      ? N
      : T[N]['value'] extends { readonly format: 'ONE_OF' }
        ? [V] extends [ValueInput<T, N>]
          ? N
          : never
        : never;
}[TopicName<T>];

/** A record of value type `V` for one of the topics carrying it. */
export interface ProducerMessageOf<T extends TopicMap, N extends TopicName<T>, V> extends Omit<
  ProducerMessage<T, N>,
  'value'
> {
  readonly value: V;
}
