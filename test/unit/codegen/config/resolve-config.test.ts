import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveConfig } from '../../../../codegen/config/resolve-config';
import { CodegenError } from '../../../../codegen/errors';

const origin = { file: '/project/kgen.config.json', rootDir: '/project' };

/** The formatted error a config produces (fails the test if it resolves). */
function errorOf(raw: unknown): string {
  try {
    resolveConfig(raw, origin);
  } catch (err) {
    if (err instanceof CodegenError) return err.format();
    throw err;
  }
  throw new Error('expected the config to be rejected');
}

describe('resolveConfig', () => {
  it('fills every default explicitly for an empty config', () => {
    expect(resolveConfig({}, origin)).toMatchSnapshot();
  });

  it('resolves the example config (topics, strategies, pins, auth by env var name)', () => {
    const raw: unknown = JSON.parse(
      fs.readFileSync(path.join(__dirname, '../../../../examples/kgen.config.json'), 'utf8'),
    );
    expect(resolveConfig(raw, origin)).toMatchSnapshot();
  });

  it('derives TopicNameStrategy subjects and record-strategy subjects', () => {
    const { topics } = resolveConfig(
      {
        topics: {
          a: {},
          b: { key: { strategy: 'TopicNameStrategy', version: 3 } },
          c: { value: { strategy: 'RecordNameStrategy', records: ['x.A', 'x.B'] } },
          d: { value: { strategy: 'TopicRecordNameStrategy', records: ['x.A'] } },
        },
      },
      origin,
    );
    const subjects = topics.map((t) => [t.name, t.key, t.value]);
    expect(subjects).toEqual([
      [
        'a',
        { kind: 'string' },
        {
          kind: 'schema',
          strategy: 'TopicNameStrategy',
          subjects: [{ subject: 'a-value', version: 'latest' }],
        },
      ],
      [
        'b',
        { kind: 'schema', strategy: 'TopicNameStrategy', subjects: [{ subject: 'b-key', version: 3 }] },
        {
          kind: 'schema',
          strategy: 'TopicNameStrategy',
          subjects: [{ subject: 'b-value', version: 'latest' }],
        },
      ],
      [
        'c',
        { kind: 'string' },
        {
          kind: 'schema',
          strategy: 'RecordNameStrategy',
          subjects: [
            { subject: 'x.A', version: 'latest', record: 'x.A' },
            { subject: 'x.B', version: 'latest', record: 'x.B' },
          ],
        },
      ],
      [
        'd',
        { kind: 'string' },
        {
          kind: 'schema',
          strategy: 'TopicRecordNameStrategy',
          subjects: [{ subject: 'd-x.A', version: 'latest', record: 'x.A' }],
        },
      ],
    ]);
  });

  it.each([
    [{ outptu: 'x' }, '/project/kgen.config.json at $: unknown key "outptu" (did you mean "output"?)'],
    [
      { registry: { url: 'http://r', auth: { type: 'basic', usernameEnv: 'U', password: 'p' } } },
      'at $.registry.auth: unknown key "password"',
    ],
    [
      { topics: { orders: { vaule: {} } } },
      'at $.topics.orders: unknown key "vaule" (did you mean "value"?)',
    ],
    [
      { topics: { 'my.topic': { key: 'int' } } },
      'at $.topics["my.topic"].key: expected one of "string", "bytes", got "int"',
    ],
    [
      { topics: { t: { value: { strategy: 'RecordNameStrategy', records: [] } } } },
      'at $.topics.t.value.records: expected at least one record',
    ],
    [
      { topics: { t: { value: { strategy: 'Topic' } } } },
      'at $.topics.t.value.strategy: expected one of "TopicNameStrategy"',
    ],
    [
      { subjects: [{ subject: 'a', version: 0 }] },
      'at $.subjects[0].version: expected a positive integer, got 0',
    ],
    [
      { subjects: [{ subject: 'a', version: 'newest' }] },
      'at $.subjects[0].version: expected "latest" or a positive integer, got "newest"',
    ],
    [{ subjects: [{ pattern: '(' }] }, 'at $.subjects[0].pattern: invalid regular expression'],
    [
      {
        subjects: [
          { subject: 'a', version: 1 },
          { subject: 'a', version: 2 },
        ],
      },
      'at $.subjects[1]: subject "a" is pinned to 2 here and to 1 at $.subjects[0]',
    ],
    [
      { subjects: [{ subject: 'o-value', version: 1 }], topics: { o: {} } },
      'at $.topics.o.value: subject "o-value" resolves to version latest here and to 1 at $.subjects[0]',
    ],
    [
      { registry: { url: 'http://user:secret@r:8081' } },
      'at $.registry.url: credentials are not allowed in the URL',
    ],
    [{ registry: { url: 'not a url' } }, 'at $.registry.url: not a valid URL'],
    [
      { registry: { url: 'http://r', auth: { type: 'bearer', tokenEnv: 'abc-def' } } },
      'at $.registry.auth.tokenEnv: expected the NAME of an environment variable',
    ],
    [{ output: 42 }, 'at $.output: expected a non-empty string, got number 42'],
    [[], 'at $: expected an object, got an array'],
    [{ avro: { lnog: 'bigint' } }, '/project/kgen.config.json at $.avro.lnog: unknown avro option "lnog"'],
    [{ avro: { long: 'int' } }, '/project/kgen.config.json at $.avro.long: avro option long must be one of'],
    [{ protobuf: { int46: 'string' } }, '/project/kgen.config.json at $.protobuf'],
    [
      { topics: { o: { headers: { fields: { 'tenant-id': 'text' } } } } },
      'at $.topics.o.headers.fields["tenant-id"]: topic "o" header "tenant-id": unknown header type "text"; expected one of string, bytes, number, integer, bigint, boolean, enum',
    ],
    [
      { topics: { o: { headers: { fields: { p: { type: 'enum' } } } } } },
      'at $.topics.o.headers.fields.p: topic "o" header "p": an enum header needs "symbols"',
    ],
    [
      { topics: { o: { headers: { fields: { p: 'enum' } } } } },
      'at $.topics.o.headers.fields.p: topic "o" header "p": an enum needs its symbols',
    ],
    [
      { topics: { o: { headers: { fields: { p: { type: 'enum', symbols: ['a', 'a'] } } } } } },
      'at $.topics.o.headers.fields.p.symbols[1]: topic "o" header "p": symbol "a" is listed twice',
    ],
    [
      { topics: { o: { headers: { fields: { n: { type: 'integer', optinal: true } } } } } },
      'at $.topics.o.headers.fields.n: unknown key "optinal" (did you mean "optional"?)',
    ],
    [
      { topics: { o: { headers: { fields: { n: { type: 'integer', optional: 'yes' } } } } } },
      'at $.topics.o.headers.fields.n.optional: topic "o" header "n": "optional" must be true or false',
    ],
    [
      { topics: { o: { headers: { fields: { n: { type: 'string', symbols: ['a'] } } } } } },
      'at $.topics.o.headers.fields.n.symbols: topic "o" header "n": "symbols" belongs to enum headers only',
    ],
    [
      { topics: { o: { headers: { fields: { traceparent: 'string' } } } } },
      'topic "o" header "traceparent": trace-context headers are added by the runtime',
    ],
    [
      { topics: { o: { headers: { strict: 'yes', fields: { a: 'string' } } } } },
      'at $.topics.o.headers.strict: topic "o" headers: "strict" must be true or false',
    ],
    [{ topics: { o: { headers: { strict: true } } } }, 'topic "o" headers: expected a "fields" object'],
    [{ topics: { o: { headers: { fields: {} } } } }, 'topic "o" headers: declare at least one header'],
    [{ topics: { o: { headres: {} } } }, 'at $.topics.o: unknown key "headres" (did you mean "headers"?)'],
  ])('rejects %j', (raw, expected) => {
    expect(errorOf(raw)).toContain(expected);
  });

  it('resolves declared headers: shorthand = required, fields sorted, strict default false', () => {
    const resolved = resolveConfig(
      {
        topics: {
          o: {
            headers: {
              fields: {
                priority: { type: 'enum', symbols: ['low', 'high'] },
                'tenant-id': 'string',
                attempt: { type: 'integer', optional: true },
              },
            },
          },
          p: {},
        },
      },
      origin,
    );
    expect(resolved.topics[0]!.headers).toEqual({
      strict: false,
      fields: [
        { name: 'attempt', type: 'integer', required: false },
        { name: 'priority', type: 'enum', required: true, symbols: ['low', 'high'] },
        { name: 'tenant-id', type: 'string', required: true },
      ],
    });
    expect(resolved.topics[1]).not.toHaveProperty('headers');
  });

  it('never puts a credential-looking URL into the error text', () => {
    expect(errorOf({ registry: { url: 'http://user:secret@r:8081' } })).not.toContain('secret');
  });
});
