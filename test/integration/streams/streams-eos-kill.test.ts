import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stackEnv, uniqueName } from '../../helpers/stack-env';
import { spawnWorker, type Worker } from '../delivery/support';
import { prng, readAvro, STAT_SCHEMA, suffixedClient } from './streams-helpers';

const WINDOW_MS = 10_000;
const T0 = 1_700_000_000_000;
const RECORDS = 3000;

/** Orders of 8 customers, 20 ms apart in event time. */
function input(): Array<{ id: string; customerId: string; t: number }> {
  const rnd = prng(7);
  return Array.from({ length: RECORDS }, (_, i) => ({
    id: `o${i}`,
    customerId: `c${Math.floor(rnd() * 8)}`,
    t: T0 + i * 20,
  }));
}

/**
 * The no-kill result, by plain loops: every (customer, window) with its record count. With every update
 * emitted, exactly-once means the updates of a window are exactly 1, 2, ..., n, each once.
 */
function expectedUpdates(records: ReturnType<typeof input>): string[] {
  return [...finalCounts(records)]
    .flatMap(([k, n]) => Array.from({ length: n }, (_, i) => `${k}=${i + 1}`))
    .sort();
}

/** The no-kill final count of every (customer, window). */
function finalCounts(records: ReturnType<typeof input>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of records) {
    const k = `${r.customerId}|${r.t - (r.t % WINDOW_MS)}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Starts a worker, produces the input, and SIGKILLs the worker twice mid-stream, restarting it each time with
 * the same instance id (its transactional id fences the killed one at once). Returns the last worker.
 */
async function killTwiceWhileProducing(start: () => Worker, produce: () => Promise<void>): Promise<Worker> {
  let w = start();
  await w.running;
  const producing = produce();
  for (const at of [2000, 2500]) {
    await sleep(at);
    w.child.kill('SIGKILL');
    await w.exited;
    w = start();
    await w.running;
  }
  await producing;
  return w;
}

describe('streams exactly once across SIGKILLs (windowed count through a repartition topic)', () => {
  const { brokers, registryUrl } = stackEnv();
  const workers: Worker[] = [];

  afterAll(() => {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
  });

  async function setup(tag: string) {
    const { names, client, suffix } = await suffixedClient(tag);
    const appId = uniqueName(`kgen-eos-${tag}`);
    const start = (instance: string, stateDir?: string, cacheEntries?: number): Worker => {
      const w = spawnWorker('../streams/eos-worker.ts', {
        BROKERS: brokers,
        REGISTRY: registryUrl,
        SUFFIX: suffix,
        APP: appId,
        INSTANCE: instance,
        ...(stateDir ? { STATE_DIR: stateDir } : {}),
        ...(cacheEntries ? { CACHE: String(cacheEntries) } : {}),
      });
      workers.push(w);
      return w;
    };
    /** Produces the input in 30 slices over ~6 s, so kills land mid-stream. */
    const produce = async (): Promise<void> => {
      const producer = await client.producer();
      const records = input();
      for (let i = 0; i < records.length; i += 100) {
        await Promise.all(
          records.slice(i, i + 100).map((r) =>
            producer.send(names.orders, {
              key: r.id,
              value: { customerId: r.customerId, amount: 1 },
              timestamp: r.t,
            }),
          ),
        );
        await sleep(200);
      }
      await producer.disconnect();
    };
    const results = async (): Promise<string[]> => {
      const want = expectedUpdates(input());
      const got = await readAvro<{ count: number }>(client.kafka, names.stats, STAT_SCHEMA, want.length, {
        idleMs: 4000,
        // Below the test's timeout: a stuck run fails on the comparison, showing what did arrive.
        timeoutMs: 90_000,
      });
      return got.map((m) => `${m.key}=${m.value.count}`).sort();
    };
    /**
     * Each window's updates in output order, read (read_committed) until every window's last update is its
     * no-kill count or `timeoutMs` passes: with the record cache, how many updates there are is not known.
     */
    const windowUpdates = async (timeoutMs: number): Promise<Map<string, number[]>> => {
      const want = finalCounts(input());
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const got = await readAvro<{ count: number }>(client.kafka, names.stats, STAT_SCHEMA, want.size, {
          idleMs: 2000,
        });
        const updates = new Map<string, number[]>();
        for (const m of got) updates.set(m.key, [...(updates.get(m.key) ?? []), m.value.count]);
        const complete = [...want].every(([k, n]) => updates.get(k)?.at(-1) === n);
        if (complete || Date.now() > deadline) return updates;
        await sleep(1000);
      }
    };
    return { start, produce, results, windowUpdates };
  }

  it('a windowed count on persistent (LMDB) stores SIGKILLed twice mid-stream and restarted gives exactly the no-kill counts', async () => {
    const { start, produce, results } = await setup('kill');
    // Restarts reopen the stores and replay the changelog only past their checkpoints.
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgen-streams-kill-'));
    const w = await killTwiceWhileProducing(() => start('only', stateDir), produce);
    const got = await results();
    if (got.length !== expectedUpdates(input()).length)
      process.stderr.write(`worker's stderr:\n${w.stderr()}\n`);
    expect(got).toEqual(expectedUpdates(input()));
    w.child.kill('SIGTERM');
    expect(await w.exited).toBe(0);
    fs.rmSync(stateDir, { recursive: true, force: true });
  }, 180_000);

  it('two instances in one group: one SIGKILLed, the survivor restores its state from the changelog and the results are exact', async () => {
    const { start, produce, results } = await setup('pair');
    const a = start('a');
    const b = start('b');
    await Promise.all([a.running, b.running]);
    const producing = produce();
    await sleep(2500);
    a.child.kill('SIGKILL');
    await a.exited;
    await producing;
    const got = await results();
    if (got.length !== expectedUpdates(input()).length)
      process.stderr.write(`survivor's stderr:\n${b.stderr()}\n`);
    expect(got).toEqual(expectedUpdates(input()));
    b.child.kill('SIGTERM');
    expect(await b.exited).toBe(0);
  }, 180_000);

  it('with the record cache: SIGKILLed twice, each window commits rising counts that end at the no-kill count', async () => {
    const { start, produce, windowUpdates } = await setup('cache');
    const w = await killTwiceWhileProducing(() => start('only', undefined, 1000), produce);
    const updates = await windowUpdates(90_000);
    const want = finalCounts(input());
    // A window's committed updates only rise (a replayed or doubled record would repeat or overshoot a count).
    const rising = (counts: number[]): boolean => counts.every((c, i) => i === 0 || c > counts[i - 1]!);
    expect([...updates.keys()].sort()).toEqual([...want.keys()].sort());
    expect([...updates].filter(([, counts]) => !rising(counts))).toEqual([]);
    expect(new Map([...updates].map(([k, counts]) => [k, counts.at(-1)]))).toEqual(want);
    // The cache folded updates: far fewer than one output record per input record.
    const outputs = [...updates.values()].reduce((n, counts) => n + counts.length, 0);
    expect(outputs).toBeLessThan(RECORDS / 2);
    w.child.kill('SIGTERM');
    expect(await w.exited).toBe(0);
  }, 180_000);
});
