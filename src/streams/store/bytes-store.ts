/**
 * The byte-level contract every state store backend meets (in-memory by default, LMDB when persisted).
 * Stateful operators serialize keys and values with the topic codecs and keep them here as bytes, so a
 * backend never needs to know the types; keys compare in unsigned byte order, which is what window and
 * range reads rely on (a window key is the record key followed by a big-endian start timestamp).
 */
export interface BytesStore {
  /** The store's name; also the suffix of its changelog topic (`<applicationId>-<name>-changelog`). */
  readonly name: string;
  get(key: Buffer): Buffer | undefined;
  /** Writes `value`, or deletes the key when `value` is `undefined`. */
  put(key: Buffer, value: Buffer | undefined): void;
  /** Entries with `from <= key < to` in unsigned byte order. */
  range(from: Buffer, to: Buffer): IterableIterator<[Buffer, Buffer]>;
  /** Every entry, in unsigned byte order. */
  all(): IterableIterator<[Buffer, Buffer]>;
  /** Number of entries (for metrics and interactive queries). */
  size(): number;
  /**
   * Changelog offset (per changelog partition) the contents reflect, so a restart of a persistent store
   * replays only what follows it. `undefined` for a store with nothing recorded (in-memory: always).
   */
  checkpoint(): ReadonlyMap<number, bigint> | undefined;
  /** Records the changelog offsets the contents now reflect; called after each committed transaction. */
  writeCheckpoint(offsets: ReadonlyMap<number, bigint>): void;
  /** Drops every entry and the checkpoint (a store that cannot be trusted is rebuilt from its changelog). */
  wipe(): void;
  close(): Promise<void>;
}
