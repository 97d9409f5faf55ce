import type { HeadersMember, KeyInput, TopicMap, TopicName, ValueInput, ValueOutput } from '../topics';

export type { HeaderValue, ProducerHeaders } from '../topic-headers';

/** The fields of a record for topic `N` besides its headers. */
export interface ProducerMessageFields<T extends TopicMap, N extends TopicName<T>> {
  /** The record key (serialized with the topic's key descriptor); omitted or null = no key. */
  readonly key?: KeyInput<T, N> | null;
  /** The record value, of the topic's value type. */
  readonly value: ValueInput<T, N>;
  /** An explicit partition (skips the partitioner). */
  readonly partition?: number;
  /** Record timestamp; defaults to now. */
  readonly timestamp?: Date | number;
}

/**
 * One record for topic `N`, with its key, value and headers typed by the topic map. `headers` is required
 * when the topic declares a required header; a strict header set admits no other names.
 */
export type ProducerMessage<T extends TopicMap, N extends TopicName<T>> = ProducerMessageFields<T, N> &
  HeadersMember<T, N>;

/** Where a sent record landed. */
export interface DeliveryReport {
  /** The topic the record was written to. */
  readonly topic: string;
  /** The partition it landed in. */
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
export type ProducerMessageOf<T extends TopicMap, N extends TopicName<T>, V> = Omit<
  ProducerMessageFields<T, N>,
  'value'
> & { readonly value: V } & HeadersMember<T, N>;
