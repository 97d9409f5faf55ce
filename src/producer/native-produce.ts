import type { KafkaJS } from '@confluentinc/kafka-javascript';
import type { ProducerHeaders } from './message';
import type { QueuedDelivery } from './produce-queue';

/** librdkafka's record metadata as the KafkaJS layer's delivery callback hands it to `opaque.resolve`. */
export interface NativeRecordMetadata {
  readonly topicName: string;
  readonly partition: number;
  readonly baseOffset: number | string | null | undefined;
}

/** Headers in librdkafka's binding format: one `{ name: value }` object per header value. */
export type NativeHeaders = Array<Record<string, string | Buffer>>;

/** The node-rdkafka producer under a KafkaJS-style producer (only what a produce call needs). */
export interface NativeProducer {
  produce(
    topic: string,
    partition: number,
    value: Buffer | null,
    key: Buffer | string | null,
    timestamp: number,
    opaque: QueuedDelivery,
    headers: NativeHeaders | null,
  ): unknown;
}

/** One record for {@link produceNative}; as {@link KafkaJS.Message} but with typed fields. */
export interface NativeRecord {
  readonly key: Buffer | string | null;
  readonly value: Buffer | null;
  readonly partition?: number;
  readonly headers?: ProducerHeaders;
  readonly timestamp?: number;
}

/**
 * The connected node-rdkafka producer under `raw`, or undefined (not connected, or a producer without one,
 * such as a test double). The KafkaJS layer exposes it as `_getInternalClient()` ("internal use"), and its
 * delivery-report handler settles each record's `opaque` through `resolve`/`reject`: producing through it
 * skips the per-call async function, `Promise.all` and per-partition summary of KafkaJS's `send` — most of
 * the JavaScript cost of a single-record send, and of the garbage 100 000 in-flight sends leave.
 * The package version is pinned (package.json); `test/integration/sdk` exercises this path on a real broker.
 */
export function nativeProducerOf(raw: KafkaJS.Producer): NativeProducer | undefined {
  const internal = (raw as unknown as { _getInternalClient?: () => unknown })._getInternalClient;
  if (typeof internal !== 'function') return undefined;
  const client = internal.call(raw) as (Partial<NativeProducer> & { isConnected?: () => boolean }) | null;
  // Not connected (or disconnected): KafkaJS's `send` then fails with its own clear error.
  return typeof client?.produce === 'function' && client.isConnected?.() === true
    ? (client as NativeProducer)
    : undefined;
}

/** Headers as the binding takes them; arrays become repeated headers of the same name (as KafkaJS does). */
export function nativeHeaders(headers: ProducerHeaders | undefined): NativeHeaders | null {
  if (headers === undefined) return null;
  const out: NativeHeaders = [];
  for (const [name, value] of Object.entries(headers)) {
    if (Array.isArray(value))
      for (const v of value as ReadonlyArray<string | Buffer>) out.push({ [name]: v });
    else out.push({ [name]: value as string | Buffer });
  }
  return out;
}
