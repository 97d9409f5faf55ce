import type { BrokerError } from '../client/broker-error';
import type { DeliveryReport } from './message';
import type { NativeRecordMetadata } from './native-produce';
import { sendError, type QueuedDelivery } from './produce-queue';

/** Where the outcome of natively produced records is counted (the producer's queue and flush accounting). */
export interface DeliveryTracker {
  /** A handed record's delivery report arrived, success or failure: its in-flight slot is free. */
  released(): void;
  /** A send (or a promise-free record) succeeded. */
  delivered(): void;
  /** A send (or a promise-free record) failed. */
  failed(error: BrokerError): void;
}

/**
 * The partition of the failed delivery report being dispatched. The KafkaJS layer's callback hands `reject`
 * the error alone; a listener the producer puts before it (see `watchFailedPartitions`) notes the report's
 * partition here, synchronously within the same event, so the error can name it.
 */
let failedPartition: number | undefined;

/** Notes each failed report's partition for the `reject` that follows it in the same event. */
export function watchFailedPartitions(client: unknown): void {
  const emitter = client as {
    prependListener?: (event: string, fn: (err: unknown, report: { partition?: number }) => void) => void;
  };
  emitter.prependListener?.('delivery-report', (err, report) => {
    if (err) failedPartition = report.partition;
  });
}

/** The reported partition of the failure being rejected (else the record's own, if it named one). */
function partitionOfFailure(own: number | undefined): number | undefined {
  const reported = failedPartition;
  failedPartition = undefined;
  return reported !== undefined && reported >= 0 ? reported : own;
}

function noop(): void {}

/**
 * One `send` record's opaque: settles the promise `send` returned and tells the tracker. The delivery callback
 * calls it directly, so a record costs one promise and this object — no closures or derived promises.
 */
export class PendingDelivery implements QueuedDelivery {
  settle: ((reports: DeliveryReport[]) => void) | undefined = undefined;
  fail: ((err: unknown) => void) | undefined = undefined;
  promise: Promise<DeliveryReport[]> | undefined = undefined;

  constructor(
    private readonly tracker: DeliveryTracker,
    private readonly topic: string,
    private readonly partition: number | undefined,
  ) {}

  resolve(metadata: NativeRecordMetadata): void {
    this.tracker.released();
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
    this.tracker.released();
    this.#fail(sendError(this.topic, partitionOfFailure(this.partition), err));
  }

  refuse(err: unknown): void {
    this.#fail(sendError(this.topic, this.partition, err));
  }

  #fail(error: BrokerError): void {
    // Handled here (flush() reports it): an un-awaited send that fails must not crash the process.
    this.promise!.catch(noop);
    this.tracker.failed(error);
    this.fail!(error);
  }
}

// The promise executor runs synchronously inside `new Promise`: one shared function hands the resolvers to
// the delivery being created, instead of a closure per record.
let capturing: PendingDelivery | BatchDelivery | undefined;
function capture(settle: (reports: DeliveryReport[]) => void, fail: (err: unknown) => void): void {
  capturing!.settle = settle;
  capturing!.fail = fail;
}

/** Creates `delivery.promise`, settled through `delivery.settle` / `delivery.fail`. */
export function promiseOf<D extends PendingDelivery | BatchDelivery>(delivery: D): Promise<DeliveryReport[]> {
  capturing = delivery;
  const promise = new Promise<DeliveryReport[]>(capture);
  capturing = undefined;
  delivery.promise = promise;
  return promise;
}

/**
 * The opaque shared by the records of one array `send`: resolves once all are delivered with the first offset
 * per partition, or rejects with the first failure once all have settled.
 */
export class BatchDelivery implements QueuedDelivery {
  settle: ((reports: DeliveryReport[]) => void) | undefined = undefined;
  fail: ((err: unknown) => void) | undefined = undefined;
  promise: Promise<DeliveryReport[]> | undefined = undefined;
  #remaining: number;
  #failure: BrokerError | undefined = undefined;
  readonly #firstOffsets = new Map<number, DeliveryReport>();

  constructor(
    private readonly tracker: DeliveryTracker,
    private readonly topic: string,
    count: number,
  ) {
    this.#remaining = count;
  }

  resolve(metadata: NativeRecordMetadata): void {
    this.tracker.released();
    const offset =
      metadata.baseOffset === null || metadata.baseOffset === undefined ? undefined : metadata.baseOffset;
    const seen = this.#firstOffsets.get(metadata.partition);
    if (
      seen === undefined ||
      (offset !== undefined && seen.offset !== undefined && BigInt(offset) < BigInt(seen.offset))
    )
      this.#firstOffsets.set(metadata.partition, {
        topic: metadata.topicName,
        partition: metadata.partition,
        offset: offset === undefined ? undefined : String(offset),
      });
    this.#settledOne();
  }

  reject(err: unknown): void {
    this.tracker.released();
    this.#failure ??= sendError(this.topic, partitionOfFailure(undefined), err);
    this.#settledOne();
  }

  refuse(err: unknown, topic: string, partition: number): void {
    this.#failure ??= sendError(topic, partition, err);
    this.#settledOne();
  }

  #settledOne(): void {
    if (--this.#remaining > 0) return;
    if (this.#failure === undefined) {
      this.tracker.delivered();
      this.settle!([...this.#firstOffsets.values()]);
      return;
    }
    this.promise!.catch(noop);
    this.tracker.failed(this.#failure);
    this.fail!(this.#failure);
  }
}

/**
 * The opaque of every promise-free record of one topic (`produce`): one object per topic, not per record.
 * Outcomes only go to the tracker (flush accounting, the error callback).
 */
export class FireDelivery implements QueuedDelivery {
  constructor(
    private readonly tracker: DeliveryTracker,
    private readonly topic: string,
  ) {}

  resolve(): void {
    this.tracker.released();
    this.tracker.delivered();
  }

  reject(err: unknown): void {
    this.tracker.released();
    this.tracker.failed(sendError(this.topic, partitionOfFailure(undefined), err));
  }

  refuse(err: unknown, topic: string, partition: number): void {
    this.tracker.failed(sendError(topic, partition, err));
  }
}
