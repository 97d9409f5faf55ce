import { generateAvro } from '../../../../codegen/avro/generate-avro';
import { DEFAULT_AVRO_OPTIONS, resolveAvroOptions } from '../../../../codegen/avro/options';
import { CodegenError } from '../../../../codegen/errors';
import type { SourceSchema } from '../../../../codegen/model';

function source(path: string, schema: unknown, extra: Partial<SourceSchema> = {}): SourceSchema {
  return {
    format: 'AVRO',
    path,
    text: typeof schema === 'string' ? schema : JSON.stringify(schema, null, 2),
    references: [],
    ...extra,
  };
}

function record(name: string, fields: unknown[], extra: object = {}) {
  return { type: 'record', name, namespace: 'com.acme', fields, ...extra };
}

function codegenError(sources: SourceSchema[], options = DEFAULT_AVRO_OPTIONS): CodegenError {
  try {
    generateAvro(sources, options);
  } catch (err) {
    if (err instanceof CodegenError) return err;
    throw err;
  }
  throw new Error('expected a CodegenError');
}

describe('generateAvro bad input', () => {
  it('invalid JSON: names the file, line and column', () => {
    const err = codegenError([
      source('bad.avsc', '{\n  "type": "record",\n  "name": "X",\n  "fields": [,]\n}'),
    ]);
    expect(err.code).toBe('INVALID_JSON');
    expect(err.location).toMatchObject({ file: 'bad.avsc', line: 4 });
    expect(err.location.column).toBeGreaterThan(1);
    expect(err.format()).toMatch(/^bad\.avsc:4:\d+: invalid JSON/);
  });

  it('unknown type name: names the file, subject and JSON path', () => {
    const err = codegenError([
      source(
        'orders-value.avsc',
        record('Order', [
          { name: 'id', type: 'string' },
          { name: 'x', type: 'Nope' },
        ]),
        {
          subject: 'orders-value',
        },
      ),
    ]);
    expect(err.code).toBe('UNKNOWN_TYPE');
    expect(err.message).toContain('com.acme.Nope');
    expect(err.location).toEqual({
      file: 'orders-value.avsc',
      subject: 'orders-value',
      path: '$.fields[1].type',
    });
  });

  it('unknown type keyword: names the JSON path', () => {
    const err = codegenError([source('a.avsc', record('A', [{ name: 'x', type: { type: 'strin' } }]))]);
    expect(err.code).toBe('UNKNOWN_TYPE');
    expect(err.location.path).toBe('$.fields[0].type.type');
  });

  it('duplicate names in one file', () => {
    const inner = { type: 'enum', name: 'Kind', symbols: ['A'] };
    const err = codegenError([
      source(
        'a.avsc',
        record('A', [
          { name: 'k1', type: inner },
          { name: 'k2', type: { ...inner, symbols: ['B'] } },
        ]),
      ),
    ]);
    expect(err.code).toBe('DUPLICATE_NAME');
    expect(err.message).toContain('com.acme.Kind');
    expect(err.location).toEqual({ file: 'a.avsc', path: '$.fields[1].type' });
  });

  it('the same name defined differently in two files', () => {
    const err = codegenError([
      source('a.avsc', record('Shared', [{ name: 'x', type: 'int' }])),
      source('b.avsc', record('Shared', [{ name: 'x', type: 'long' }])),
    ]);
    expect(err.code).toBe('DUPLICATE_NAME');
    expect(err.message).toContain('defined differently in a.avsc');
    expect(err.location).toEqual({ file: 'b.avsc', path: '$' });
  });

  it('identical definitions in two files are shared, not an error', () => {
    const out = generateAvro(
      [
        source('a.avsc', record('Shared', [{ name: 'x', type: 'int' }])),
        source('b.avsc', record('Shared', [{ name: 'x', type: 'int' }])),
      ],
      DEFAULT_AVRO_OPTIONS,
    );
    expect(out.files.find((f) => f.path === 'b.ts')!.content).toContain("import { type Shared } from './a';");
  });

  it('duplicate field names', () => {
    const err = codegenError([
      source(
        'a.avsc',
        record('A', [
          { name: 'x', type: 'int' },
          { name: 'x', type: 'int' },
        ]),
      ),
    ]);
    expect(err.code).toBe('DUPLICATE_NAME');
    expect(err.location.path).toBe('$.fields[1]');
  });

  it.each([
    ['int', 'x', '$.fields[0].default'],
    [['null', 'string'], 'x', '$.fields[0].default'],
    [{ type: 'array', items: 'int' }, [1, 'two'], '$.fields[0].default'],
    [{ type: 'fixed', name: 'F', size: 2 }, 'abc', '$.fields[0].default'],
    [{ type: 'enum', name: 'E', symbols: ['A'] }, 'B', '$.fields[0].default'],
  ])('invalid default for %j: %j names the JSON path', (type, dflt, path) => {
    const err = codegenError([source('a.avsc', record('A', [{ name: 'x', type, default: dflt }]))]);
    expect(err.code).toBe('INVALID_DEFAULT');
    expect(err.location).toEqual({ file: 'a.avsc', path });
  });

  it.each([
    [
      { type: 'enum', name: 'E', symbols: ['A', 'not-valid'] },
      'INVALID_NAME',
      '$.fields[0].type.symbols[1]',
      'enum com.acme.E: symbol "not-valid" is not a valid name',
    ],
    [
      { type: 'enum', name: 'E', symbols: ['A', 7] },
      'INVALID_NAME',
      '$.fields[0].type.symbols[1]',
      'enum com.acme.E: symbol 7 is not a valid name',
    ],
    [
      { type: 'enum', name: 'E', symbols: ['A', 'B', 'A'] },
      'INVALID_SCHEMA',
      '$.fields[0].type.symbols[2]',
      'enum com.acme.E repeats the symbol "A"',
    ],
    [
      { type: 'enum', name: 'E', symbols: [] },
      'INVALID_SCHEMA',
      '$.fields[0].type.symbols',
      'needs "symbols": a non-empty array of names, got []',
    ],
  ])('enum %j: says what is wrong with which symbol (%s)', (type, code, path, message) => {
    const err = codegenError([source('a.avsc', record('A', [{ name: 'x', type }]))]);
    expect(err.code).toBe(code);
    expect(err.location.path).toBe(path);
    expect(err.message).toContain(message);
  });

  it.each([
    [
      { name: 'my-field', type: 'int' },
      'INVALID_NAME',
      'field name "my-field" of com.acme.A is not a valid name',
    ],
    [{ type: 'int' }, 'INVALID_SCHEMA', 'a field of com.acme.A has no "name"'],
  ])('field %j: names the bad field name', (field, code, message) => {
    const err = codegenError([source('a.avsc', record('A', [field]))]);
    expect(err.code).toBe(code);
    expect(err.location.path).toBe('$.fields[0].name');
    expect(err.message).toContain(message);
  });

  it.each([
    ['int', 'x', 'does not match its type int'],
    [{ type: 'array', items: 'string' }, [1], 'does not match its type array<string>'],
    [
      ['null', 'int'],
      1,
      'does not match its first branch null (a union default must match the first branch)',
    ],
    ['long', 2 ** 60, 'is outside ±(2^53 − 1): a JSON number that large is not read exactly'],
  ])('default of %j = %j: says which type it fails', (type, dflt, message) => {
    const err = codegenError([source('a.avsc', record('A', [{ name: 'x', type, default: dflt }]))]);
    expect(err.message).toContain(`of field com.acme.A.x ${message}`);
  });

  it('invalid enum default', () => {
    const err = codegenError([
      source(
        'a.avsc',
        record('A', [{ name: 'x', type: { type: 'enum', name: 'E', symbols: ['A'], default: 'Z' } }]),
      ),
    ]);
    expect(err.code).toBe('INVALID_DEFAULT');
    expect(err.location.path).toBe('$.fields[0].type.default');
  });

  it('missing referenced subject', () => {
    const err = codegenError([
      source('c.avsc', record('C', [{ name: 'a', type: 'com.acme.A' }]), {
        subject: 'c-value',
        version: 1,
        references: [{ name: 'com.acme.A', subject: 'a-value', version: 3 }],
      }),
      source('a.avsc', record('A', [])),
    ]);
    expect(err.code).toBe('MISSING_REFERENCE');
    expect(err.message).toContain('a-value version 3');
    expect(err.location).toEqual({ file: 'c.avsc', subject: 'c-value' });
  });

  it("ambiguous union under unions: 'plain'", () => {
    const err = codegenError(
      [source('a.avsc', record('A', [{ name: 'n', type: ['null', 'int', 'double'] }]))],
      {
        ...DEFAULT_AVRO_OPTIONS,
        unions: 'plain',
      },
    );
    expect(err.code).toBe('AMBIGUOUS_UNION');
    expect(err.message).toMatch(/int and double are both number values.*unions: 'wrapped'/);
    expect(err.location.path).toBe('$.fields[0].type');
  });

  it('union with two branches of one type', () => {
    const err = codegenError([source('a.avsc', record('A', [{ name: 'n', type: ['string', 'string'] }]))]);
    expect(err.code).toBe('INVALID_UNION');
  });

  it('invalid IDL: names file, line and column', () => {
    const err = codegenError([source('p.avdl', 'protocol P {\n  record A { int x }\n}')]);
    expect(err.code).toBe('INVALID_IDL');
    expect(err.location).toMatchObject({ file: 'p.avdl', line: 2 });
  });

  it('a name clash the naming rules cannot resolve', () => {
    const err = codegenError([
      source('a.avsc', record('A', [{ name: 'x', type: 'int', default: 1 }])),
      source('b.avsc', record('AInput', [{ name: 'y', type: 'int' }])),
    ]);
    expect(err.code).toBe('NAME_CLASH');
    expect(err.message).toContain('AInput');
  });
});

describe('resolveAvroOptions', () => {
  it('fills defaults and keeps given values', () => {
    expect(resolveAvroOptions({ long: 'bigint' })).toEqual({ ...DEFAULT_AVRO_OPTIONS, long: 'bigint' });
  });

  it('rejects unknown keys with their JSON path', () => {
    expect(() =>
      resolveAvroOptions({ longs: 'bigint' }, { file: 'kgen.config.json', path: '$.avro' }),
    ).toThrow(
      expect.objectContaining({
        code: 'BAD_OPTION',
        location: { file: 'kgen.config.json', path: '$.avro.longs' },
      }),
    );
  });

  it('rejects bad values', () => {
    expect(() => resolveAvroOptions({ unions: 'auto' })).toThrow(/unions must be one of "wrapped", "plain"/);
  });
});

describe('generateAvro .avdl imports', () => {
  it('resolves imported types from the other sources, by full or namespace-relative name', () => {
    const common = '@namespace("com.acme.idl") protocol Common { record Money { string amount; } }';
    const orders = [
      '@namespace("com.acme.idl")',
      'protocol Orders {',
      '  import idl "common.avdl";',
      '  record Order { Money price; com.acme.idl.Money tax; }',
      '}',
    ].join('\n');
    const out = generateAvro(
      [source('common.avdl', common), source('orders.avdl', orders)],
      DEFAULT_AVRO_OPTIONS,
    );
    const order = out.files.find((f) => f.path === 'orders.ts')!.content;
    expect(order).toContain("import { type Money } from './common';");
    expect(order).toContain('price: Money;');
  });

  it('reports an import whose types are not among the sources as an unknown type', () => {
    const orders = 'protocol Orders {\n  import idl "missing.avdl";\n  record Order { Missing m; }\n}';
    const err = codegenError([source('orders.avdl', orders)]);
    expect(err.code).toBe('UNKNOWN_TYPE');
    expect(err.location).toEqual({ file: 'orders.avdl', path: '$.types[0].fields[0].type' });
  });
});

describe('generateAvro export names', () => {
  it('keeps descriptor and unnamed-schema names unique across modules', () => {
    const order = record('Order', [{ name: 'id', type: 'string' }]);
    const out = generateAvro(
      [
        source('a/orders-value.avsc', order, { subject: 'orders-value' }),
        source('b/orders-value.avsc', order, { subject: 'orders-by-record' }),
        source('a/key.avsc', '"string"'),
        source('b/key.avsc', '"long"'),
        source('c/kind.avsc', { type: 'enum', name: 'OrderSchema', symbols: ['X'] }),
      ],
      DEFAULT_AVRO_OPTIONS,
    );
    const exports = out.schemas.map((s) => `${s.module}:${s.typeExport}:${s.descriptorExport}`);
    expect(exports).toEqual([
      'a/key:Key:KeySchema',
      'a/orders-value:Order:OrderSchema2',
      'b/key:Key2:Key2Schema',
      'b/orders-value:Order:OrderSchema3',
      'c/kind:OrderSchema:OrderSchemaSchema',
    ]);
  });
});
