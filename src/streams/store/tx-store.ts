import type { BytesStore } from './bytes-store';

/** A changelog record of one store write: `value` undefined is a tombstone (a delete). */
export interface ChangelogWrite {
  readonly key: Buffer;
  readonly value: Buffer | undefined;
}

/**
 * A store as the operators see it during a transaction: writes stay in an overlay until the transaction
 * commits, then reach the backing store. An abort drops the overlay, so the backing store only ever holds
 * committed state (what the changelog holds), and a persistent store's checkpoint stays true.
 */
export class TxStore {
  readonly base: BytesStore;
  private pending = new Map<string, ChangelogWrite>();

  constructor(base: BytesStore) {
    this.base = base;
  }

  get name(): string {
    return this.base.name;
  }

  get(key: Buffer): Buffer | undefined {
    const p = this.pending.get(key.toString('latin1'));
    return p ? p.value : this.base.get(key);
  }

  put(key: Buffer, value: Buffer | undefined): void {
    this.pending.set(key.toString('latin1'), { key, value });
  }

  /** Entries with `from <= key < to`, the overlay merged over the backing store, in byte order. */
  *range(from: Buffer, to: Buffer): IterableIterator<[Buffer, Buffer]> {
    yield* this.merge(
      this.base.range(from, to),
      (k) => Buffer.compare(k, from) >= 0 && Buffer.compare(k, to) < 0,
    );
  }

  *all(): IterableIterator<[Buffer, Buffer]> {
    yield* this.merge(this.base.all(), () => true);
  }

  private *merge(
    base: IterableIterator<[Buffer, Buffer]>,
    within: (key: Buffer) => boolean,
  ): IterableIterator<[Buffer, Buffer]> {
    const overlay = [...this.pending.values()]
      .filter((w) => within(w.key))
      .sort((a, b) => Buffer.compare(a.key, b.key));
    let i = 0;
    for (const [k, v] of base) {
      while (i < overlay.length && Buffer.compare(overlay[i]!.key, k) < 0) {
        const w = overlay[i++]!;
        if (w.value !== undefined) yield [w.key, w.value];
      }
      if (i < overlay.length && overlay[i]!.key.equals(k)) {
        const w = overlay[i++]!;
        if (w.value !== undefined) yield [w.key, w.value];
        continue;
      }
      if (!this.pending.has(k.toString('latin1'))) yield [k, v];
    }
    for (; i < overlay.length; i++) {
      const w = overlay[i]!;
      if (w.value !== undefined) yield [w.key, w.value];
    }
  }

  /** Writes of the open transaction (last write per key), for the changelog. */
  writes(): ChangelogWrite[] {
    return [...this.pending.values()];
  }

  /** The transaction committed: its writes reach the backing store. */
  apply(): void {
    for (const w of this.pending.values()) this.base.put(w.key, w.value);
    this.pending.clear();
  }

  /** The transaction aborted: its writes are forgotten. */
  discard(): void {
    this.pending.clear();
  }
}
