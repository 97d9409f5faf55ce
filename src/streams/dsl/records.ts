import type { KeyInput, TopicMap, TopicName, ValueInput } from '../../topics';

/** A record flowing through a stream: key, value and event time (ms since the epoch). */
export interface StreamRecord<K, V> {
  readonly key: K;
  readonly value: V;
  readonly timestamp: number;
}

/** The key of a windowed aggregate: the grouping key and the window `[start, end)` (sessions: `[start, end]`). */
export interface Windowed<K> {
  readonly key: K;
  readonly start: number;
  readonly end: number;
}

/** A record for topic `N` of the topic map, as `to()` writes it: checked against the topic's types. */
export interface SinkRecord<T extends TopicMap, N extends TopicName<T>> {
  readonly key: KeyInput<T, N>;
  readonly value: ValueInput<T, N>;
  readonly headers?: Readonly<Record<string, string | Buffer>>;
}

/** Names a stateful operator's store (its changelog is `<applicationId>-<name>-changelog`). */
export interface StoreOptions {
  /**
   * Store name; default `<operator>-<NNNN>` from the operator's position in the topology. Name stores of a
   * long-lived app: a default name shifts when the topology changes, and its state is then lost.
   */
  readonly name?: string;
}
