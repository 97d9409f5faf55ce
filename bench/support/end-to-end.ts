// Rounds of end-to-end runs (real broker, seconds each) for several impls, arranged so that order and drift
// on the shared machine cost no impl more than another.
import { collectGarbage, ROUNDS } from './measure';

/** Each impl's msgs/s per round, in round order. */
export type Runs<K extends string> = Record<K, number[]>;

/**
 * Runs every impl once per round, {@link ROUNDS} rounds, reversing the order every other round (the first
 * run after a pause or a previous impl's garbage is not always the same impl's), collecting garbage before
 * each run. Prints each round to stderr.
 */
export async function runRounds<K extends string>(impls: Record<K, () => Promise<number>>): Promise<Runs<K>> {
  const names = (Object.keys(impls) as K[]).filter(selected);
  const runs = Object.fromEntries(Object.keys(impls).map((n) => [n, [] as number[]])) as Runs<K>;
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      collectGarbage();
      runs[name].push(await impls[name]());
    }
    console.error(`round ${round}: ${names.map((n) => `${n} ${Math.round(runs[n][round]!)}`).join(', ')}`);
  }
  return runs;
}

/** `BENCH_ONLY=a,b`: run only these impls (quick A/B checks); the others report nothing. */
const ONLY = process.env['BENCH_ONLY']?.split(',').map((s) => s.trim());

export function selected(impl: string): boolean {
  return ONLY === undefined || ONLY.includes(impl);
}

/** Best run of an impl. */
export function best(runs: readonly number[]): number {
  return Math.max(...runs);
}

/**
 * Median over rounds of `a / b` within the same round: robust to a burst of outside load in one round, which
 * a ratio of bests is not.
 */
export function medianRatio(a: readonly number[], b: readonly number[]): number {
  const ratios = a.map((x, i) => x / b[i]!).sort((x, y) => x - y);
  const mid = ratios.length >> 1;
  const median = ratios.length % 2 === 1 ? ratios[mid]! : (ratios[mid - 1]! + ratios[mid]!) / 2;
  return Math.round(median * 100) / 100;
}
