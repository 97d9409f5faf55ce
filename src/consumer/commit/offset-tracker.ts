/**
 * Gap tracking for concurrent handlers. Per partition it records the offsets handed to handlers (in fetch
 * order) and which of them finished; the committable position is the first offset whose handler has not
 * finished, so a commit never passes unfinished work even when later records finish first. Pure: no I/O.
 */

/** A partition's next offset to commit (the Kafka convention: last processed + 1). */
export interface CommitPosition {
  /** The topic of the partition. */
  readonly topic: string;
  /** The partition number. */
  readonly partition: number;
  /** The offset a restarted consumer resumes from, as a decimal string. */
  readonly offset: string;
}

class PartitionState {
  /** Started offsets in fetch order; `head` is the first not yet known finished. */
  private started: bigint[] = [];
  private head = 0;
  /** Finished out of order, waiting for the offsets before them. */
  private readonly doneEarly = new Set<bigint>();
  private last: bigint | undefined;
  /** Next offset to commit once every started record is finished, or undefined if nothing ever started. */
  private next: bigint | undefined;
  committed: bigint | undefined;

  begin(offset: bigint, where: string): void {
    if (this.last !== undefined && offset <= this.last)
      throw new RangeError(`${where}: offset ${offset} begun after ${this.last}; offsets must increase`);
    this.started.push(offset);
    this.last = offset;
  }

  complete(offset: bigint, where: string): void {
    if (this.head < this.started.length && this.started[this.head] === offset) {
      this.head++;
      this.next = offset + 1n;
      while (this.head < this.started.length) {
        const o = this.started[this.head]!;
        if (!this.doneEarly.delete(o)) break;
        this.head++;
        this.next = o + 1n;
      }
      if (this.head > 1024 && this.head * 2 > this.started.length) {
        this.started = this.started.slice(this.head);
        this.head = 0;
      }
      return;
    }
    if (!this.isPending(offset))
      throw new RangeError(`${where}: offset ${offset} completed but was never begun or is already complete`);
    this.doneEarly.add(offset);
  }

  private isPending(offset: bigint): boolean {
    if (this.doneEarly.has(offset)) return false;
    // started is sorted: binary search within [head, length).
    let lo = this.head;
    let hi = this.started.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = this.started[mid]!;
      if (v === offset) return true;
      if (v < offset) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  /** The position a commit may go to now: the first unfinished offset, else last finished + 1. */
  committable(): bigint | undefined {
    return this.head < this.started.length ? this.nextOrFirst() : this.next;
  }

  private nextOrFirst(): bigint | undefined {
    // Unfinished work exists: everything begun before the first unfinished offset is finished, so the commit
    // may go up to it (never past it). Before anything finished there is nothing new to commit.
    return this.next === undefined ? undefined : this.started[this.head];
  }

  lastBegun(): bigint | undefined {
    return this.last;
  }

  inFlight(): number {
    return this.started.length - this.head - this.doneEarly.size;
  }
}

/** Tracks begun/finished offsets per partition and says what may be committed. */
export class OffsetTracker {
  private readonly partitions = new Map<
    string,
    { topic: string; partition: number; state: PartitionState }
  >();

  private state(topic: string, partition: number): PartitionState {
    const key = `${topic}\u0000${partition}`;
    let entry = this.partitions.get(key);
    if (!entry) {
      entry = { topic, partition, state: new PartitionState() };
      this.partitions.set(key, entry);
    }
    return entry.state;
  }

  /** A record was handed to a handler. Offsets of one partition must be begun in increasing order. */
  begin(topic: string, partition: number, offset: string | bigint): void {
    this.state(topic, partition).begin(BigInt(offset), `${topic}[${partition}]`);
  }

  /** A record's handler finished (or the record was acknowledged); any order. */
  complete(topic: string, partition: number, offset: string | bigint): void {
    this.state(topic, partition).complete(BigInt(offset), `${topic}[${partition}]`);
  }

  /** Positions that may be committed and are ahead of what was last committed. */
  pending(): CommitPosition[] {
    const out: CommitPosition[] = [];
    for (const { topic, partition, state } of this.partitions.values()) {
      const pos = state.committable();
      if (pos !== undefined && (state.committed === undefined || pos > state.committed))
        out.push({ topic, partition, offset: pos.toString() });
    }
    return out;
  }

  /** Every partition's position as far as handlers finished (committed or not): the consumed positions. */
  positions(): CommitPosition[] {
    const out: CommitPosition[] = [];
    for (const { topic, partition, state } of this.partitions.values()) {
      const pos = state.committable();
      if (pos !== undefined) out.push({ topic, partition, offset: pos.toString() });
    }
    return out;
  }

  /** Records that a commit of these positions succeeded. */
  markCommitted(positions: readonly CommitPosition[]): void {
    for (const p of positions) {
      const state = this.state(p.topic, p.partition);
      const o = BigInt(p.offset);
      if (state.committed === undefined || o > state.committed) state.committed = o;
    }
  }

  /** Records begun and not yet finished, over all partitions. */
  inFlight(): number {
    let n = 0;
    for (const { state } of this.partitions.values()) n += state.inFlight();
    return n;
  }

  /** The position a commit of this partition may go to now (committed or not), if any. */
  position(topic: string, partition: number): string | undefined {
    return this.partitions.get(`${topic}\u0000${partition}`)?.state.committable()?.toString();
  }

  /** Records of this partition begun and not finished. */
  inFlightOf(topic: string, partition: number): number {
    return this.partitions.get(`${topic}\u0000${partition}`)?.state.inFlight() ?? 0;
  }

  /** Whether `offset` is not after the last offset begun on its partition (the partition was rewound). */
  isRewind(topic: string, partition: number, offset: string | bigint): boolean {
    const last = this.partitions.get(`${topic}\u0000${partition}`)?.state.lastBegun();
    return last !== undefined && BigInt(offset) <= last;
  }

  /** Forgets a partition (revoked, or rewound by a seek): its next records start a fresh sequence. */
  forget(topic: string, partition: number): void {
    this.partitions.delete(`${topic}\u0000${partition}`);
  }
}
