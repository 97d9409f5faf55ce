import type { BrokerError } from '../kafka/broker-error';
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

type Offset = number | string | null | undefined;

/**
 * Base of kgen's produce opaques. The producer's own delivery-report listener (see
 * {@link routeDeliveryReports}) settles them straight from the binding's report: `delivered`/`failed` with
 * the report's topic, partition and offset, no intermediate object. `resolve`/`reject` are the KafkaJS
 * layer's protocol, kept for clients where that listener could not be installed.
 */
export abstract class KgenDelivery implements QueuedDelivery {
  abstract delivered(topic: string, partition: number, offset: Offset): void;
  abstract failed(err: unknown, partition: number | undefined): void;
  abstract refuse(err: unknown, topic: string, partition: number): void;

  resolve(metadata: NativeRecordMetadata): void {
    this.delivered(metadata.topicName, metadata.partition, metadata.baseOffset);
  }

  reject(err: unknown): void {
    this.failed(err, undefined);
  }
}

/** The binding's delivery report (node-rdkafka `delivery-report` event). */
interface BindingReport {
  readonly topic: string;
  readonly partition: number;
  readonly offset?: Offset;
  readonly opaque?: unknown;
}

type ReportListener = (err: unknown, report: BindingReport) => void;

/** Outcome of a record produced without an opaque (a promise-free `produce`): its report names only where it went. */
export type UnclaimedReport = (err: unknown, topic: string, partition: number | undefined) => void;

interface ReportEmitter {
  listeners(event: string): ReportListener[];
  removeAllListeners(event: string): unknown;
  on(event: string, listener: ReportListener): unknown;
}

/**
 * Takes over the native client's delivery reports: kgen's opaques are settled directly, every other report
 * (KafkaJS `send` on the same producer) goes to the listeners that were there (the KafkaJS layer's). This
 * skips, per record, the KafkaJS callback's metadata object and its `delete report.opaque`, and gives a
 * failure its partition (the KafkaJS callback hands `reject` the error alone). Returns false if the client is
 * not an event emitter (then the KafkaJS callback settles the opaques through `resolve`/`reject`).
 *
 * Reports without an opaque go to `unclaimed`: the KafkaJS layer always passes one, so on a kgen producer's
 * client those are promise-free records, produced without an opaque because the binding keeps a reference per
 * opaque until its report (about a quarter of the produce call's cost, measured with a shared object too).
 */
export function routeDeliveryReports(client: unknown, unclaimed: UnclaimedReport): boolean {
  const emitter = client as Partial<ReportEmitter>;
  if (
    typeof emitter.listeners !== 'function' ||
    typeof emitter.removeAllListeners !== 'function' ||
    typeof emitter.on !== 'function'
  )
    return false;
  const others = emitter.listeners('delivery-report');
  emitter.removeAllListeners('delivery-report');
  emitter.on('delivery-report', (err, report) => {
    const opaque = report.opaque;
    if (opaque instanceof KgenDelivery) {
      if (err) opaque.failed(err, report.partition >= 0 ? report.partition : undefined);
      else opaque.delivered(report.topic, report.partition, report.offset);
    } else if (opaque === undefined || opaque === null)
      unclaimed(err, report.topic, report.partition >= 0 ? report.partition : undefined);
    else for (const listener of others) listener(err, report);
  });
  return true;
}

function noop(): void {}

/**
 * One `send` record's opaque: settles the promise `send` returned and tells the tracker. The delivery callback
 * calls it directly, so a record costs one promise and this object — no closures or derived promises.
 */
export class PendingDelivery extends KgenDelivery {
  settle: ((reports: DeliveryReport[]) => void) | undefined = undefined;
  fail: ((err: unknown) => void) | undefined = undefined;
  promise: Promise<DeliveryReport[]> | undefined = undefined;

  constructor(
    private readonly tracker: DeliveryTracker,
    private readonly topic: string,
    private readonly partition: number | undefined,
  ) {
    super();
  }

  delivered(topic: string, partition: number, offset: Offset): void {
    this.tracker.released();
    this.tracker.delivered();
    this.settle!([
      { topic, partition, offset: offset === null || offset === undefined ? undefined : String(offset) },
    ]);
  }

  failed(err: unknown, partition: number | undefined): void {
    this.tracker.released();
    this.#fail(sendError(this.topic, partition ?? this.partition, err));
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
export class BatchDelivery extends KgenDelivery {
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
    super();
    this.#remaining = count;
  }

  delivered(topic: string, partition: number, offset: Offset): void {
    this.tracker.released();
    const at = offset === null || offset === undefined ? undefined : String(offset);
    const seen = this.#firstOffsets.get(partition);
    if (
      seen === undefined ||
      (at !== undefined && seen.offset !== undefined && BigInt(at) < BigInt(seen.offset))
    )
      this.#firstOffsets.set(partition, { topic, partition, offset: at });
    this.#settledOne();
  }

  failed(err: unknown, partition: number | undefined): void {
    this.tracker.released();
    this.#failure ??= sendError(this.topic, partition, err);
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
 * Settles the promise-free records of one topic (`produce`): one object per topic, not per record. Records go
 * without an opaque and their reports reach it by topic (see routeDeliveryReports); on a client whose reports
 * kgen could not route, it is their opaque, settled by the KafkaJS callback. Outcomes only go to the tracker
 * (flush accounting, the error callback).
 */
export class FireDelivery extends KgenDelivery {
  constructor(
    private readonly tracker: DeliveryTracker,
    private readonly topic: string,
  ) {
    super();
  }

  delivered(): void {
    this.tracker.released();
    this.tracker.delivered();
  }

  failed(err: unknown, partition: number | undefined): void {
    this.tracker.released();
    this.tracker.failed(sendError(this.topic, partition, err));
  }

  refuse(err: unknown, topic: string, partition: number): void {
    this.tracker.failed(sendError(topic, partition, err));
  }
}
