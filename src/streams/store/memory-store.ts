import type { BytesStore } from './bytes-store';

/** Index of the first entry whose key is >= `key` (binary search over keys in unsigned byte order). */
function lowerBound(keys: readonly Buffer[], key: Buffer): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (Buffer.compare(keys[mid]!, key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The default state store: entries kept sorted in memory (two parallel arrays, binary search), so window
 * and range reads are ordered scans. Nothing survives the process: it is rebuilt from its changelog.
 */
export class MemoryStore implements BytesStore {
  readonly name: string;
  private keys: Buffer[] = [];
  private values: Buffer[] = [];

  constructor(name: string) {
    this.name = name;
  }

  get(key: Buffer): Buffer | undefined {
    const i = lowerBound(this.keys, key);
    return i < this.keys.length && this.keys[i]!.equals(key) ? this.values[i] : undefined;
  }

  put(key: Buffer, value: Buffer | undefined): void {
    const i = lowerBound(this.keys, key);
    const found = i < this.keys.length && this.keys[i]!.equals(key);
    if (value === undefined) {
      if (found) {
        this.keys.splice(i, 1);
        this.values.splice(i, 1);
      }
    } else if (found) {
      this.values[i] = value;
    } else if (i === this.keys.length) {
      // Appending in order (monotonic keys, e.g. window starts) is the common case: no shifting.
      this.keys.push(Buffer.from(key));
      this.values.push(value);
    } else {
      this.keys.splice(i, 0, Buffer.from(key));
      this.values.splice(i, 0, value);
    }
  }

  *range(from: Buffer, to: Buffer): IterableIterator<[Buffer, Buffer]> {
    // Snapshot the bounds: callers may delete while iterating (window expiry).
    const keys = this.keys.slice(lowerBound(this.keys, from), lowerBound(this.keys, to));
    for (const k of keys) {
      const v = this.get(k);
      if (v !== undefined) yield [k, v];
    }
  }

  *all(): IterableIterator<[Buffer, Buffer]> {
    const keys = this.keys.slice();
    for (const k of keys) {
      const v = this.get(k);
      if (v !== undefined) yield [k, v];
    }
  }

  size(): number {
    return this.keys.length;
  }

  checkpoint(): ReadonlyMap<number, bigint> | undefined {
    return undefined;
  }

  writeCheckpoint(): void {
    // Nothing survives the process, so there is nothing to resume from.
  }

  wipe(): void {
    this.keys = [];
    this.values = [];
  }

  close(): Promise<void> {
    this.wipe();
    return Promise.resolve();
  }
}
