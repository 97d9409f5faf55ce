import fc from 'fast-check';
import { resolveConfig } from '../../../../codegen/config/resolve-config';
import { CodegenError } from '../../../../codegen/errors';
import { hasPath, jsonPath, pathsOf, REMOVE, withChange, WRONG_VALUES } from './json-mutations';

// Fuzzes the config loader with the mistakes users make: every key of a complete config removed, every value
// replaced by each wrong JSON type, and random combinations of both. Each must either resolve (the mistake was
// an optional key or a still-valid value) or fail with one line naming the config file, a JSON path and what
// is wrong — never a crash, a stack trace or a silent default.

const origin = { file: '/project/kgen.config.json', rootDir: '/project' };

/** Complete configs: together they use every key and every alternative shape the loader accepts. */
const COMPLETE: readonly unknown[] = [
  {
    $schema: 'https://example.com/kgen.config.schema.json',
    registry: {
      url: 'http://localhost:8081',
      auth: { type: 'basic', usernameEnv: 'SR_USER', passwordEnv: 'SR_PASS' },
      timeoutMs: 5000,
    },
    subjects: [
      'plain',
      { subject: 'pinned', version: 3 },
      { subject: 'latest', version: 'latest' },
      { pattern: '^acme\\.' },
    ],
    topics: {
      orders: {
        key: 'bytes',
        value: { strategy: 'TopicNameStrategy', version: 2, record: 'com.acme.Order' },
      },
      'my.topic': {
        key: { subject: 'custom-key', version: 'latest', record: 'com.acme.Key' },
        value: 'string',
      },
      events: {
        value: { strategy: 'RecordNameStrategy', records: ['com.acme.A', 'com.acme.B'], version: 'latest' },
      },
      audit: { value: { strategy: 'TopicRecordNameStrategy', records: ['com.acme.C'] } },
    },
    schemas: 'schemas',
    pullDir: 'pulled',
    lockFile: 'lock.json',
    output: 'gen',
    importExtension: '.js',
    avro: {
      long: 'bigint',
      unions: 'plain',
      timestamps: 'number',
      timestampMicros: 'bigint',
      date: 'string',
      decimal: 'bytes',
      inputSuffix: 'In',
    },
    protobuf: {
      int64: 'string',
      enums: 'number',
      timestamp: 'date',
      duration: 'milliseconds',
      wrappers: 'message',
    },
    json: { dateTime: 'date', validateOnConsume: true },
  },
  { registry: { url: 'https://sr.example.com/', auth: { type: 'bearer', tokenEnv: 'SR_TOKEN' } } },
];

/** Resolves `raw`; a rejection must be a one-line CodegenError naming the file and a JSON path. */
function outcome(raw: unknown): { ok: true } | { ok: false; path: string; line: string } {
  try {
    resolveConfig(raw, origin);
    return { ok: true };
  } catch (err) {
    if (!(err instanceof CodegenError))
      throw new Error(`not a CodegenError for ${JSON.stringify(raw)}`, { cause: err });
    const line = err.format();
    expect(line).not.toContain('\n');
    expect(line).toMatch(/^\/project\/kgen\.config\.json at \$.*: \S.* \[[A-Z_]+\]$/); // a key may hold spaces: $.topics[" "]
    expect(err.location.file).toBe(origin.file);
    return { ok: false, path: err.location.path ?? '', line };
  }
}

/** The error path is the changed place, a parent that lacks something, a child of a replaced value, or a pin clash. */
function related(errorPath: string, changed: string, line: string): boolean {
  if (/is pinned to|resolves to version/.test(line)) return true;
  return errorPath === changed || changed.startsWith(errorPath) || errorPath.startsWith(changed);
}

describe('config loader fuzz', () => {
  it('accepts every complete config', () => {
    for (const config of COMPLETE) expect(outcome(config)).toEqual({ ok: true });
  });

  it('rejects a root that is not an object, including values only a .mjs/.ts config can hold', () => {
    const roots: unknown[] = [
      ...WRONG_VALUES.filter((v) => !isPlainObject(v)),
      undefined,
      () => ({}),
      10n,
      Symbol('s'),
    ];
    for (const raw of roots) expect(outcome(raw)).toMatchObject({ ok: false, path: '$' });
    expect(outcome(undefined)).toMatchObject({
      line: expect.stringContaining('expected an object, got nothing') as string,
    });
    expect(outcome(() => ({}))).toMatchObject({
      line: expect.stringContaining('expected an object, got a function') as string,
    });
  });

  it('resolves a config setting every key to explicit options (snapshot)', () => {
    expect(resolveConfig(COMPLETE[0], origin)).toMatchSnapshot();
  });

  it('names the path of every removed key and never crashes', () => {
    let rejected = 0;
    for (const config of COMPLETE) {
      for (const at of pathsOf(config)) {
        const result = outcome(withChange(config, at, REMOVE));
        if (result.ok) continue;
        rejected++;
        expect({ changed: jsonPath(at), related: related(result.path, jsonPath(at), result.line) }).toEqual({
          changed: jsonPath(at),
          related: true,
        });
      }
    }
    // Required keys exist (url, auth fields, subject, pattern, records, strategy...): some removals must fail.
    expect(rejected).toBeGreaterThan(10);
  });

  it('names the path of every value of a wrong type and never crashes', () => {
    for (const config of COMPLETE) {
      for (const at of pathsOf(config)) {
        for (const wrong of WRONG_VALUES) {
          const result = outcome(withChange(config, at, wrong));
          if (!result.ok) expect(related(result.path, jsonPath(at), result.line)).toBe(true);
        }
      }
    }
  });

  it('rejects a value of a wrong type at every leaf whose type is fixed', () => {
    // Strings stay strings and numbers stay numbers: replacing a leaf with an object is always wrong.
    for (const config of COMPLETE) {
      for (const at of pathsOf(config)) {
        const result = outcome(withChange(config, at, { unexpected: true }));
        const isFreeForm =
          jsonPath(at) === '$.topics' || /^\$\.topics\.[^.[]+$|^\$\.topics\[[^\]]+\]$/.test(jsonPath(at));
        if (!isFreeForm) expect(result.ok).toBe(false);
      }
    }
  });

  it('survives random combinations of removals and wrong values', () => {
    const base = COMPLETE[0];
    const paths = pathsOf(base);
    const change = fc.record({
      at: fc.constantFrom(...paths),
      to: fc.oneof(fc.constant<unknown>(REMOVE), fc.constantFrom(...WRONG_VALUES), fc.jsonValue()),
    });
    fc.assert(
      fc.property(fc.array(change, { minLength: 1, maxLength: 4 }), (changes) => {
        let raw: unknown = base;
        for (const { at, to } of changes) {
          if (!hasPath(raw, at)) continue;
          raw = withChange(raw, at, to);
        }
        outcome(raw);
      }),
      { numRuns: 500 },
    );
  });

  it('reports the three configs of issue 18 with their paths', () => {
    expect(outcome({ registry: {} })).toEqual({
      ok: false,
      path: '$.registry.url',
      line: '/project/kgen.config.json at $.registry.url: expected a non-empty string, got nothing (the key is missing) [CONFIG_INVALID]',
    });
    expect(outcome({ subjects: [{ version: 3 }] })).toEqual({
      ok: false,
      path: '$.subjects[0]',
      line: '/project/kgen.config.json at $.subjects[0]: expected a "subject" or a "pattern" key, got neither [CONFIG_INVALID]',
    });
    expect(outcome({ registry: { url: 'http://x', auth: { type: 'basic' } } })).toEqual({
      ok: false,
      path: '$.registry.auth.usernameEnv',
      line: '/project/kgen.config.json at $.registry.auth.usernameEnv: expected a non-empty string, got nothing (the key is missing) [CONFIG_INVALID]',
    });
  });
});

function isPlainObject(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
