// Timing helpers for benchmarks: each impl runs for a fixed wall time after a warm-up; results are JSON lines.

/** How long each impl is measured, and warmed up before (ms). `BENCH_MS` overrides the measured time. */
export const MEASURE_MS = Number(process.env['BENCH_MS'] ?? 1500);
const WARMUP_MS = Math.max(200, MEASURE_MS / 5);

/** One benchmark result: the output contract is one JSON object per line with bench, impl and msgs_per_s. */
export interface BenchResult {
  readonly bench: string;
  readonly impl: string;
  readonly msgs_per_s: number;
  readonly [extra: string]: string | number | boolean | undefined;
}

/** Prints one result line. */
export function report(result: BenchResult): void {
  // An impl left out by BENCH_ONLY has no runs: its best is -Infinity.
  if (!Number.isFinite(result.msgs_per_s)) return;
  console.log(JSON.stringify(result));
}

/** Messages per second of a synchronous operation, called in a tight loop. */
export function measureSync(op: (i: number) => unknown): { msgs_per_s: number; n: number } {
  let sink: unknown;
  const loop = (ms: number): number => {
    const end = performance.now() + ms;
    let n = 0;
    while (performance.now() < end) for (let k = 0; k < 1000; k++) sink = op(n++);
    return n;
  };
  loop(WARMUP_MS);
  const start = performance.now();
  const n = loop(MEASURE_MS);
  const seconds = (performance.now() - start) / 1000;
  if (sink === Symbol.for('never')) console.error('unreachable');
  return { msgs_per_s: Math.round(n / seconds), n };
}

/** Messages per second of an asynchronous operation, awaited one at a time (how such serdes are used). */
export async function measureAsync(
  op: (i: number) => Promise<unknown>,
): Promise<{ msgs_per_s: number; n: number }> {
  const loop = async (ms: number): Promise<number> => {
    const end = performance.now() + ms;
    let n = 0;
    while (performance.now() < end) for (let k = 0; k < 100; k++) await op(n++);
    return n;
  };
  await loop(WARMUP_MS);
  const start = performance.now();
  const n = await loop(MEASURE_MS);
  const seconds = (performance.now() - start) / 1000;
  return { msgs_per_s: Math.round(n / seconds), n };
}

/** How many alternating rounds {@link measureAlternating} runs (`BENCH_ROUNDS` overrides). */
export const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);

/** An implementation under test: a synchronous or an awaited operation. */
export interface Impl {
  readonly impl: string;
  readonly sync?: (i: number) => unknown;
  readonly async?: (i: number) => Promise<unknown>;
  readonly note?: string;
}

/**
 * Measures every impl {@link ROUNDS} times, alternating (a, b, c, a, b, c...), and keeps each one's best run:
 * on a shared machine a burst of outside load then costs whichever impl it hits one run, not its result.
 */
export async function measureAlternating(
  impls: readonly Impl[],
): Promise<Array<{ impl: string; msgs_per_s: number; n: number; rounds: number; note?: string }>> {
  const best = new Map<string, { msgs_per_s: number; n: number }>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const { impl, sync, async } of impls) {
      const run = sync !== undefined ? measureSync(sync) : await measureAsync(async!);
      if (run.msgs_per_s > (best.get(impl)?.msgs_per_s ?? -1)) best.set(impl, run);
    }
  }
  return impls.map(({ impl, note }) => ({
    impl,
    ...best.get(impl)!,
    rounds: ROUNDS,
    ...(note === undefined ? {} : { note }),
  }));
}

/** Ratio rounded to two decimals. */
export function ratio(a: number, b: number): number {
  return Math.round((a / b) * 100) / 100;
}

/** Reports each impl with its ratio to `raw` (and kgen's to kafkajs-csr), in the order given. */
export function reportAll(
  bench: string,
  results: ReadonlyArray<{ impl: string; msgs_per_s: number; n?: number; rounds?: number; note?: string }>,
): void {
  const raw = results.find((r) => r.impl === 'raw')?.msgs_per_s;
  const csr = results.find((r) => r.impl === 'kafkajs-csr')?.msgs_per_s;
  for (const r of results) {
    const extra: Record<string, number | string> = {};
    if (raw !== undefined && r.impl !== 'raw') extra['vs_raw'] = ratio(r.msgs_per_s, raw);
    if (csr !== undefined && r.impl === 'kgen') extra['vs_kafkajs_csr'] = ratio(r.msgs_per_s, csr);
    report({ bench, ...r, ...extra });
  }
}

/** Collects garbage (when run with --expose-gc, as `npm run bench` does) so a run starts on a clean heap. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
