import type { BrokerError } from '../kafka/broker-error';
import { brokerFailure } from '../kafka/security-errors';
import type { NativeHeaders, NativeProducer } from '../kafka/internal-client';
import type { NativeRecordMetadata } from './native-produce';
import { faithfulBytes, faithfulKey } from '../kafka/faithful-bytes';

/** librdkafka's `Local: Queue full` (ERR__QUEUE_FULL): its queue holds `queue.buffering.max.messages/kbytes`. */
export const ERR_QUEUE_FULL = -184;
/** librdkafka's `Local: Message timed out` (ERR__MSG_TIMED_OUT), also used for records that never got room. */
export const ERR_MSG_TIMED_OUT = -192;

/** How often records waiting for room retry when no delivery report frees any (queue full, broker down). */
const RETRY_MS = 10;
/** Consumed FIFO slots are compacted away once there are this many (and they are most of the array). */
const COMPACT_AT = 4096;
/**
 * While records wait, every this many queued records retry the head. librdkafka frees room as its background
 * thread serves delivery reports, before JavaScript sees them: a caller's synchronous send loop (no report, no
 * timer can run in it) keeps librdkafka fed instead of leaving it idle until the loop ends.
 */
const RETRY_EVERY = 256;

/**
 * The `opaque` of a produce call. librdkafka's delivery report (through the KafkaJS layer's callback) calls
 * `resolve` or `reject`; a record that was never handed over is `refuse`d instead.
 */
export interface QueuedDelivery {
  resolve(metadata: NativeRecordMetadata): void;
  reject(err: unknown): void;
  /** Not handed to librdkafka: refused synchronously (not for a full queue), or no room before the timeout. */
  refuse(err: unknown, topic: string, partition: number): void;
}

function isQueueFull(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === ERR_QUEUE_FULL;
}

/**
 * Hands records to librdkafka in send order, at most `maxInFlight` at a time, and never fails one because
 * librdkafka's queue is full. A record that finds no room waits in a FIFO — kept as parallel arrays, so a
 * waiting record costs no object of its own — and is handed over as delivery reports free room (each report
 * hands over at most the records it made room for: O(1) per record), by a retry every RETRY_EVERY queued
 * records (a synchronous send loop), or by a retry timer while the queue stays full without reports (a broker
 * outage). A record that waits longer than the delivery timeout
 * (`message.timeout.ms`, counted from its send as librdkafka counts it, to within a timer tick) is refused with
 * ERR__MSG_TIMED_OUT.
 */
export class ProduceQueue {
  readonly #native: NativeProducer<QueuedDelivery | undefined>;
  readonly #maxInFlight: number;
  readonly #timeoutMs: number;
  /** Records handed to librdkafka whose delivery report has not arrived. */
  #inFlight = 0;
  /** `#inFlight` when librdkafka last said its queue was full: no retry before a report frees one. */
  #fullAt = Infinity;
  #head = 0;
  readonly #topics: string[] = [];
  readonly #partitions: number[] = [];
  readonly #values: Array<Buffer | null> = [];
  readonly #keys: Array<Buffer | string | null> = [];
  readonly #timestamps: number[] = [];
  /** Undefined for a record produced without an opaque (see `refuseUnclaimed`). */
  readonly #opaques: Array<QueuedDelivery | undefined> = [];
  readonly #headers: Array<NativeHeaders | null> = [];
  readonly #since: number[] = [];
  readonly #columns: ReadonlyArray<unknown[]> = [
    this.#topics,
    this.#partitions,
    this.#values,
    this.#keys,
    this.#timestamps,
    this.#opaques,
    this.#headers,
    this.#since,
  ];
  #timer: NodeJS.Timeout | undefined = undefined;
  /** Records queued since the head was last retried from `produce` (see RETRY_EVERY). */
  #queuedSinceRetry = 0;
  /** A clock read when the retry timer is armed and on each tick: a waiting record costs no clock read. */
  #now = 0;

  /** Refuses a record that was queued without an opaque. */
  readonly #refuseUnclaimed: QueuedDelivery['refuse'];

  constructor(
    native: NativeProducer<QueuedDelivery | undefined>,
    maxInFlight: number,
    timeoutMs: number,
    refuseUnclaimed: QueuedDelivery['refuse'],
  ) {
    this.#native = native;
    this.#refuseUnclaimed = refuseUnclaimed;
    this.#maxInFlight = maxInFlight;
    this.#timeoutMs = timeoutMs;
  }

  /** Records handed over and not yet reported. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** Records waiting for room. */
  get waiting(): number {
    return this.#topics.length - this.#head;
  }

  /**
   * Hands the record over now if there is room and nothing waits before it, else queues it. Without an opaque
   * its delivery report comes without one too (see routeDeliveryReports).
   */
  produce(
    topic: string,
    partition: number,
    value: Buffer | null,
    key: Buffer | string | null,
    timestamp: number,
    opaque: QueuedDelivery | undefined,
    headers: NativeHeaders | null,
  ): void {
    if (
      this.#head === this.#topics.length &&
      this.#inFlight < this.#maxInFlight &&
      this.#inFlight < this.#fullAt &&
      this.#handOver(topic, partition, value, key, timestamp, opaque, headers)
    )
      return;
    this.#topics.push(topic);
    this.#partitions.push(partition);
    this.#values.push(value);
    this.#keys.push(key);
    this.#timestamps.push(timestamp);
    this.#opaques.push(opaque);
    this.#headers.push(headers);
    this.#arm();
    this.#since.push(this.#now);
    if (++this.#queuedSinceRetry >= RETRY_EVERY) {
      this.#queuedSinceRetry = 0;
      this.#fullAt = Infinity;
      this.#drain();
    }
  }

  /** A handed record's delivery report arrived: its room goes to the oldest waiting record. */
  released(): void {
    this.#inFlight--;
    if (this.#head < this.#topics.length) this.#drain();
  }

  /** Stops the retry timer (records still waiting stay queued; flush waits for them). */
  close(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** True if librdkafka took the record or refused it for good; false if its queue is full. */
  #handOver(
    topic: string,
    partition: number,
    value: Buffer | null,
    key: Buffer | string | null,
    timestamp: number,
    opaque: QueuedDelivery | undefined,
    headers: NativeHeaders | null,
  ): boolean {
    try {
      // The one hand-over to librdkafka of every native path: empty bytes must not become null here.
      this.#native.produce(
        topic,
        partition,
        faithfulBytes(value),
        faithfulKey(key),
        timestamp,
        opaque,
        headers,
      );
    } catch (err) {
      if (isQueueFull(err)) {
        this.#fullAt = this.#inFlight;
        return false;
      }
      this.#refuse(opaque, err, topic, partition);
      return true;
    }
    this.#inFlight++;
    return true;
  }

  #drain(): void {
    let head = this.#head;
    const end = this.#topics.length;
    while (head < end && this.#inFlight < this.#maxInFlight && this.#inFlight < this.#fullAt) {
      const handed = this.#handOver(
        this.#topics[head]!,
        this.#partitions[head]!,
        this.#values[head]!,
        this.#keys[head]!,
        this.#timestamps[head]!,
        this.#opaques[head],
        this.#headers[head]!,
      );
      if (!handed) break;
      this.#clear(head++);
    }
    this.#head = head;
    this.#compact();
  }

  /** Refuses the records at the head that waited longer than the delivery timeout (the oldest wait first). */
  #expire(): void {
    const now = this.#now;
    while (this.#head < this.#topics.length && now - this.#since[this.#head]! >= this.#timeoutMs) {
      const at = this.#head++;
      const err = Object.assign(
        new Error(`Local: Message timed out (no room in the producer queue within ${this.#timeoutMs} ms)`),
        { code: ERR_MSG_TIMED_OUT },
      );
      const opaque = this.#opaques[at];
      const topic = this.#topics[at]!;
      const partition = this.#partitions[at]!;
      this.#clear(at);
      this.#refuse(opaque, err, topic, partition);
    }
  }

  #refuse(opaque: QueuedDelivery | undefined, err: unknown, topic: string, partition: number): void {
    if (opaque === undefined) this.#refuseUnclaimed(err, topic, partition);
    else opaque.refuse(err, topic, partition);
  }

  /** Drops a handed record's references (its buffers can be collected before the FIFO is compacted). */
  #clear(at: number): void {
    this.#values[at] = null;
    this.#keys[at] = null;
    this.#headers[at] = null;
    this.#opaques[at] = undefined;
  }

  #compact(): void {
    const head = this.#head;
    if (head === this.#topics.length) {
      this.#head = 0;
      for (const a of this.#columns) a.length = 0;
      this.close();
    } else if (head >= COMPACT_AT && head * 2 >= this.#topics.length) {
      this.#head = 0;
      for (const a of this.#columns) a.splice(0, head);
    }
  }

  /** While records wait, retry now and then: a full queue frees room without a report reaching us first. */
  #arm(): void {
    if (this.#timer !== undefined) return;
    this.#now = Date.now();
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#now = Date.now();
      this.#fullAt = Infinity;
      this.#expire();
      this.#drain();
      if (this.#head < this.#topics.length) this.#arm();
    }, RETRY_MS);
  }
}

/** A {@link BrokerError} for a record librdkafka refused or never took, naming its topic and partition. */
export function sendError(topic: string, partition: number | undefined, err: unknown): BrokerError {
  return brokerFailure(
    'send',
    partition === undefined || partition < 0 ? { topic } : { topic, partition },
    err,
  );
}
