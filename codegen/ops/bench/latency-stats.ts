/** Latency summary in milliseconds; `null` fields when nothing was measured. */
export interface LatencySummary {
  readonly count: number;
  readonly min: number | null;
  readonly mean: number | null;
  readonly p50: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
  readonly max: number | null;
}

/** Nearest-rank percentile of sorted samples. */
function rank(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

/** Summarizes samples (ms), rounded to 0.01 ms. */
export function summarize(samples: readonly number[]): LatencySummary {
  if (samples.length === 0)
    return { count: 0, min: null, mean: null, p50: null, p95: null, p99: null, max: null };
  const sorted = Float64Array.from(samples).sort();
  const round = (v: number): number => Math.round(v * 100) / 100;
  const sum = samples.reduce((a, b) => a + b, 0);
  return {
    count: samples.length,
    min: round(sorted[0] as number),
    mean: round(sum / samples.length),
    p50: round(rank(sorted, 50)),
    p95: round(rank(sorted, 95)),
    p99: round(rank(sorted, 99)),
    max: round(sorted[sorted.length - 1] as number),
  };
}
