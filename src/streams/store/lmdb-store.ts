import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Database, Key, RootDatabase } from 'lmdb';
import type { BytesStore } from './bytes-store';
import { decodeCheckpoint, encodeCheckpoint } from './checkpoint-encoding';
import { lmdbFileProblem } from './lmdb-file-check';
import { loadLmdb, type LmdbModule } from './lmdb-module';
import { StateStoreError } from './state-store-error';

/*
 * A BytesStore on LMDB (lmdb-js). Why LMDB: its prebuilt binaries ship as npm optional packages
 * (@lmdb/lmdb-<platform>), so it installs from the registry alone; reads are synchronous (the store contract
 * is); keys are kept in byte order (memcmp), which range and window reads need.
 *
 * Writes collect in memory until `writeCheckpoint`, which writes them and the checkpoint in one LMDB
 * transaction: what is on disk always matches its checkpoint. A crash loses only writes past the last
 * checkpoint, which the changelog replays; it never leaves writes of an aborted Kafka transaction on disk.
 */

/** Where persistent stores live, and for which application. */
export interface LmdbStoreOptions {
  /** Root of the local state; each store partition gets `<stateDir>/<applicationId>/<store>/<partition>`. */
  readonly stateDir: string;
  readonly applicationId: string;
  /** Loads the `lmdb` module (tests replace it). */
  readonly loadModule?: () => unknown;
}

/** LMDB rejects empty keys, so every data key carries this one-byte prefix (which keeps byte order). */
const KEY_PREFIX = Buffer.from([0]);
/** lmdb-js's key limit (1978 bytes) less the prefix. */
const MAX_KEY_BYTES = 1977;
const CHECKPOINT_KEY = 'checkpoint';
const FORMAT_KEY = 'format';
const FORMAT = 1;
const SAFE_NAME = /^[A-Za-z0-9._-]+$/;

/** The directory of one store partition (names are checked: they become path segments). */
export function lmdbStorePath(options: LmdbStoreOptions, store: string, partition: number): string {
  for (const [what, name] of [
    ['application id', options.applicationId],
    ['store name', store],
  ] as const) {
    if (!SAFE_NAME.test(name) || name === '.' || name === '..')
      throw new StateStoreError(
        'invalid-name',
        store,
        undefined,
        `state store "${store}": ${what} "${name}" must be letters, digits, ".", "_" or "-" (it names a directory and a topic)`,
      );
  }
  if (!Number.isInteger(partition) || partition < 0)
    throw new StateStoreError(
      'invalid-name',
      store,
      undefined,
      `state store "${store}": partition ${partition} is not a partition number`,
    );
  return path.join(options.stateDir, options.applicationId, store, String(partition));
}

/** The store factory the streams runtime takes: one LMDB environment per (store, partition). */
export function lmdbStoreFactory(options: LmdbStoreOptions): (name: string, partition: number) => BytesStore {
  return (name, partition) =>
    openLmdbStore(lmdbStorePath(options, name, partition), name, options.loadModule);
}

/**
 * Opens (creating when absent) the store in `dir`. Throws {@link StateStoreError} `corrupt` when the files
 * cannot be trusted: the caller deletes the directory ({@link destroyLmdbStore}) and restores from the changelog.
 */
export function openLmdbStore(dir: string, name: string, loadModule?: () => unknown): LmdbStore {
  const lmdb = loadLmdb(name, loadModule);
  const problem = lmdbFileProblem(path.join(dir, 'data.mdb'));
  if (problem !== undefined)
    throw new StateStoreError('corrupt', name, dir, `state store "${name}" at ${dir}: ${problem}`);
  try {
    fs.mkdirSync(dir, { recursive: true });
    return new LmdbBytesStore(lmdb, dir, name);
  } catch (err) {
    if (err instanceof StateStoreError) throw err;
    throw new StateStoreError(
      'corrupt',
      name,
      dir,
      `state store "${name}" at ${dir} cannot be opened: ${err instanceof Error ? err.message : String(err)}`,
      { cause: err },
    );
  }
}

/** Deletes a store's directory (after a `corrupt` error, or to rebuild it from its changelog). */
export function destroyLmdbStore(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

type Pending = Map<string, readonly [key: Buffer, value: Buffer | null]>;

/**
 * A persistent {@link BytesStore}; open it with {@link openLmdbStore} or {@link lmdbStoreFactory}. Its class
 * stays private so no declaration file names lmdb's types (an optional peer a user may not have installed).
 */
export interface LmdbStore extends BytesStore {
  /** The store partition's directory. */
  readonly dir: string;
}

class LmdbBytesStore implements LmdbStore {
  readonly #root: RootDatabase<Buffer, Key>;
  readonly #data: Database<Buffer, Buffer>;
  readonly #meta: Database<Buffer, string>;
  /** Writes since the last checkpoint, by the key's latin1 string (whose order is the bytes' order). */
  #pending: Pending = new Map();
  #checkpoint: ReadonlyMap<number, bigint> | undefined;
  #closed = false;

  constructor(
    lmdb: LmdbModule,
    readonly dir: string,
    readonly name: string,
  ) {
    this.#root = lmdb.open<Buffer, Key>({ path: dir, maxDbs: 2 });
    try {
      this.#data = this.#root.openDB<Buffer, Buffer>({
        name: 'data',
        keyEncoding: 'binary',
        encoding: 'binary',
      });
      this.#meta = this.#root.openDB<Buffer, string>({ name: 'meta', encoding: 'binary' });
      const format = this.#meta.get(FORMAT_KEY);
      if (format === undefined) {
        if (entryCount(this.#data) > 0 || this.#meta.doesExist(CHECKPOINT_KEY))
          throw this.#corrupt('data without a format marker');
        this.#root.transactionSync(() => this.#meta.putSync(FORMAT_KEY, Buffer.from([FORMAT])));
      } else if (format.length !== 1 || format[0] !== FORMAT) {
        throw this.#corrupt(`unknown format ${format.toString('hex')} (this kgen writes ${FORMAT})`);
      }
      const stored = this.#meta.get(CHECKPOINT_KEY);
      this.#checkpoint = stored === undefined ? undefined : decodeCheckpoint(stored);
      if (stored !== undefined && this.#checkpoint === undefined)
        throw this.#corrupt(`undecodable checkpoint ${stored.toString('hex')}`);
    } catch (err) {
      void this.#root.close();
      throw err;
    }
  }

  get(key: Buffer): Buffer | undefined {
    this.#open();
    if (this.#pending.size > 0) {
      const pending = this.#pending.get(key.toString('latin1'));
      if (pending !== undefined) return pending[1] === null ? undefined : Buffer.from(pending[1]);
    }
    if (key.length > MAX_KEY_BYTES) return undefined;
    return this.#data.get(stored(key));
  }

  put(key: Buffer, value: Buffer | undefined): void {
    this.#open();
    if (key.length > MAX_KEY_BYTES)
      throw new StateStoreError(
        'key-too-large',
        this.name,
        this.dir,
        `state store "${this.name}": a key of ${key.length} bytes is over LMDB's limit of ${MAX_KEY_BYTES}`,
      );
    // Copies: a caller may reuse its buffers.
    this.#pending.set(key.toString('latin1'), [
      Buffer.from(key),
      value === undefined ? null : Buffer.from(value),
    ]);
  }

  range(from: Buffer, to: Buffer): IterableIterator<[Buffer, Buffer]> {
    this.#open();
    if (Buffer.compare(from, to) >= 0) return [][Symbol.iterator]();
    const [lo, hi] = [from.toString('latin1'), to.toString('latin1')];
    const pending = [...this.#pending].filter(([k]) => k >= lo && k < hi);
    // A bound past the key limit is cut to it; the string bounds keep the range exact.
    const start = stored(from.subarray(0, MAX_KEY_BYTES));
    const end = to.length > MAX_KEY_BYTES ? undefined : stored(to);
    return this.#merge(pending, start, end, lo, hi);
  }

  all(): IterableIterator<[Buffer, Buffer]> {
    this.#open();
    return this.#merge([...this.#pending], KEY_PREFIX, undefined, undefined, undefined);
  }

  size(): number {
    this.#open();
    let n = entryCount(this.#data);
    for (const [key, value] of this.#pending.values()) {
      const onDisk = this.#data.doesExist(stored(key));
      if (value !== null && !onDisk) n++;
      else if (value === null && onDisk) n--;
    }
    return n;
  }

  checkpoint(): ReadonlyMap<number, bigint> | undefined {
    this.#open();
    return this.#checkpoint;
  }

  writeCheckpoint(offsets: ReadonlyMap<number, bigint>): void {
    this.#open();
    const checkpoint = new Map(offsets);
    const encoded = encodeCheckpoint(checkpoint);
    this.#root.transactionSync(() => {
      for (const [key, value] of this.#pending.values()) {
        if (value === null) this.#data.removeSync(stored(key));
        else this.#data.putSync(stored(key), value);
      }
      this.#meta.putSync(CHECKPOINT_KEY, encoded);
    });
    this.#pending = new Map();
    this.#checkpoint = checkpoint;
  }

  wipe(): void {
    this.#open();
    this.#root.transactionSync(() => {
      this.#data.clearSync();
      this.#meta.removeSync(CHECKPOINT_KEY);
    });
    this.#pending = new Map();
    this.#checkpoint = undefined;
  }

  /** Closes the environment; writes after the last checkpoint are dropped (the changelog has them). */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#pending = new Map();
    await this.#root.close();
  }

  /** Disk entries in [start, end) merged with pending writes (sorted here); pending ones win. */
  *#merge(
    pending: Array<[string, readonly [Buffer, Buffer | null]]>,
    start: Buffer,
    end: Buffer | undefined,
    lo: string | undefined,
    hi: string | undefined,
  ): IterableIterator<[Buffer, Buffer]> {
    pending.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    let i = 0;
    // for-of, so a caller that stops early also ends LMDB's cursor.
    for (const entry of this.#data.getRange({ start, ...(end !== undefined ? { end } : {}) })) {
      const key = entry.key.subarray(1);
      const k = key.toString('latin1');
      if (hi !== undefined && k >= hi) break;
      if (lo !== undefined && k < lo) continue;
      for (; i < pending.length && pending[i]![0] < k; i++) yield* live(pending[i]![1]);
      if (i < pending.length && pending[i]![0] === k) yield* live(pending[i++]![1]);
      else yield [Buffer.from(key), entry.value];
    }
    for (; i < pending.length; i++) yield* live(pending[i]![1]);
  }

  #open(): void {
    if (this.#closed)
      throw new StateStoreError(
        'closed',
        this.name,
        this.dir,
        `state store "${this.name}" at ${this.dir} is closed`,
      );
  }

  #corrupt(problem: string): StateStoreError {
    return new StateStoreError(
      'corrupt',
      this.name,
      this.dir,
      `state store "${this.name}" at ${this.dir}: ${problem}`,
    );
  }
}

/** Entries in a database (LMDB keeps the count: no scan). */
function entryCount(db: Database<Buffer, Buffer>): number {
  return (db.getStats() as { entryCount: number }).entryCount;
}

function stored(key: Buffer): Buffer {
  return Buffer.concat([KEY_PREFIX, key]);
}

function live(entry: readonly [Buffer, Buffer | null]): Array<[Buffer, Buffer]> {
  return entry[1] === null ? [] : [[Buffer.from(entry[0]), Buffer.from(entry[1])]];
}
