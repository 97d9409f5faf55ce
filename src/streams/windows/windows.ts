import { StreamsConfigError } from '../errors';

/** A duration: milliseconds, or a string such as `'500ms'`, `'30s'`, `'5m'`, `'1h'` or `'1d'`. */
export type Duration = number | `${number}${'ms' | 's' | 'm' | 'h' | 'd'}`;

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** A `Duration` in ms; throws StreamsConfigError naming `what` for a malformed or negative one. */
export function durationMs(d: Duration, what: string): number {
  let ms: number;
  if (typeof d === 'number') ms = d;
  else {
    const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(d);
    ms = m ? Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS] : NaN;
  }
  if (!Number.isFinite(ms) || ms < 0 || !Number.isInteger(ms))
    throw new StreamsConfigError(`streams: ${what} must be a whole number of ms >= 0, got ${String(d)}`);
  return ms;
}

/** Fixed-size windows `[start, start + size)`; an `advance` below `size` makes them overlap (hopping). */
export interface FixedWindows {
  readonly kind: 'tumbling' | 'hopping';
  readonly sizeMs: number;
  readonly advanceMs: number;
  readonly graceMs: number;
  readonly retentionMs: number;
}

/** Windows `[t - size, t]` ending at each record's timestamp `t`, over the records they contain. */
export interface SlidingWindows {
  readonly kind: 'sliding';
  readonly sizeMs: number;
  readonly graceMs: number;
  readonly retentionMs: number;
}

/** Per-key sessions: records closer than `gap` share one; a record bridging two sessions merges them. */
export interface SessionWindows {
  readonly kind: 'session';
  readonly gapMs: number;
  readonly graceMs: number;
  readonly retentionMs: number;
}

/** Any window specification. */
export type Windows = FixedWindows | SlidingWindows | SessionWindows;

/** Options shared by every window kind. */
export interface WindowTimes {
  /** How long after a window ends (by stream time) late records are still accepted. Default 0. */
  readonly grace?: Duration;
  /** How long a window's state is kept, from its start; at least size + grace (the default). */
  readonly retention?: Duration;
}

function retention(opts: WindowTimes, minimum: number): number {
  const r = opts.retention === undefined ? minimum : durationMs(opts.retention, 'window retention');
  if (r < minimum)
    throw new StreamsConfigError(
      `streams: window retention ${r} ms is shorter than size + grace (${minimum} ms): windows would be dropped before they close`,
    );
  return r;
}

/** Tumbling windows: fixed size, no overlap, aligned to the epoch. */
export function tumbling(opts: WindowTimes & { readonly size: Duration }): FixedWindows {
  const sizeMs = durationMs(opts.size, 'window size');
  if (sizeMs === 0) throw new StreamsConfigError('streams: window size must be > 0');
  const graceMs = durationMs(opts.grace ?? 0, 'window grace');
  return {
    kind: 'tumbling',
    sizeMs,
    advanceMs: sizeMs,
    graceMs,
    retentionMs: retention(opts, sizeMs + graceMs),
  };
}

/** Hopping windows: fixed size, starting every `advance` (so a record falls in size/advance windows). */
export function hopping(
  opts: WindowTimes & { readonly size: Duration; readonly advance: Duration },
): FixedWindows {
  const sizeMs = durationMs(opts.size, 'window size');
  const advanceMs = durationMs(opts.advance, 'window advance');
  if (sizeMs === 0 || advanceMs === 0 || advanceMs > sizeMs)
    throw new StreamsConfigError(
      `streams: hopping windows need 0 < advance <= size, got advance ${advanceMs} ms, size ${sizeMs} ms`,
    );
  const graceMs = durationMs(opts.grace ?? 0, 'window grace');
  return { kind: 'hopping', sizeMs, advanceMs, graceMs, retentionMs: retention(opts, sizeMs + graceMs) };
}

/** Sliding windows of `size`: one window `[t - size, t]` per distinct record timestamp `t` of a key. */
export function sliding(opts: WindowTimes & { readonly size: Duration }): SlidingWindows {
  const sizeMs = durationMs(opts.size, 'window size');
  const graceMs = durationMs(opts.grace ?? 0, 'window grace');
  return { kind: 'sliding', sizeMs, graceMs, retentionMs: retention(opts, sizeMs + graceMs) };
}

/** Session windows with an inactivity `gap`. */
export function session(opts: WindowTimes & { readonly gap: Duration }): SessionWindows {
  const gapMs = durationMs(opts.gap, 'session gap');
  if (gapMs === 0) throw new StreamsConfigError('streams: session gap must be > 0');
  const graceMs = durationMs(opts.grace ?? 0, 'window grace');
  return { kind: 'session', gapMs, graceMs, retentionMs: retention(opts, gapMs + graceMs) };
}

/** Starts of the fixed windows containing `t` (ascending). */
export function windowStartsFor(w: FixedWindows, t: number): number[] {
  const last = t - (t % w.advanceMs);
  const out: number[] = [];
  for (let s = last; s > t - w.sizeMs && s >= 0; s -= w.advanceMs) out.push(s);
  return out.reverse();
}
