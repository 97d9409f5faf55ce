import type { KafkaJS } from '@confluentinc/kafka-javascript';
import { BrokerError } from '../client/broker-error';
import type { DeliveryReport, ProducerHeaders } from './message';

/** librdkafka's record metadata as the KafkaJS layer's delivery callback hands it to `opaque.resolve`. */
export interface NativeRecordMetadata {
  readonly topicName: string;
  readonly partition: number;
  readonly baseOffset: number | string | null | undefined;
}

/** The `opaque` of a produce call: the KafkaJS layer's delivery callback settles it. */
interface DeliveryOpaque {
  resolve(metadata: NativeRecordMetadata): void;
  reject(err: unknown): void;
}

/** Headers in librdkafka's binding format: one `{ name: value }` object per header value. */
type NativeHeaders = Array<Record<string, string | Buffer>>;

/** The node-rdkafka producer under a KafkaJS-style producer (only what a produce call needs). */
export interface NativeProducer {
  produce(
    topic: string,
    partition: number,
    value: Buffer | null,
    key: Buffer | string | null,
    timestamp: number,
    opaque: DeliveryOpaque,
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

/** Where a natively produced record's outcome is counted (the producer's flush accounting). */
export interface DeliveryTracker {
  delivered(): void;
  failed(error: BrokerError): void;
}

function noop(): void {}

/**
 * One record's `opaque`: settles the promise `send` returned and tells the tracker. The delivery callback
 * calls it directly, so a record costs one promise and this object — no closures or derived promises.
 */
class PendingDelivery implements DeliveryOpaque {
  settle: ((reports: DeliveryReport[]) => void) | undefined = undefined;
  fail: ((err: unknown) => void) | undefined = undefined;
  promise: Promise<DeliveryReport[]> | undefined = undefined;

  constructor(
    private readonly tracker: DeliveryTracker,
    private readonly topic: string,
    private readonly partition: number | undefined,
  ) {}

  resolve(metadata: NativeRecordMetadata): void {
    this.tracker.delivered();
    const offset = metadata.baseOffset;
    this.settle!([
      {
        topic: metadata.topicName,
        partition: metadata.partition,
        offset: offset === null || offset === undefined ? undefined : String(offset),
      },
    ]);
  }

  reject(err: unknown): void {
    const at =
      this.partition === undefined ? { topic: this.topic } : { topic: this.topic, partition: this.partition };
    const error = new BrokerError('send', at, err);
    // Handled here (flush() reports it): an un-awaited send that fails must not crash the process.
    this.promise!.catch(noop);
    this.tracker.failed(error);
    this.fail!(error);
  }
}

// The promise executor runs synchronously inside `new Promise`: one shared function hands the resolvers to
// the record being sent, instead of a closure per record.
let capturing: PendingDelivery | undefined;
function capture(settle: (reports: DeliveryReport[]) => void, fail: (err: unknown) => void): void {
  capturing!.settle = settle;
  capturing!.fail = fail;
}

/**
 * Hands one record to librdkafka (which copies key and value before returning); the promise resolves with
 * its delivery report or rejects with a {@link BrokerError} (a delivery error, or a synchronous refusal such
 * as an unknown partition or a full queue). Either outcome is counted by `tracker`.
 */
export function produceNative(
  native: NativeProducer,
  topic: string,
  record: NativeRecord,
  tracker: DeliveryTracker,
): Promise<DeliveryReport[]> {
  const partition = record.partition;
  const pending = new PendingDelivery(
    tracker,
    topic,
    partition !== undefined && partition >= 0 ? partition : undefined,
  );
  capturing = pending;
  const promise = new Promise<DeliveryReport[]>(capture);
  capturing = undefined;
  pending.promise = promise;
  try {
    native.produce(
      topic,
      partition ?? -1,
      record.value,
      record.key,
      record.timestamp ?? 0,
      pending,
      nativeHeaders(record.headers),
    );
  } catch (err) {
    pending.reject(err);
  }
  return promise;
}
