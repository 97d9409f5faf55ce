import { CodegenError } from '../errors';

/**
 * A value inside a config file with its JSON path, so every validation error names the file and the exact
 * place (`kgen.config.json at $.topics.orders.key: ...`). Objects are checked against an explicit key list:
 * a typo is an error, never a silently ignored option.
 */
export class ConfigNode {
  constructor(
    readonly value: unknown,
    readonly path: string,
    readonly file: string | undefined,
  ) {}

  fail(message: string): never {
    throw new CodegenError('CONFIG_INVALID', message, {
      ...(this.file !== undefined ? { file: this.file } : {}),
      path: this.path,
    });
  }

  /** True when the key is absent (or explicitly `undefined` in a `.mjs`/`.ts` config). */
  get isMissing(): boolean {
    return this.value === undefined;
  }

  /** Asserts a plain object whose keys are all in `allowed`; returns a child accessor. */
  object(allowed: readonly string[]): (key: string) => ConfigNode {
    const v = this.value;
    if (typeof v !== 'object' || v === null || Array.isArray(v))
      this.fail(`expected an object, got ${kind(v)}`);
    const record = v as Record<string, unknown>;
    for (const key of Object.keys(record).sort()) {
      if (!allowed.includes(key)) {
        const hint = closest(key, allowed);
        this.fail(
          `unknown key "${key}"${hint ? ` (did you mean "${hint}"?)` : ''}; allowed: ${allowed.join(', ')}`,
        );
      }
    }
    return (key) => new ConfigNode(record[key], childPath(this.path, key), this.file);
  }

  /** Keys of a free-form object (e.g. topic names), each with its accessor, in sorted order. */
  entries(): Array<[string, ConfigNode]> {
    const v = this.value;
    if (typeof v !== 'object' || v === null || Array.isArray(v))
      this.fail(`expected an object, got ${kind(v)}`);
    return Object.keys(v as object)
      .sort()
      .map((k) => [k, new ConfigNode((v as Record<string, unknown>)[k], childPath(this.path, k), this.file)]);
  }

  array(): ConfigNode[] {
    if (!Array.isArray(this.value)) this.fail(`expected an array, got ${kind(this.value)}`);
    return this.value.map((item, i) => new ConfigNode(item, `${this.path}[${i}]`, this.file));
  }

  string(): string {
    if (typeof this.value !== 'string' || this.value === '')
      this.fail(`expected a non-empty string, got ${kind(this.value)}`);
    return this.value;
  }

  oneOf<const T extends string>(choices: readonly T[]): T {
    const v = this.value;
    if (typeof v !== 'string' || !(choices as readonly string[]).includes(v))
      this.fail(`expected one of ${choices.map((c) => JSON.stringify(c)).join(', ')}, got ${show(v)}`);
    return v as T;
  }

  positiveInteger(): number {
    const v = this.value;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
      this.fail(`expected a positive integer, got ${show(v)}`);
    return v;
  }
}

/** `$.a.b` for identifier keys, `$.a["my.topic"]` otherwise. */
export function childPath(parent: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

/**
 * How a wrong value is described in an error. Total over every JavaScript value (a `.mjs` config can hold
 * `undefined`, functions, bigints) and never recursive: `show` defers to it only for values JSON cannot print.
 */
function kind(v: unknown): string {
  if (v === undefined) return 'nothing (the key is missing)';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return v === '' ? 'an empty string' : 'a string';
  if (typeof v === 'number' || typeof v === 'boolean') return `${typeof v} ${String(v)}`;
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

function show(v: unknown): string {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null
    ? JSON.stringify(v)
    : kind(v);
}

/** The allowed key within edit distance 2 of a typo, if any. */
function closest(key: string, allowed: readonly string[]): string | undefined {
  let best: { key: string; d: number } | undefined;
  for (const candidate of allowed) {
    const d = distance(key.toLowerCase(), candidate.toLowerCase());
    if (d <= 2 && (!best || d < best.d)) best = { key: candidate, d };
  }
  return best?.key;
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
