import { hopping, sliding, StreamsConfigError, tumbling } from 'kgen';
import { internalsOf } from '../../../src/streams/app-internals';
import { RecordCache, type CachingNode } from '../../../src/streams/engine/record-cache';
import { Task } from '../../../src/streams/engine/task';
import { MemoryStore } from '../../../src/streams/store/memory-store';
import type { Emitted, Rec, TaskContext } from '../../../src/streams/topology/context';
import { StreamsMetrics } from '../../../src/streams/topology/metrics';
import { unitClient } from './fixtures';

describe('RecordCache', () => {
  const forwarded: string[] = [];
  const node = (name: string): CachingNode => ({
    forwardUpdate: (rec: Rec) => forwarded.push(`${name}:${String(rec.key)}=${String(rec.value)}`),
  });
  const ctx = {} as TaskContext;
  const rec = (key: string, value: number): Rec => ({ key, value, timestamp: 0 });
  beforeEach(() => (forwarded.length = 0));

  it('off (0 entries): holds nothing, the caller forwards', () => {
    const cache = new RecordCache(0);
    expect(cache.hold(node('n'), Buffer.from('a'), rec('a', 1), ctx)).toBe(false);
    expect(cache.size).toBe(0);
  });

  it('keeps the latest update per node and key; flushes least recently updated first', () => {
    const cache = new RecordCache(10);
    const n = node('n');
    const m = node('m');
    cache.hold(n, Buffer.from('a'), rec('a', 1), ctx);
    cache.hold(n, Buffer.from('b'), rec('b', 1), ctx);
    cache.hold(m, Buffer.from('a'), rec('a', 7), ctx); // same key at another node: its own entry
    cache.hold(n, Buffer.from('a'), rec('a', 2), ctx);
    expect(forwarded).toEqual([]);
    expect(cache.size).toBe(3);
    cache.flush(ctx);
    expect(forwarded).toEqual(['n:b=1', 'm:a=7', 'n:a=2']);
    expect(cache.size).toBe(0);
  });

  it('over maxEntries, forwards the least recently updated entry at once', () => {
    const cache = new RecordCache(2);
    const n = node('n');
    cache.hold(n, Buffer.from('a'), rec('a', 1), ctx);
    cache.hold(n, Buffer.from('b'), rec('b', 1), ctx);
    cache.hold(n, Buffer.from('a'), rec('a', 2), ctx); // a is now the most recent
    cache.hold(n, Buffer.from('c'), rec('c', 1), ctx);
    expect(forwarded).toEqual(['n:b=1']);
    cache.flush(ctx);
    expect(forwarded).toEqual(['n:b=1', 'n:a=2', 'n:c=1']);
  });

  it('release forwards one held entry; clear drops them all', () => {
    const cache = new RecordCache(10);
    const n = node('n');
    cache.hold(n, Buffer.from('a'), rec('a', 1), ctx);
    cache.hold(n, Buffer.from('b'), rec('b', 1), ctx);
    cache.release(n, Buffer.from('b'), ctx);
    cache.release(n, Buffer.from('zz'), ctx); // nothing held: nothing forwarded
    expect(forwarded).toEqual(['n:b=1']);
    cache.clear();
    cache.flush(ctx);
    expect(forwarded).toEqual(['n:b=1']);
  });

  it('a flush also forwards what it makes a caching operator further down hold', () => {
    const cache = new RecordCache(10);
    const down = node('down');
    const up: CachingNode = {
      forwardUpdate: (r: Rec) => {
        forwarded.push(`up:${String(r.key)}=${String(r.value)}`);
        cache.hold(down, Buffer.from('total'), rec('total', Number(r.value) * 10), ctx);
      },
    };
    cache.hold(up, Buffer.from('a'), rec('a', 1), ctx);
    cache.hold(up, Buffer.from('b'), rec('b', 2), ctx);
    cache.flush(ctx);
    expect(forwarded).toEqual(['up:a=1', 'up:b=2', 'down:total=20']);
    expect(cache.size).toBe(0);
  });
});

describe('a task with a record cache', () => {
  /** The one subtopology of `app` as a task over in-memory stores. */
  function taskOf(app: ReturnType<ReturnType<typeof unitClient>['streams']>, cacheEntries: number): Task {
    const [sub] = internalsOf(app).builder.subtopologies();
    const stores = new Map(sub!.stores.map((name) => [name, new MemoryStore(name)]));
    return new Task(sub!, 0, stores, new StreamsMetrics(), cacheEntries);
  }
  const order = (key: string, amount: number, timestamp: number): Rec => ({
    key,
    value: { customerId: key, amount },
    timestamp,
  });
  const shown = (out: Emitted[]): string[] =>
    out.map((e) => `${e.topic} ${String(e.key)}=${(e.value as { count: number }).count}`);

  it('a count per key forwards each key once per commit, with its latest value and timestamp', () => {
    const app = unitClient().streams({ applicationId: 'unit-cache-count', cache: { maxEntries: 100 } });
    const counts = app.stream('orders').groupByKey().count({ name: 'counts' });
    counts.toStream().to('stats', (r) => ({ key: r.key, value: { count: r.value, total: 0 } }));
    const task = taskOf(app, 100);
    const out: Emitted[] = [];
    const emit = (e: Emitted): number => out.push(e);
    for (const [key, t] of [
      ['a', 1],
      ['b', 2],
      ['a', 3],
      ['a', 4],
    ] as const)
      task.process('orders', order(key, 1, t), emit);
    expect(out).toEqual([]);
    // The store holds every update at once; only forwarding waits.
    expect(task.writes()[0]!.writes).toHaveLength(2);
    task.flushCache(emit);
    expect(shown(out)).toEqual(['stats b=1', 'stats a=3']);
    expect(out.map((e) => e.timestamp)).toEqual([2, 4]);
    task.apply();
    out.length = 0;
    task.process('orders', order('a', 1, 5), emit);
    task.flushCache(emit);
    expect(shown(out)).toEqual(['stats a=4']);
  });

  it('without a cache every update goes on at once, as before', () => {
    const app = unitClient().streams({ applicationId: 'unit-cache-off' });
    app
      .stream('orders')
      .groupByKey()
      .count({ name: 'counts' })
      .toStream()
      .to('stats', (r) => ({ key: r.key, value: { count: r.value, total: 0 } }));
    const task = taskOf(app, 0);
    const out: Emitted[] = [];
    task.process('orders', order('a', 1, 1), (e) => out.push(e));
    task.process('orders', order('a', 1, 2), (e) => out.push(e));
    expect(shown(out)).toEqual(['stats a=1', 'stats a=2']);
  });

  it("a window's held update goes on before its final result; an abort drops what is held", () => {
    const app = unitClient().streams({ applicationId: 'unit-cache-window', cache: { maxEntries: 100 } });
    const windowed = app
      .stream('orders')
      .groupByKey()
      .windowedBy(tumbling({ size: 1000, grace: 0 }))
      .count({ name: 'counts' });
    windowed
      .toStream()
      .to('stats', (w) => ({ key: `${w.key.key}@${w.key.start}`, value: { count: w.value, total: 0 } }));
    windowed.toStream({ emit: 'final' }).to('window-stats', (w) => ({
      key: `${w.key.key}@${w.key.start}`,
      value: { customerId: w.key.key, start: w.key.start, count: w.value, total: 0 },
    }));
    const task = taskOf(app, 100);
    const out: Emitted[] = [];
    const emit = (e: Emitted): number => out.push(e);
    task.process('orders', order('a', 1, 10), emit);
    task.process('orders', order('a', 1, 20), emit);
    task.process('orders', order('b', 1, 1500), emit); // closes a's window [0, 1000)
    expect(shown(out)).toEqual(['stats a@0=2', 'window-stats a@0=2']);
    task.flushCache(emit);
    expect(shown(out).slice(2)).toEqual(['stats b@1000=1']);
    task.apply();
    out.length = 0;
    task.process('orders', order('b', 1, 1600), emit);
    task.discard();
    task.flushCache(emit);
    expect(out).toEqual([]);
  });

  it('refuses a cache size that is not an integer >= 0, naming the option', () => {
    for (const maxEntries of [-1, 1.5, Number.NaN])
      expect(() => unitClient().streams({ applicationId: 'unit-cache-bad', cache: { maxEntries } })).toThrow(
        StreamsConfigError,
      );
    expect(() =>
      unitClient().streams({ applicationId: 'unit-cache-bad', cache: { maxEntries: -1 } }),
    ).toThrow(/cache\.maxEntries must be an integer >= 0.*got -1/);
  });

  /**
   * Random input (seeded, out of order within the grace period) through two tasks of the same topology, one
   * without a cache and one with a tiny one (evictions), committing every few records. Per window: the cached
   * updates are a subsequence of the uncached ones, and both end at the same value; final results are the same.
   */
  describe.each([
    ['per key', undefined],
    ['tumbling', tumbling({ size: 100, grace: 50 })],
    ['hopping', hopping({ size: 100, advance: 40, grace: 50 })],
    ['sliding', sliding({ size: 100, grace: 50 })],
  ] as const)('%s: with the cache, each window ends at the uncached value', (_kind, windows) => {
    function run(cacheEntries: number, seed: number): { updates: Map<string, number[]>; finals: string[] } {
      const app = unitClient().streams({ applicationId: 'unit-cache-prop' });
      const grouped = app.stream('orders').groupByKey();
      const updates = new Map<string, number[]>();
      const finals: string[] = [];
      if (windows === undefined)
        grouped
          .count({ name: 'counts' })
          .toStream()
          .to('stats', (r) => ({ key: r.key, value: { count: r.value, total: 0 } }));
      else {
        const table = grouped.windowedBy(windows).count({ name: 'counts' });
        const name = (w: { key: { key: string; start: number; end: number } }): string =>
          `${w.key.key}@${w.key.start}-${w.key.end}`;
        table.toStream().to('stats', (w) => ({ key: name(w), value: { count: w.value, total: 0 } }));
        table.toStream({ emit: 'final' }).to('window-stats', (w) => ({
          key: name(w),
          value: { customerId: w.key.key, start: w.key.start, count: w.value, total: 0 },
        }));
      }
      const task = taskOf(app, cacheEntries);
      const emit = (e: Emitted): void => {
        const count = (e.value as { count: number }).count;
        if (e.topic === 'stats') updates.set(String(e.key), [...(updates.get(String(e.key)) ?? []), count]);
        else finals.push(`${String(e.key)}=${count}`);
      };
      let state = seed;
      const next = (n: number): number => {
        state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
        return state % n;
      };
      for (let i = 0; i < 400; i++) {
        const t = i * 3 + next(40); // up to 40 ms out of order, within the 50 ms grace
        task.process('orders', order(`k${next(5)}`, 1, t), emit);
        if (next(7) === 0) {
          task.flushCache(emit);
          task.apply();
        }
      }
      task.flushCache(emit);
      task.apply();
      return { updates, finals };
    }
    const isSubsequence = (sub: number[], of: number[]): boolean => {
      let i = 0;
      for (const x of of) if (i < sub.length && sub[i] === x) i++;
      return i === sub.length;
    };

    it.each([1, 2, 3])('seed %i', (seed) => {
      const plain = run(0, seed);
      const cached = run(3, seed);
      expect([...cached.updates.keys()].sort()).toEqual([...plain.updates.keys()].sort());
      for (const [window, counts] of plain.updates) {
        const held = cached.updates.get(window)!;
        expect(held.at(-1)).toBe(counts.at(-1));
        expect(isSubsequence(held, counts)).toBe(true);
      }
      expect(cached.finals).toEqual(plain.finals);
      // The cache folded something: fewer updates in all.
      const total = (m: Map<string, number[]>): number => [...m.values()].reduce((n, c) => n + c.length, 0);
      expect(total(cached.updates)).toBeLessThan(total(plain.updates));
    });
  });
});
