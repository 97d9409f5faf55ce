import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stackEnv, uniqueName } from '../../helpers/stack-env';
import {
  committedTotal,
  createTopics,
  kafkaFor,
  produceNumbers,
  spawnWorker,
  waitFor,
  type Worker,
} from './support';

jest.setTimeout(180_000);

const scale = Number(process.env['KGEN_DELIVERY_SCALE'] ?? 1);
const RECORDS = Math.round(3000 * scale);
const KILLS = 2;
/** The worker's batch size: what one per-batch consumer has in flight (handled, not yet committed). */
const BATCH = 100;
/** The worker's every-n threshold (consumer-worker.ts). */
const EVERY_N = 50;

describe('delivery: commit strategies when the consumer is SIGKILLed mid-batch', () => {
  const { brokers } = stackEnv();
  const kafka = kafkaFor(brokers);

  /** Runs the worker, SIGKILLs it KILLS times mid-stream, lets a last one finish and stop on SIGTERM. */
  async function runWithKills(
    strategy: string,
    opts: { records?: number; handlerMs?: number } = {},
  ): Promise<Map<string, number>> {
    const records = opts.records ?? RECORDS;
    const topic = uniqueName(`dlv-commit-${strategy}`);
    const group = uniqueName('dlv-commit-group');
    const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kgen-dlv-')), 'handled.log');
    await createTopics(kafka, [topic], 2);
    await produceNumbers(kafka, topic, records);
    const env = {
      BROKERS: brokers,
      TOPIC: topic,
      GROUP: group,
      STRATEGY: strategy,
      LOG: log,
      HANDLER_MS: String(opts.handlerMs ?? 1),
    };
    const handled = (): number =>
      fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').length - 1 : 0;
    let worker: Worker | undefined;
    try {
      for (let k = 1; k <= KILLS; k++) {
        worker = spawnWorker('consumer-worker.ts', env);
        await worker.running;
        const target = Math.floor((records * k) / (KILLS + 1));
        await waitFor(`${target} handled`, async () => handled() >= target, 60_000);
        worker.child.kill('SIGKILL');
        expect(await worker.exited).toBe('SIGKILL');
      }
      worker = spawnWorker('consumer-worker.ts', env);
      await worker.running;
      await waitFor(
        'everything committed',
        async () => (await committedTotal(kafka, group, topic)) >= records,
        60_000,
      );
      worker.child.kill('SIGTERM');
      expect(await worker.exited).toBe(0);
    } finally {
      worker?.child.kill('SIGKILL');
    }
    const counts = new Map<string, number>();
    for (const key of fs.readFileSync(log, 'utf8').split('\n').filter(Boolean))
      counts.set(key, (counts.get(key) ?? 0) + 1);
    return counts;
  }

  /** 60 k records, handlers that take no time: records never handled, and handlings beyond the first. */
  async function fastHandlerKills(strategy: string): Promise<{ lost: string[]; duplicates: number }> {
    const records = Math.round(60_000 * scale);
    const counts = await runWithKills(strategy, { records, handlerMs: 0 });
    const lost = Array.from({ length: records }, (_, i) => String(i)).filter((k) => !counts.has(k));
    const duplicates = [...counts.values()].reduce((n, c) => n + c - 1, 0);
    return { lost, duplicates };
  }

  it.each(['per-batch', 'n-or-t'])('%s (at-least-once): 0 lost', async (strategy) => {
    const counts = await runWithKills(strategy);
    const lost = Array.from({ length: RECORDS }, (_, i) => String(i)).filter((k) => !counts.has(k));
    expect(lost).toEqual([]);
  });

  it('per-batch with a fast handler: a kill replays at most the batch in flight', async () => {
    // Handlers that take no time outrun the broker's commit acknowledgements: commits that were only queued
    // in librdkafka when the process died are lost, and everything after the last acknowledged one replays.
    const { lost, duplicates } = await fastHandlerKills('per-batch');
    expect(lost).toEqual([]);
    expect(duplicates).toBeLessThanOrEqual(KILLS * BATCH);
  });

  it('every-n with a fast handler: a kill replays fewer than 2n records (one unacknowledged commit at most)', async () => {
    // Commits only queued in librdkafka (commitOffsets resolves at enqueue) pile up behind fast handlers and a
    // kill drops them all. With one acknowledged commit in flight, a kill loses at most that one (n records)
    // and the fewer than n handled since.
    const { lost, duplicates } = await fastHandlerKills('every-n');
    expect(lost).toEqual([]);
    expect(duplicates).toBeLessThan(KILLS * 2 * EVERY_N);
  });

  it('at-most-once: 0 duplicated', async () => {
    const counts = await runWithKills('at-most-once');
    const duplicated = [...counts].filter(([, c]) => c > 1).map(([k]) => k);
    expect(duplicated).toEqual([]);
    expect(counts.size).toBeGreaterThan(0);
  });
});
