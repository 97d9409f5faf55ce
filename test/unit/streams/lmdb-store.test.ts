import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as lmdb from 'lmdb';
import { isKgenError } from '../../../src/errors';
import {
  destroyLmdbStore,
  lmdbStoreFactory,
  lmdbStorePath,
  openLmdbStore,
} from '../../../src/streams/store/lmdb-store';
import { StateStoreError } from '../../../src/streams/store/state-store-error';
import { bytesStoreContract, windowKey } from './bytes-store-contract';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kgen-lmdb-store-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('LmdbStore', () => {
  bytesStoreContract({
    backend: 'lmdb',
    open: (name) => openLmdbStore(path.join(root, 'contract', name), name),
    reopen: (name) => openLmdbStore(path.join(root, 'contract', name), name),
  });

  const options = { stateDir: path.join(root, 'state'), applicationId: 'order-stats' };

  it('keeps one directory per (application, store, partition) under the state dir', async () => {
    const factory = lmdbStoreFactory(options);
    const a = factory('counts', 0);
    const b = factory('counts', 1);
    a.put(Buffer.from('k'), Buffer.from('on-0'));
    a.writeCheckpoint(new Map([[0, 1n]]));
    expect(b.get(Buffer.from('k'))).toBeUndefined();
    await Promise.all([a.close(), b.close()]);
    expect(fs.existsSync(path.join(root, 'state', 'order-stats', 'counts', '0', 'data.mdb'))).toBe(true);
    expect(fs.existsSync(path.join(root, 'state', 'order-stats', 'counts', '1', 'data.mdb'))).toBe(true);
    const again = factory('counts', 0);
    expect(again.get(Buffer.from('k'))?.toString()).toBe('on-0');
    await again.close();
  });

  it.each([
    ['store name', { ...options }, '../escape', 0],
    ['store name', { ...options }, 'a/b', 0],
    ['application id', { ...options, applicationId: '..' }, 'counts', 0],
    ['partition', { ...options }, 'counts', -1],
  ])('rejects a %s that cannot be a directory', (what, opts, store, partition) => {
    expect(() => lmdbStorePath(opts, store, partition)).toThrow(StateStoreError);
    try {
      lmdbStorePath(opts, store, partition);
    } catch (err) {
      expect(isKgenError(err, 'STATE_STORE')).toBe(true);
      expect((err as StateStoreError).reason).toBe('invalid-name');
      expect((err as Error).message).toContain(what === 'partition' ? 'partition -1' : what);
    }
  });

  it('names the store when a key is over the LMDB limit, and stores one at the limit', async () => {
    const dir = path.join(root, 'big-keys');
    const store = openLmdbStore(dir, 'big');
    store.put(Buffer.alloc(1977, 1), Buffer.from('ok'));
    expect(() => store.put(Buffer.alloc(1978, 1), Buffer.from('no'))).toThrow(
      expect.objectContaining({ code: 'STATE_STORE', reason: 'key-too-large', store: 'big' }),
    );
    expect(store.get(Buffer.alloc(5000, 1))).toBeUndefined();
    expect(store.range(Buffer.alloc(5000, 0), Buffer.alloc(5000, 2)).next().value?.[1].toString()).toBe('ok');
    store.writeCheckpoint(new Map([[0, 1n]]));
    expect(store.get(Buffer.alloc(1977, 1))?.toString()).toBe('ok');
    await store.close();
  });

  it('refuses use after close with a typed error', async () => {
    const store = openLmdbStore(path.join(root, 'closed'), 'closed-store');
    await store.close();
    expect(() => store.get(Buffer.from('a'))).toThrow(
      expect.objectContaining({ code: 'STATE_STORE', reason: 'closed', store: 'closed-store' }),
    );
  });

  it('a caller that stops reading a range early leaves the store usable', async () => {
    const store = openLmdbStore(path.join(root, 'early-stop'), 'early');
    for (let i = 0; i < 100; i++) store.put(windowKey(Buffer.from('k'), i * 1000), Buffer.from([i]));
    store.writeCheckpoint(new Map([[0, 100n]]));
    for (const [, v] of store.range(windowKey(Buffer.from('k'), 0), windowKey(Buffer.from('k'), 1e9)))
      if (v[0] === 3) break;
    store.put(Buffer.from('z'), Buffer.from('after'));
    store.writeCheckpoint(new Map([[0, 101n]]));
    expect(store.size()).toBe(101);
    await store.close();
  });

  describe('damaged files give a typed error; the caller wipes the directory and rebuilds', () => {
    /** A store with a checkpoint, closed; returns its directory. */
    const written = async (name: string): Promise<string> => {
      const dir = path.join(root, 'damaged', name);
      const store = openLmdbStore(dir, name);
      for (let i = 0; i < 3000; i++) store.put(Buffer.from(`key-${i}`), Buffer.alloc(100, i));
      store.writeCheckpoint(new Map([[0, 3000n]]));
      await store.close();
      return dir;
    };
    const expectCorrupt = (dir: string, name: string, message: RegExp): void => {
      let thrown: unknown;
      try {
        openLmdbStore(dir, name);
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(StateStoreError);
      expect(thrown).toMatchObject({ code: 'STATE_STORE', reason: 'corrupt', store: name, path: dir });
      expect((thrown as Error).message).toMatch(message);
    };
    const rebuilt = async (dir: string, name: string): Promise<void> => {
      destroyLmdbStore(dir);
      const store = openLmdbStore(dir, name);
      expect(store.size()).toBe(0);
      expect(store.checkpoint()).toBeUndefined();
      await store.close();
    };

    it('a truncated data file (it would crash LMDB when opened)', async () => {
      const dir = await written('truncated');
      fs.truncateSync(path.join(dir, 'data.mdb'), 3 * 4096);
      expectCorrupt(dir, 'truncated', /truncated/);
      await rebuilt(dir, 'truncated');
    });

    it('a data file overwritten with other bytes', async () => {
      const dir = await written('overwritten');
      const file = path.join(dir, 'data.mdb');
      fs.writeFileSync(file, Buffer.alloc(fs.statSync(file).size, 7));
      expectCorrupt(dir, 'overwritten', /not an LMDB data file/);
      await rebuilt(dir, 'overwritten');
    });

    it('a file too short to hold a meta page', async () => {
      const dir = await written('short');
      fs.truncateSync(path.join(dir, 'data.mdb'), 100);
      expectCorrupt(dir, 'short', /truncated/);
    });

    it('a checkpoint record that does not decode, and data without a format marker', async () => {
      const dir = await written('bad-checkpoint');
      // Damage written through LMDB itself, as a foreign writer would.
      const env = lmdb.open({ path: dir, maxDbs: 2 });
      const meta = env.openDB({ name: 'meta', encoding: 'binary' });
      env.transactionSync(() => meta.putSync('checkpoint', Buffer.from([1, 2, 3])));
      await env.close();
      expectCorrupt(dir, 'bad-checkpoint', /undecodable checkpoint/);

      const env2 = lmdb.open({ path: dir, maxDbs: 2 });
      const meta2 = env2.openDB({ name: 'meta', encoding: 'binary' });
      env2.transactionSync(() => meta2.removeSync('format'));
      await env2.close();
      expectCorrupt(dir, 'bad-checkpoint', /without a format marker/);
    });
  });

  it('without the lmdb package: a typed error that says what to install', () => {
    const missing = (): never => {
      throw Object.assign(new Error("Cannot find module 'lmdb'"), { code: 'MODULE_NOT_FOUND' });
    };
    const factory = lmdbStoreFactory({ ...options, loadModule: missing });
    expect(() => factory('counts', 0)).toThrow(
      expect.objectContaining({ code: 'STATE_STORE', reason: 'backend-missing', store: 'counts' }),
    );
    expect(() => factory('counts', 0)).toThrow(/npm install lmdb/);
  });
});
