import type { Rec, TaskContext } from '../topology/context';

/** An operator whose updates a {@link RecordCache} may hold back. */
export interface CachingNode {
  /** Sends a held update on to the operator's children (the cache lets it go). */
  forwardUpdate(rec: Rec, ctx: TaskContext): void;
}

interface Held {
  readonly node: CachingNode;
  readonly rec: Rec;
}

/**
 * The record cache of one task (Kafka Streams' `statestore.cache.max.bytes`, counted in entries): an
 * aggregate's update replaces the held update of the same key (and window) instead of flowing on, so a key
 * updated many times between two commits forwards once, with its latest value. Held updates go on at the
 * commit (`flush`), when the cache is over `maxEntries` (the least recently updated first), or before a final
 * result of the same window (`release`). Stores are written at once either way: only forwarding is deferred.
 */
export class RecordCache {
  readonly #maxEntries: number;
  /** Insertion order is recency order: an update moves its entry to the end. */
  readonly #held = new Map<string, Held>();
  readonly #tags = new Map<CachingNode, string>();

  /** `maxEntries` 0: nothing is held, every update flows on at once. */
  constructor(maxEntries: number) {
    this.#maxEntries = maxEntries;
  }

  /** Held updates. */
  get size(): number {
    return this.#held.size;
  }

  /**
   * Holds `rec` as `node`'s latest update of `key` (the operator's store key), replacing the one held.
   * Returns false when the cache is off: then the caller forwards `rec` itself.
   */
  hold(node: CachingNode, key: Buffer, rec: Rec, ctx: TaskContext): boolean {
    if (this.#maxEntries === 0) return false;
    const id = this.#idOf(node, key);
    this.#held.delete(id);
    this.#held.set(id, { node, rec });
    if (this.#held.size > this.#maxEntries) {
      const [oldest, held] = this.#held.entries().next().value as [string, Held];
      this.#held.delete(oldest);
      held.node.forwardUpdate(held.rec, ctx);
    }
    return true;
  }

  /** Forwards `node`'s held update of `key` now, if there is one (before a final result of its window). */
  release(node: CachingNode, key: Buffer, ctx: TaskContext): void {
    if (this.#held.size === 0) return;
    const id = this.#idOf(node, key);
    const held = this.#held.get(id);
    if (held === undefined) return;
    this.#held.delete(id);
    held.node.forwardUpdate(held.rec, ctx);
  }

  /**
   * Forwards every held update, least recently updated first (before a commit). Updates that reach a caching
   * operator further down are held and forwarded in the same pass: a Map visits entries added while it is
   * iterated.
   */
  flush(ctx: TaskContext): void {
    for (const [id, held] of this.#held) {
      this.#held.delete(id);
      held.node.forwardUpdate(held.rec, ctx);
    }
  }

  /** Drops every held update (an abort: the records are processed again). */
  clear(): void {
    this.#held.clear();
  }

  #idOf(node: CachingNode, key: Buffer): string {
    let tag = this.#tags.get(node);
    if (tag === undefined) {
      tag = `${this.#tags.size}\u0000`;
      this.#tags.set(node, tag);
    }
    return tag + key.toString('latin1');
  }
}
