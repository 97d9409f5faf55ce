// Mutations of a JSON document for fuzzing loaders with the mistakes users make: a key removed, a value of
// another JSON type.

/** One of each JSON type, so every position gets every wrong type. */
export const WRONG_VALUES: readonly unknown[] = [null, true, 0, -1, 1.5, '', 'x', [], ['x'], {}, { x: 1 }];

export type Segment = string | number;

/** Every path to a value inside `value`, parents before children. */
export function pathsOf(value: unknown, prefix: Segment[] = []): Segment[][] {
  if (typeof value !== 'object' || value === null) return [];
  const keys: Segment[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return keys.flatMap((k) => {
    const child = (value as Record<Segment, unknown>)[k];
    return [[...prefix, k], ...pathsOf(child, [...prefix, k])];
  });
}

/** A deep copy of `value` with the value at `at` replaced (or, for `REMOVE`, deleted). */
export const REMOVE = Symbol('remove');
export function withChange(value: unknown, at: readonly Segment[], replacement: unknown): unknown {
  const copy = structuredClone(value) as Record<Segment, unknown>;
  let parent = copy;
  for (const seg of at.slice(0, -1)) parent = parent[seg] as Record<Segment, unknown>;
  const last = at[at.length - 1]!;
  if (replacement !== REMOVE) parent[last] = replacement;
  else if (Array.isArray(parent)) parent.splice(last as number, 1);
  else delete parent[last];
  return copy;
}

/** `$.topics["my.topic"].key`, the way the loader names paths. */
export function jsonPath(at: readonly Segment[]): string {
  return at.reduce<string>(
    (p, seg) =>
      typeof seg === 'number'
        ? `${p}[${seg}]`
        : /^[A-Za-z_$][\w$]*$/.test(seg)
          ? `${p}.${seg}`
          : `${p}[${JSON.stringify(seg)}]`,
    '$',
  );
}

export function hasPath(value: unknown, at: readonly Segment[]): boolean {
  let cur = value;
  for (const seg of at) {
    if (typeof cur !== 'object' || cur === null || !(seg in cur)) return false;
    cur = (cur as Record<Segment, unknown>)[seg];
  }
  return true;
}
