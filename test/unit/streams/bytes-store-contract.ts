import fc from 'fast-check';
import type { BytesStore } from '../../../src/streams/store/bytes-store';

/**
 * The contract of src/streams/store/bytes-store.ts, for every backend. A backend's test file calls
 * `bytesStoreContract({ backend, open, reopen? })` inside its own `describe`. Persistent backends pass
 * `reopen`, which turns on the checkpoint and restart cases (the contents after a reopen are those of the last
 * `writeCheckpoint`).
 */
export interface BytesStoreUnderTest {
  /** Shown in test names, e.g. `memory` or `lmdb`. */
  readonly backend: string;
  /** A new, empty store called `name` (each call in a suite gets a name not used before). */
  open(name: string): BytesStore | Promise<BytesStore>;
  /** Persistent backends: the store `name` again, after it was closed. */
  reopen?(name: string): BytesStore | Promise<BytesStore>;
}

const b = (...bytes: number[]): Buffer => Buffer.from(bytes);
const s = (text: string): Buffer => Buffer.from(text, 'utf8');

/** A window key as the runtime writes it: the record key, then the window start as 8 bytes big-endian. */
export function windowKey(key: Buffer, startMs: number): Buffer {
  const start = Buffer.alloc(8);
  start.writeBigUInt64BE(BigInt(startMs));
  return Buffer.concat([key, start]);
}

const entries = (it: Iterable<[Buffer, Buffer]>): Array<[string, string]> =>
  [...it].map(([k, v]) => [k.toString('hex'), v.toString('hex')]);

export function bytesStoreContract(subject: BytesStoreUnderTest): void {
  let counter = 0;
  const opened: BytesStore[] = [];
  const fresh = async (): Promise<{ store: BytesStore; name: string }> => {
    const name = `contract-${subject.backend}-${process.pid}-${++counter}`;
    const store = await subject.open(name);
    opened.push(store);
    return { store, name };
  };
  const reopenStore = async (store: BytesStore, name: string): Promise<BytesStore> => {
    await store.close();
    const again = await subject.reopen!(name);
    opened.push(again);
    return again;
  };

  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close().catch(() => undefined);
  });

  describe(`BytesStore contract (${subject.backend})`, () => {
    it('gets what was put, overwrites, and deletes with an undefined value', async () => {
      const { store } = await fresh();
      expect(store.get(s('a'))).toBeUndefined();
      store.put(s('a'), s('1'));
      store.put(s('b'), s('2'));
      store.put(s('a'), s('3'));
      expect(store.get(s('a'))).toEqual(s('3'));
      expect(store.size()).toBe(2);
      store.put(s('a'), undefined);
      store.put(s('missing'), undefined);
      expect(store.get(s('a'))).toBeUndefined();
      expect(store.size()).toBe(1);
      expect(entries(store.all())).toEqual([[s('b').toString('hex'), s('2').toString('hex')]]);
    });

    it('counts each key once, whether written before or after a checkpoint', async () => {
      const { store } = await fresh();
      store.put(s('a'), s('1'));
      store.put(s('b'), s('2'));
      store.writeCheckpoint(new Map([[0, 2n]]));
      store.put(s('a'), s('3'));
      store.put(s('b'), undefined);
      store.put(s('c'), s('4'));
      store.put(s('c'), s('5'));
      expect(store.size()).toBe(2);
      store.writeCheckpoint(new Map([[0, 4n]]));
      expect(store.size()).toBe(2);
      expect(entries(store.all())).toEqual(
        entries([
          [s('a'), s('3')],
          [s('c'), s('5')],
        ]),
      );
    });

    it('keeps an empty key and an empty value apart from an absent one', async () => {
      const { store } = await fresh();
      store.put(b(), b());
      store.put(s('k'), b());
      expect(store.get(b())).toEqual(b());
      expect(store.get(s('k'))).toEqual(b());
      expect(store.size()).toBe(2);
      expect(entries(store.all())).toEqual([
        ['', ''],
        [s('k').toString('hex'), ''],
      ]);
    });

    it('orders keys by unsigned bytes, a prefix before its extensions', async () => {
      const { store } = await fresh();
      const keys = [b(0xff), b(0x80), b(0x7f), b(0x01, 0x00), b(0x01), b(0x00), b(0x00, 0xff), b(0x80, 0x00)];
      for (const k of keys) store.put(k, k);
      expect(entries(store.all()).map(([k]) => k)).toEqual([
        '00',
        '00ff',
        '01',
        '0100',
        '7f',
        '80',
        '8000',
        'ff',
      ]);
    });

    it('reads [from, to): from included, to excluded, nothing when from >= to', async () => {
      const { store } = await fresh();
      for (const k of ['a', 'b', 'c', 'd']) store.put(s(k), s(k.toUpperCase()));
      expect(entries(store.range(s('b'), s('d'))).map(([k]) => Buffer.from(k, 'hex').toString())).toEqual([
        'b',
        'c',
      ]);
      expect(entries(store.range(s('bb'), s('c')))).toEqual([]);
      expect(entries(store.range(s('a'), s('a')))).toEqual([]);
      expect(entries(store.range(s('d'), s('a')))).toEqual([]);
      expect(entries(store.range(b(), b(0xff))).length).toBe(4);
    });

    it("reads one key's windows by start time, not its neighbours' (window keys)", async () => {
      const { store } = await fresh();
      const minute = 60_000;
      const t0 = Date.UTC(2026, 0, 1); // > 2^32 ms: the high bytes of the start matter
      // Starts that cross byte boundaries, inserted out of order, beside keys sharing a prefix.
      const starts = [t0 + 5 * minute, t0, 255, 256, t0 + minute, 0];
      for (const key of ['a', 'ab', '`', ''])
        for (const start of starts) store.put(windowKey(s(key), start), s(`${key}@${start}`));
      const read = (from: number, to: number): string[] =>
        [...store.range(windowKey(s('a'), from), windowKey(s('a'), to))].map(([, v]) => v.toString());
      expect(read(0, Number.MAX_SAFE_INTEGER)).toEqual(
        [0, 255, 256, t0, t0 + minute, t0 + 5 * minute].map((t) => `a@${t}`),
      );
      expect(read(256, t0 + minute)).toEqual([`a@256`, `a@${t0}`]);
      expect(read(t0 + minute, t0 + minute + 1)).toEqual([`a@${t0 + minute}`]);
      expect(store.size()).toBe(24);
    });

    it('owns its bytes: a caller reusing its buffers changes nothing stored or returned', async () => {
      const { store } = await fresh();
      const key = s('key');
      const value = s('value');
      store.put(key, value);
      store.writeCheckpoint(new Map([[0, 1n]])); // a persistent store now reads it back from its files
      const got = store.get(s('key'))!;
      const listed = [...store.all()];
      key.fill(0);
      value.fill(0);
      store.put(s('other'), s('x'));
      store.put(s('key'), s('changed'));
      expect(store.get(s('other'))).toEqual(s('x'));
      expect(got.toString()).toBe('value');
      expect(listed.map(([k, v]) => `${k.toString()}=${v.toString()}`)).toEqual(['key=value']);
      expect(store.get(s('key'))!.toString()).toBe('changed');
    });

    it('wipe drops every entry and the checkpoint; the store stays usable', async () => {
      const { store } = await fresh();
      store.put(s('a'), s('1'));
      store.writeCheckpoint(new Map([[0, 10n]]));
      store.put(s('b'), s('2'));
      store.wipe();
      expect(store.size()).toBe(0);
      expect([...store.all()]).toEqual([]);
      expect(store.checkpoint()).toBeUndefined();
      store.put(s('c'), s('3'));
      expect(store.get(s('c'))).toEqual(s('3'));
    });

    if (subject.reopen === undefined) {
      it('records no checkpoint (not persistent)', async () => {
        const { store } = await fresh();
        store.writeCheckpoint(new Map([[0, 1n]]));
        expect(store.checkpoint()).toBeUndefined();
      });
    } else {
      it('keeps the contents and checkpoint of the last writeCheckpoint across close and reopen', async () => {
        const { store, name } = await fresh();
        expect(store.checkpoint()).toBeUndefined();
        store.put(s('a'), s('1'));
        store.put(windowKey(s('a'), 60_000), s('w'));
        const offsets = new Map([
          [0, 41n],
          [3, 2n ** 53n + 7n],
        ]);
        store.writeCheckpoint(offsets);
        expect(store.checkpoint()).toEqual(offsets);
        // Past the checkpoint: not durable (the changelog replays it), so gone after a reopen.
        store.put(s('a'), undefined);
        store.put(s('b'), s('2'));
        const again = await reopenStore(store, name);
        expect(again.checkpoint()).toEqual(offsets);
        expect(entries(again.all())).toEqual(
          entries([
            [s('a'), s('1')],
            [windowKey(s('a'), 60_000), s('w')],
          ]),
        );
        again.put(s('b'), s('2'));
        again.writeCheckpoint(new Map([[0, 42n]]));
        const third = await reopenStore(again, name);
        expect(third.checkpoint()).toEqual(new Map([[0, 42n]]));
        expect(third.get(s('b'))).toEqual(s('2'));
      });

      it('a wipe is durable: a reopened wiped store is empty with no checkpoint', async () => {
        const { store, name } = await fresh();
        store.put(s('a'), s('1'));
        store.writeCheckpoint(new Map([[0, 5n]]));
        store.wipe();
        const again = await reopenStore(store, name);
        expect(again.size()).toBe(0);
        expect(again.checkpoint()).toBeUndefined();
      });
    }

    it('agrees with a sorted-array model under random operations', async () => {
      const keyArb = fc.uint8Array({ maxLength: 2 }).map((bytes) =>
        // A small alphabet with the order's edge bytes, so keys collide and prefixes meet.
        Buffer.from([...bytes].map((x) => [0x00, 0x01, 0x7f, 0x80, 0xff][x % 5]!)),
      );
      const valueArb = fc.uint8Array({ maxLength: 4 }).map((v) => Buffer.from(v));
      type Op =
        | { op: 'put'; key: Buffer; value: Buffer }
        | { op: 'delete'; key: Buffer }
        | { op: 'get'; key: Buffer }
        | { op: 'range'; from: Buffer; to: Buffer }
        | { op: 'size' | 'all' | 'wipe' | 'reopen' }
        | { op: 'checkpoint'; offset: number };
      const ops: Array<fc.Arbitrary<Op>> = [
        fc.record({ op: fc.constant('put' as const), key: keyArb, value: valueArb }),
        fc.record({ op: fc.constant('put' as const), key: keyArb, value: valueArb }),
        fc.record({ op: fc.constant('delete' as const), key: keyArb }),
        fc.record({ op: fc.constant('get' as const), key: keyArb }),
        fc.record({ op: fc.constant('range' as const), from: keyArb, to: keyArb }),
        fc.constantFrom<Op>({ op: 'size' }, { op: 'all' }, { op: 'wipe' }),
        fc.record({ op: fc.constant('checkpoint' as const), offset: fc.nat() }),
      ];
      if (subject.reopen) ops.push(fc.constant<Op>({ op: 'reopen' }));

      await fc.assert(
        fc.asyncProperty(fc.array(fc.oneof(...ops), { maxLength: 40 }), async (program) => {
          const first = await fresh();
          const name = first.name;
          let store = first.store;
          // The model: entries sorted by key (hex of the bytes sorts as the bytes do).
          let model = new Map<string, string>();
          let durable = new Map<string, string>();
          let checkpoint: Map<number, bigint> | undefined;
          const sorted = (m: Map<string, string>): Array<[string, string]> =>
            [...m].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
          for (const step of program) {
            switch (step.op) {
              case 'put':
                store.put(step.key, step.value);
                model.set(step.key.toString('hex'), step.value.toString('hex'));
                break;
              case 'delete':
                store.put(step.key, undefined);
                model.delete(step.key.toString('hex'));
                break;
              case 'get':
                expect(store.get(step.key)?.toString('hex')).toBe(model.get(step.key.toString('hex')));
                break;
              case 'range': {
                const [lo, hi] = [step.from.toString('hex'), step.to.toString('hex')];
                expect(entries(store.range(step.from, step.to))).toEqual(
                  sorted(model).filter(([k]) => k >= lo && k < hi),
                );
                break;
              }
              case 'size':
                expect(store.size()).toBe(model.size);
                break;
              case 'all':
                expect(entries(store.all())).toEqual(sorted(model));
                break;
              case 'wipe':
                store.wipe();
                model = new Map();
                durable = new Map();
                checkpoint = undefined;
                break;
              case 'checkpoint':
                checkpoint = new Map([[0, BigInt(step.offset)]]);
                store.writeCheckpoint(checkpoint);
                durable = new Map(model);
                break;
              case 'reopen':
                store = await reopenStore(store, name);
                model = new Map(durable);
                expect(store.checkpoint()).toEqual(checkpoint);
                break;
            }
          }
          expect(entries(store.all())).toEqual(sorted(model));
          await store.close();
        }),
        { numRuns: 100 },
      );
    });
  });
}
