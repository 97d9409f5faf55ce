import { buildAvroModel } from '../../../../../codegen/governance/avro/avro-model';
import { checkAvroResolution } from '../../../../../codegen/governance/avro/check-avro-resolution';

const model = (schema: unknown, refs: unknown[] = []) => buildAvroModel(schema, 'test.avsc', refs);
const rec = (fields: unknown[], extra: Record<string, unknown> = {}) => ({
  type: 'record',
  name: 'Order',
  namespace: 'com.acme',
  ...extra,
  fields,
});
const check = (reader: unknown, writer: unknown) => checkAvroResolution(model(reader), model(writer));

describe('checkAvroResolution (Avro spec schema resolution)', () => {
  it('reports every problem, each with a Confluent rule id, a path and a message', () => {
    const writer = rec([
      { name: 'id', type: 'string' },
      { name: 'qty', type: 'int' },
      { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['A', 'B'] } },
      { name: 'hash', type: { type: 'fixed', name: 'H', size: 16 } },
      { name: 'note', type: ['null', 'string', 'int'] },
      { name: 'addr', type: { type: 'record', name: 'Addr', fields: [{ name: 'city', type: 'string' }] } },
    ]);
    const reader = rec([
      { name: 'id', type: 'int' },
      { name: 'qty', type: 'long' },
      { name: 'email', type: 'string' },
      { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['A'] } },
      { name: 'hash', type: { type: 'fixed', name: 'H', size: 32 } },
      { name: 'note', type: ['null', 'string'] },
      { name: 'addr', type: { type: 'record', name: 'Address', fields: [{ name: 'city', type: 'string' }] } },
    ]);
    expect(check(reader, writer).map((f) => [f.rule, f.path])).toEqual([
      ['TYPE_MISMATCH', 'com.acme.Order.id'],
      ['READER_FIELD_MISSING_DEFAULT_VALUE', 'com.acme.Order.email'],
      ['MISSING_ENUM_SYMBOLS', 'com.acme.Order.status'],
      ['FIXED_SIZE_MISMATCH', 'com.acme.Order.hash'],
      ['MISSING_UNION_BRANCH', 'com.acme.Order.note'],
      ['NAME_MISMATCH', 'com.acme.Order.addr'],
    ]);
    expect(check(reader, writer)[0]?.message).toBe('reader type int cannot read writer type string');
  });

  it('allows the promotions of the spec and nothing else', () => {
    const pairs: Array<[string, string, boolean]> = [
      ['int', 'long', true],
      ['int', 'float', true],
      ['int', 'double', true],
      ['long', 'float', true],
      ['long', 'double', true],
      ['float', 'double', true],
      ['string', 'bytes', true],
      ['bytes', 'string', true],
      ['long', 'int', false],
      ['double', 'float', false],
      ['boolean', 'int', false],
    ];
    for (const [writer, reader, ok] of pairs) {
      expect([writer, reader, check(reader, writer).length === 0]).toEqual([writer, reader, ok]);
    }
  });

  it('matches renamed records and fields through reader aliases', () => {
    const writer = rec([{ name: 'qty', type: 'int' }]);
    const reader = rec([{ name: 'quantity', type: 'int', aliases: ['qty'] }], {
      name: 'Purchase',
      aliases: ['com.acme.Order'],
    });
    expect(check(reader, writer)).toEqual([]);
    expect(check(writer, reader).map((f) => f.rule)).toEqual([
      'NAME_MISMATCH',
      'READER_FIELD_MISSING_DEFAULT_VALUE',
    ]);
  });

  it('terminates on recursive types and checks inside them', () => {
    const node = (extra: unknown[]) => ({
      type: 'record',
      name: 'Node',
      fields: [{ name: 'next', type: ['null', 'Node'] }, ...extra],
    });
    expect(check(node([{ name: 'v', type: 'int', default: 0 }]), node([]))).toEqual([]);
    expect(check(node([{ name: 'v', type: 'int' }]), node([])).map((f) => f.path)).toEqual(['Node.v']);
  });

  it('resolves named types from references', () => {
    const money = {
      type: 'record',
      name: 'Money',
      namespace: 'com.acme',
      fields: [{ name: 'c', type: 'long' }],
    };
    const m = model(rec([{ name: 'total', type: 'com.acme.Money' }]), [money]);
    expect(checkAvroResolution(m, m)).toEqual([]);
  });
});
