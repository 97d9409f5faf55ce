/**
 * The one place the SDK reaches into private parts of `@confluentinc/kafka-javascript` (version pinned in
 * package.json). Its KafkaJS-style clients wrap a node-rdkafka client and expose it as `_getInternalClient()`
 * ("internal use"); the consumer's fast path (`consume(n)` batches), durable commits and offset stores go
 * through it, and so does the producer's fast path (`produce()` with a per-record `opaque`). Each reach-in checks what it finds and returns undefined when the shape is not there (a test
 * double, a client not connected), so callers can fall back or fail with their own clear error.
 */
import type { KafkaConsumer, KafkaJS } from '@confluentinc/kafka-javascript';

/** A record as librdkafka's binding hands it over from `consume(n)`. */
export interface NativeMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly key: Buffer | string | null | undefined;
  readonly value: Buffer | null;
  readonly timestamp?: number | undefined;
  readonly leaderEpoch?: number | undefined;
  /** One `{ name: value }` object per header, in order; absent when the record has none. */
  readonly headers?: ReadonlyArray<Record<string, Buffer | string>> | undefined;
}

/** The node-rdkafka consumer under a KafkaJS-style consumer, with the private calls the SDK uses. */
export type NativeConsumer = KafkaConsumer & {
  /** Stores one partition's next offset for (auto-)commit; what the KafkaJS layer itself calls per record. */
  _offsetsStoreSingle(topic: string, partition: number, offset: number, leaderEpoch: number): void;
  setDefaultIsTimeoutOnlyForFirstMessage(only: boolean): void;
  incrementalUnassign(assignment: ReadonlyArray<{ topic: string; partition: number }>): void;
  rebalanceProtocol(): 'NONE' | 'EAGER' | 'COOPERATIVE';
  isConnected(): boolean;
};

function internalClientOf(raw: object): unknown {
  const get = (raw as { _getInternalClient?: unknown })._getInternalClient;
  return typeof get === 'function' ? (get.call(raw) as unknown) : undefined;
}

/** The node-rdkafka consumer of a connected KafkaJS-style consumer, or undefined. */
export function nativeConsumerOf(raw: KafkaJS.Consumer): NativeConsumer | undefined {
  const client = internalClientOf(raw) as Partial<NativeConsumer> | null | undefined;
  return typeof client?.consume === 'function' &&
    typeof client._offsetsStoreSingle === 'function' &&
    client.isConnected?.() === true
    ? (client as NativeConsumer)
    : undefined;
}

/** The node-rdkafka consumer under `raw` for a synchronous commit, or undefined (see `commitDurably`). */
export function committingClientOf(raw: KafkaJS.Consumer): Pick<KafkaConsumer, 'commitSync'> | undefined {
  const client = internalClientOf(raw) as Partial<KafkaConsumer> | null | undefined;
  return typeof client?.commitSync === 'function' ? (client as KafkaConsumer) : undefined;
}

/** The node-rdkafka consumer under `raw` to queue a commit and read committed offsets back, or undefined. */
export function acknowledgingClientOf(
  raw: KafkaJS.Consumer,
): Pick<KafkaConsumer, 'commit' | 'committed'> | undefined {
  const client = internalClientOf(raw) as Partial<KafkaConsumer> | null | undefined;
  return typeof client?.commit === 'function' && typeof client.committed === 'function'
    ? (client as KafkaConsumer)
    : undefined;
}

/** Headers in librdkafka's binding format: one `{ name: value }` object per header value. */
export type NativeHeaders = Array<Record<string, string | Buffer>>;

/** The node-rdkafka producer under a KafkaJS-style producer (only what a produce call needs). */
/** `Opaque` is what the caller hands each record to be settled by its delivery report. */
export interface NativeProducer<Opaque = unknown> {
  produce(
    topic: string,
    partition: number,
    value: Buffer | null,
    key: Buffer | string | null,
    timestamp: number,
    opaque: Opaque,
    headers: NativeHeaders | null,
  ): unknown;
}

/**
 * The connected node-rdkafka producer under `raw`, or undefined (not connected, or a producer without one,
 * such as a test double). The KafkaJS layer exposes it as `_getInternalClient()` ("internal use"), and its
 * delivery-report handler settles each record's `opaque` through `resolve`/`reject`: producing through it
 * skips the per-call async function, `Promise.all` and per-partition summary of KafkaJS's `send` — most of
 * the JavaScript cost of a single-record send, and of the garbage 100 000 in-flight sends leave.
 * The package version is pinned (package.json); `test/integration/sdk` exercises this path on a real broker.
 */
export function nativeProducerOf<Opaque>(raw: KafkaJS.Producer): NativeProducer<Opaque> | undefined {
  const internal = (raw as unknown as { _getInternalClient?: () => unknown })._getInternalClient;
  if (typeof internal !== 'function') return undefined;
  const client = internal.call(raw) as (Partial<NativeProducer> & { isConnected?: () => boolean }) | null;
  // Not connected (or disconnected): KafkaJS's `send` then fails with its own clear error.
  return typeof client?.produce === 'function' && client.isConnected?.() === true
    ? (client as NativeProducer<Opaque>)
    : undefined;
}
