import type { KafkaJS } from '@confluentinc/kafka-javascript';
import { nativeConsumerOf, type NativeConsumer, type NativeMessage } from '../../kafka/internal-client';
import { withTimeout } from '../../kafka/with-timeout';

/** One partition's records of one `consume(n)` call, in offset order, and how far handling got. */
export interface PartitionSlice {
  readonly topic: string;
  readonly partition: number;
  readonly messages: NativeMessage[];
  /** Index of the first record not handled yet; the handler advances it. */
  done: number;
  /**
   * Stop handling this slice: the partition was paused, sought or revoked, or a handler failed. Records from
   * `done` on are not handled; the loop rewinds the partition to them unless it was sought or revoked.
   */
  stale: boolean;
  /** The partition was moved by a seek or revoked: its fetch position is not ours to restore. */
  moved: boolean;
}

/** What a {@link NativeBatchLoop} runs. */
export interface BatchHandlers {
  /** Handles one fetch, split by partition. Marks records handled by advancing `slice.done`. */
  readonly onBatch: (slices: PartitionSlice[]) => Promise<void> | void;
  /** Partitions about to be revoked, after the batch in hand finished: commit what must be committed. */
  readonly onRevoke?: (partitions: ReadonlyArray<{ topic: string; partition: number }>) => Promise<void>;
  /** Store handled positions for librdkafka's (auto-)commit after each batch. Default false. */
  readonly storeOffsets?: boolean;
  /**
   * Fetch the next batch while one is handled. Default true. Off for handlers that block the event loop in a
   * synchronous commit: a rebalance served by the prefetch's fetch call would wait for JavaScript to unassign,
   * while JavaScript waits for a commit that may wait for the rebalance.
   */
  readonly prefetch?: boolean;
}

/** librdkafka's rebalance event codes. */
const ASSIGN_PARTITIONS = -175;
const REVOKE_PARTITIONS = -174;
/** How long one `consume(n)` waits for a first record: bounds the latency of `stop()` on an idle topic. */
const POLL_MS = 200;
const SEEK_TIMEOUT_MS = 1000;
/** How long `stop()` gives the rewind of a prefetched batch (a fetch of at most POLL_MS, then seeks). */
const STOP_CLEANUP_MS = 3000;

/** A partition of a rebalance event; the KafkaJS layer assigns these very objects after emitting it. */
interface AssignedPartition {
  readonly topic: string;
  readonly partition: number;
  offset?: number;
}

const loops = new WeakMap<NativeConsumer, NativeBatchLoop>();

/**
 * Consumes on librdkafka's native batch call (`consume(n)` of the node-rdkafka client under a KafkaJS-style
 * consumer), bypassing the KafkaJS layer's per-record payloads, message cache and worker promises. The
 * KafkaJS consumer stays the owner of the connection (connect, subscribe, commit, disconnect) and of
 * assignments; this loop handles revocations itself, because the KafkaJS layer defers them to its own
 * `run()` loop, which never runs here. One loop per consumer: {@link NativeBatchLoop.of}.
 */
export class NativeBatchLoop {
  readonly native: NativeConsumer;
  readonly #raw: KafkaJS.Consumer;
  #handlers: BatchHandlers | undefined;
  #batchSize = 1000;
  #slices: PartitionSlice[] = [];
  #stopping = false;
  #loop: Promise<void> | undefined;
  #inHand: Promise<void> | undefined;
  /** Work that must finish before the next fetch: a revocation, seeks. */
  #barriers: Array<Promise<unknown>> = [];
  /** Partitions revoked and not assigned again: records of theirs still in a fetch are dropped. */
  #revoked: Set<string> | undefined;
  /** Seeks asked for partitions not assigned yet: applied when they are (as the KafkaJS layer does). */
  readonly #pendingSeeks = new Map<string, number>();
  /** The next fetch, asked for as soon as a batch arrives so that librdkafka fills it while this one is handled. */
  #prefetch: Promise<NativeMessage[]> | undefined;
  /**
   * Partitions whose fetch position changed since the prefetch was asked for (pause, seek, rewind, revocation):
   * its records of them are dropped. `true` when a seek set the new position; `false` (a pause alone) when the
   * dropped records must be read again, so the partition is rewound to the first of them.
   */
  #moved = new Map<string, boolean>();

  private constructor(raw: KafkaJS.Consumer, native: NativeConsumer) {
    this.#raw = raw;
    this.native = native;
    // The KafkaJS layer emits this from its rebalance callback, before its own (deferred) handling.
    native.on('rebalance', (err: { code?: number }, assignment: AssignedPartition[]) => {
      if (err.code === REVOKE_PARTITIONS) this.#revoke(assignment);
      else if (err.code === ASSIGN_PARTITIONS) this.#assigned(assignment);
    });
  }

  /**
   * The loop of a connected consumer (created on first use), or undefined when `raw` has no native client
   * (a test double; the caller keeps the KafkaJS path).
   */
  static of(raw: KafkaJS.Consumer): NativeBatchLoop | undefined {
    const native = nativeConsumerOf(raw);
    if (native === undefined) return undefined;
    let loop = loops.get(native);
    if (loop === undefined) {
      loop = new NativeBatchLoop(raw, native);
      loops.set(native, loop);
    }
    return loop;
  }

  /** Whether `stop()` was called. */
  get stopping(): boolean {
    return this.#stopping;
  }

  /** Whether the loop runs (started and not stopped). */
  get running(): boolean {
    return this.#loop !== undefined && !this.#stopping;
  }

  /** Starts fetching batches of up to `batchSize` records. */
  start(handlers: BatchHandlers, batchSize: number): void {
    if (this.#loop !== undefined) throw new TypeError('consumer is already running');
    if (!Number.isInteger(batchSize) || batchSize <= 0)
      throw new RangeError(`batch size must be a positive integer, got ${batchSize}`);
    this.#handlers = handlers;
    this.#batchSize = batchSize;
    this.#stopping = false;
    // Wait for a first record up to POLL_MS, then take what is there (up to batchSize) at once.
    this.native.setDefaultConsumeTimeout(POLL_MS);
    this.native.setDefaultIsTimeoutOnlyForFirstMessage(true);
    this.#loop = this.#run();
  }

  /** Stops fetching; resolves once the batch in hand is handled as far as its handler goes. */
  async stop(): Promise<void> {
    this.#stopping = true;
    for (const s of this.#slices) s.stale = true;
    await this.#loop;
    this.#loop = undefined;
    // Bounded: a consumer being stopped (and usually disconnected next) must not wait on the broker here.
    await withTimeout(
      this.#rewindPrefetched(),
      STOP_CLEANUP_MS,
      () => new Error(`stop did not finish rewinding within ${STOP_CLEANUP_MS} ms`),
    ).catch((err: unknown) => this.#raw.logger().warn(`kgen consumer: ${String(err)}`));
  }

  /** A prefetched batch nobody will handle: its partitions read from its first records again on a next run. */
  async #rewindPrefetched(): Promise<void> {
    let prefetched = await this.#takePrefetched().catch((): NativeMessage[] => []);
    if (this.#revoked !== undefined) prefetched = this.#withoutRevoked(prefetched);
    for (const s of prefetched.length > 0 ? sliceByPartition(prefetched) : [])
      this.#seekNative(s.topic, s.partition, s.messages[0]!.offset);
    await this.#passBarriers();
  }

  async #run(): Promise<void> {
    while (!this.#stopping) {
      await this.#passBarriers();
      if (this.#stopping) break;
      let messages: NativeMessage[];
      try {
        messages = this.#prefetch === undefined ? await this.#fetch() : await this.#takePrefetched();
      } catch (err) {
        if (this.#stopping || !this.native.isConnected()) break;
        this.#raw.logger().error(`kgen consumer: fetch failed, retrying: ${String(err)}`);
        await new Promise((r) => setTimeout(r, 100));
        continue;
      }
      // Rewinds of partitions paused while the prefetch was out: done before the next one goes out.
      await this.#passBarriers();
      if (this.#revoked !== undefined) messages = this.#withoutRevoked(messages);
      if (messages.length === 0) continue;
      if (!this.#stopping && this.#handlers?.prefetch !== false) this.#prefetchNext();
      const slices = sliceByPartition(messages);
      this.#slices = slices;
      const handled = this.#handle(slices);
      this.#inHand = handled;
      await handled;
      this.#inHand = undefined;
      this.#slices = [];
    }
  }

  async #passBarriers(): Promise<void> {
    while (this.#barriers.length > 0) {
      const barriers = this.#barriers;
      this.#barriers = [];
      await Promise.allSettled(barriers);
    }
  }

  /** Asks for the next batch now; position changes from here on are tracked in `#moved`. */
  #prefetchNext(): void {
    this.#moved = new Map();
    const next = this.#fetch();
    next.catch(() => undefined); // awaited (and its failure handled) by the next round
    this.#prefetch = next;
  }

  /**
   * The prefetched batch without the records of partitions moved since it was asked for. Seeks and
   * unassignments wait for the prefetch to arrive (see #seekNative, #revoke), so every record in it predates
   * them: a moved partition's records are stale, never ones read from its new position.
   */
  async #takePrefetched(): Promise<NativeMessage[]> {
    const next = this.#prefetch;
    if (next === undefined) return [];
    let messages: NativeMessage[];
    try {
      messages = await next;
    } finally {
      this.#prefetch = undefined;
    }
    const moved = this.#moved;
    if (moved.size === 0 || messages.length === 0) return messages;
    const kept: NativeMessage[] = [];
    const rewind = new Map<string, NativeMessage>();
    for (const m of messages) {
      const key = partitionKey(m.topic, m.partition);
      const seeked = moved.get(key);
      if (seeked === undefined) kept.push(m);
      else if (!seeked && !rewind.has(key)) rewind.set(key, m);
    }
    for (const m of rewind.values()) this.#seekNative(m.topic, m.partition, m.offset);
    return kept;
  }

  /** Notes a position change of a partition for the prefetched batch (`seeked`: a seek set the position). */
  #move(topic: string, partition: number, seeked: boolean): void {
    if (this.#prefetch === undefined) return;
    const key = partitionKey(topic, partition);
    if (seeked || !this.#moved.has(key)) this.#moved.set(key, seeked);
  }

  #fetch(): Promise<NativeMessage[]> {
    return new Promise((resolve, reject) => {
      this.native.consume(this.#batchSize, (err, messages) => {
        if (err) reject(err);
        else resolve(messages as unknown as NativeMessage[]);
      });
    });
  }

  async #handle(slices: PartitionSlice[]): Promise<void> {
    const handlers = this.#handlers!;
    try {
      const out = handlers.onBatch(slices);
      if (out !== undefined) await out;
    } catch (err) {
      // onBatch handles its records' failures; anything else must not kill the loop.
      this.#raw.logger().error(`kgen consumer: batch failed: ${String(err)}`);
      for (const s of slices) s.stale = true;
    }
    for (const s of slices) this.#settle(s, handlers.storeOffsets === true);
  }

  /** After a slice: store its handled position, and rewind the partition to what was not handled. */
  #settle(slice: PartitionSlice, store: boolean): void {
    const { topic, partition, messages, done } = slice;
    // Handled records count even when the partition was sought or is being revoked (still assigned until
    // the revocation unassigns it, after this batch): auto-commit then includes them.
    if (store && done > 0) {
      const last = messages[done - 1]!;
      try {
        this.native._offsetsStoreSingle(topic, partition, last.offset + 1, last.leaderEpoch ?? -1);
      } catch {
        // revoked meanwhile: the new owner starts from the committed offset
      }
    }
    if (done < messages.length && !slice.moved) this.#seekNative(topic, partition, messages[done]!.offset);
  }

  #seekNative(topic: string, partition: number, offset: number): void {
    this.#move(topic, partition, true);
    const prefetch = this.#prefetch;
    const seek = (): Promise<void> =>
      new Promise<void>((resolve) => {
        try {
          this.native.seek({ topic, partition, offset }, SEEK_TIMEOUT_MS, (err) => {
            if (err) this.#raw.logger().warn(`kgen consumer: seek ${topic}[${partition}]@${offset}: ${err}`);
            resolve();
          });
        } catch (err) {
          this.#raw.logger().warn(`kgen consumer: seek ${topic}[${partition}]@${offset}: ${String(err)}`);
          resolve();
        }
      });
    // After a prefetch in flight, so that all it holds predates the seek.
    this.#barriers.push(prefetch === undefined ? seek() : prefetch.then(seek, seek));
  }

  #markStale(topic: string, partition: number, moved: boolean): void {
    for (const s of this.#slices)
      if (s.topic === topic && s.partition === partition) {
        s.stale = true;
        if (moved) s.moved = true;
      }
  }

  #assigned(assignment: AssignedPartition[]): void {
    this.#revoked = undefined;
    if (this.#pendingSeeks.size === 0) return;
    for (const p of assignment) {
      const key = partitionKey(p.topic, p.partition);
      const offset = this.#pendingSeeks.get(key);
      if (offset === undefined) continue;
      this.#pendingSeeks.delete(key);
      p.offset = offset;
    }
  }

  #withoutRevoked(messages: NativeMessage[]): NativeMessage[] {
    const revoked = this.#revoked!;
    return messages.filter((m) => !revoked.has(partitionKey(m.topic, m.partition)));
  }

  #revoke(partitions: Array<{ topic: string; partition: number }>): void {
    this.#revoked ??= new Set();
    for (const p of partitions) {
      this.#revoked.add(partitionKey(p.topic, p.partition));
      this.#markStale(p.topic, p.partition, true);
      // Assigned again later, such a partition starts from its committed offset: its prefetched records go.
      this.#move(p.topic, p.partition, true);
    }
    const inHand = this.#inHand;
    const prefetch = this.#prefetch;
    const onRevoke = this.#handlers?.onRevoke;
    const revocation = (async () => {
      await inHand;
      // librdkafka assigns nothing new before the unassign below: the prefetch holds only pre-revocation records.
      await prefetch?.catch(() => undefined);
      try {
        await onRevoke?.(partitions);
      } catch (err) {
        this.#raw.logger().error(`kgen consumer: commit on revocation failed: ${String(err)}`);
      }
      try {
        if (this.native.rebalanceProtocol() === 'COOPERATIVE') this.native.incrementalUnassign(partitions);
        else this.native.unassign();
      } catch {
        // disconnected meanwhile: nothing left to unassign
      }
    })();
    this.#barriers.push(revocation);
  }

  /** Assigned partitions of `topic` (all of them when `partitions` is not given). */
  #partitionsOf(topic: string, partitions: readonly number[] | undefined): number[] {
    if (partitions !== undefined) return [...partitions];
    return this.native
      .assignments()
      .filter((a) => a.topic === topic)
      .map((a) => a.partition);
  }

  /** Pauses fetching; records of the batch in hand not yet handled are read again after `resume`. */
  pause(topics: ReadonlyArray<{ topic: string; partitions?: readonly number[] | undefined }>): void {
    const list = topics.flatMap((t) =>
      this.#partitionsOf(t.topic, t.partitions).map((partition) => ({ topic: t.topic, partition })),
    );
    if (list.length === 0) return;
    this.native.pause(list);
    for (const p of list) {
      this.#markStale(p.topic, p.partition, false);
      this.#move(p.topic, p.partition, false);
    }
  }

  resume(topics: ReadonlyArray<{ topic: string; partitions?: readonly number[] | undefined }>): void {
    const list = topics.flatMap((t) =>
      this.#partitionsOf(t.topic, t.partitions).map((partition) => ({ topic: t.topic, partition })),
    );
    if (list.length > 0) this.native.resume(list);
  }

  /**
   * Moves a partition's next fetch to `offset` (or -2 beginning, -1 end); the batch in hand stops handling
   * that partition. A partition not assigned yet is sought when it is.
   */
  seek(topic: string, partition: number, offset: number): void {
    if (!Number.isInteger(offset) || offset < -2)
      throw new RangeError(
        `seek ${topic}[${partition}]: offset must be an integer >= 0 (or -2, -1), got ${offset}`,
      );
    const assigned = this.native.assignments().some((a) => a.topic === topic && a.partition === partition);
    if (!assigned) {
      this.#pendingSeeks.set(partitionKey(topic, partition), offset);
      return;
    }
    this.#markStale(topic, partition, true);
    this.#seekNative(topic, partition, offset);
  }

  /** Stores the handled positions of the batch in hand now (before a commit of stored offsets). */
  storeHandled(): void {
    for (const s of this.#slices) {
      if (s.done === 0) continue;
      const last = s.messages[s.done - 1]!;
      try {
        this.native._offsetsStoreSingle(s.topic, s.partition, last.offset + 1, last.leaderEpoch ?? -1);
      } catch {
        // revoked meanwhile
      }
    }
  }
}

/**
 * Records per native fetch from a consumer's `js.consumer.max.batch.size`: the setting when it is a positive
 * integer, else (absent, or -1 "unlimited", which a batch call cannot take) `fallback`.
 */
export function fetchBatchSize(configured: unknown, fallback: number): number {
  const n = Number(configured ?? fallback);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

function partitionKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}

/** Splits one fetch into per-partition slices (librdkafka returns each partition's records in order). */
export function sliceByPartition(messages: NativeMessage[]): PartitionSlice[] {
  const first = messages[0]!;
  let single = true;
  for (let i = 1; i < messages.length; i++) {
    const m = messages[i]!;
    if (m.partition !== first.partition || m.topic !== first.topic) {
      single = false;
      break;
    }
  }
  if (single) return [slice(first.topic, first.partition, messages)];
  const slices: PartitionSlice[] = [];
  for (const m of messages) {
    let s: PartitionSlice | undefined;
    for (const c of slices)
      if (c.partition === m.partition && c.topic === m.topic) {
        s = c;
        break;
      }
    if (s === undefined) {
      s = slice(m.topic, m.partition, []);
      slices.push(s);
    }
    s.messages.push(m);
  }
  return slices;
}

function slice(topic: string, partition: number, messages: NativeMessage[]): PartitionSlice {
  return { topic, partition, messages, done: 0, stale: false, moved: false };
}
