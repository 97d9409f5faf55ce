/**
 * Plain-loop reference computations of windowed aggregates, written from the documented semantics (not
 * from kgen's code): records are seen in order; stream time = the largest timestamp so far (this record
 * included); a record is late when its window's close time <= stream time; final results are the windows
 * whose close time <= the final stream time.
 */
export interface In {
  readonly key: string;
  readonly amount: number;
  readonly t: number;
}
export interface Agg {
  count: number;
  total: number;
}
export interface WindowResult {
  readonly key: string;
  readonly start: number;
  readonly end: number;
  readonly count: number;
  readonly total: number;
}

const sortResults = (r: WindowResult[]): WindowResult[] =>
  r.sort((a, b) => a.key.localeCompare(b.key) || a.start - b.start || a.end - b.end);

/** Tumbling (advance = size) and hopping windows `[start, start + size)`, closing at end + grace. */
export function fixedModel(
  input: readonly In[],
  size: number,
  advance: number,
  grace: number,
): { finals: WindowResult[]; late: number } {
  const windows = new Map<string, { key: string; start: number; agg: Agg }>();
  let st = -1;
  let late = 0;
  for (const r of input) {
    st = Math.max(st, r.t);
    // every aligned start whose window [start, start + size) contains t
    for (
      let start = Math.floor(r.t / advance) * advance;
      start > r.t - size && start >= 0;
      start -= advance
    ) {
      if (start + size + grace <= st) {
        late++;
        continue;
      }
      const id = `${r.key}|${start}`;
      const w = windows.get(id) ?? { key: r.key, start, agg: { count: 0, total: 0 } };
      w.agg = { count: w.agg.count + 1, total: w.agg.total + r.amount };
      windows.set(id, w);
    }
  }
  const finals = [...windows.values()]
    .filter((w) => w.start + size + grace <= st)
    .map((w) => ({ key: w.key, start: w.start, end: w.start + size, ...w.agg }));
  return { finals: sortResults(finals), late };
}

/** Sessions: records within `gap` of an open session join it (bridging merges); closed at end + gap + grace. */
export function sessionModel(
  input: readonly In[],
  gap: number,
  grace: number,
): { finals: WindowResult[]; late: number } {
  let sessions: Array<{ key: string; start: number; end: number; agg: Agg }> = [];
  let st = -1;
  let late = 0;
  for (const r of input) {
    st = Math.max(st, r.t);
    // closed sessions (end + gap + grace <= stream time) are final: nothing merges into them
    const open = (s: { end: number }): boolean => s.end + gap + grace > st;
    const touching = sessions.filter(
      (s) => s.key === r.key && open(s) && s.end >= r.t - gap && s.start <= r.t + gap,
    );
    const start = Math.min(r.t, ...touching.map((s) => s.start));
    const end = Math.max(r.t, ...touching.map((s) => s.end));
    if (end + gap + grace <= st) {
      late++;
      continue;
    }
    const agg = touching.reduce((a, s) => ({ count: a.count + s.agg.count, total: a.total + s.agg.total }), {
      count: 1,
      total: r.amount,
    });
    sessions = sessions.filter((s) => !touching.includes(s));
    sessions.push({ key: r.key, start, end, agg });
  }
  const finals = sessions
    .filter((s) => s.end + gap + grace <= st)
    .map((s) => ({ key: s.key, start: s.start, end: s.end, ...s.agg }));
  return { finals: sortResults(finals), late };
}

/** Sliding: one window [t - size, t] per distinct accepted timestamp; late when t + grace < stream time. */
export function slidingModel(
  input: readonly In[],
  size: number,
  grace: number,
): { finals: WindowResult[]; late: number } {
  const accepted: In[] = [];
  let st = -1;
  let late = 0;
  for (const r of input) {
    st = Math.max(st, r.t);
    if (r.t + grace < st) {
      late++;
      continue;
    }
    accepted.push(r);
  }
  const ends = new Map<string, { key: string; end: number }>();
  for (const r of accepted) ends.set(`${r.key}|${r.t}`, { key: r.key, end: r.t });
  const finals: WindowResult[] = [];
  for (const { key, end } of ends.values()) {
    if (!(end + grace < st)) continue;
    const inside = accepted.filter((r) => r.key === key && r.t >= end - size && r.t <= end);
    finals.push({
      key,
      start: end - size,
      end,
      count: inside.length,
      total: inside.reduce((s, r) => s + r.amount, 0),
    });
  }
  return { finals: sortResults(finals), late };
}
