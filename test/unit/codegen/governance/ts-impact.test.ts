import { buildAvroModel } from '../../../../codegen/governance/avro/avro-model';
import { tsImpactAvro } from '../../../../codegen/governance/avro/ts-impact-avro';
import { buildProtoModel } from '../../../../codegen/governance/protobuf/proto-model';
import { tsImpactProto } from '../../../../codegen/governance/protobuf/ts-impact-proto';

const rec = (fields: unknown[]) => buildAvroModel({ type: 'record', name: 'O', fields }, 'o.avsc');

describe('TypeScript-impact warnings', () => {
  it('Avro: alias rename, removed field and enum symbol, number → bigint, nullability, logical types', () => {
    const previous = rec([
      { name: 'qty', type: 'int' },
      { name: 'gone', type: 'string', default: '' },
      { name: 's', type: { type: 'enum', name: 'S', symbols: ['A', 'B'] } },
      { name: 'n', type: 'string' },
      { name: 't', type: 'long' },
    ]);
    const next = rec([
      { name: 'quantity', type: 'long', aliases: ['qty'] },
      { name: 's', type: { type: 'enum', name: 'S', symbols: ['A'], default: 'A' } },
      { name: 'n', type: ['null', 'string'], default: null },
      { name: 't', type: { type: 'long', logicalType: 'timestamp-millis' } },
    ]);
    expect(tsImpactAvro(next, previous, 'O').map((f) => [f.rule, f.path, f.level])).toEqual([
      ['TS_FIELD_RENAMED', 'O.qty', 'warning'],
      ['TS_NUMBER_TO_BIGINT', 'O.quantity', 'warning'],
      ['TS_FIELD_REMOVED', 'O.gone', 'warning'],
      ['TS_ENUM_SYMBOL_REMOVED', 'O.s', 'warning'],
      ['TS_NULLABLE_ADDED', 'O.n', 'warning'],
      ['TS_TYPE_CHANGED', 'O.t', 'warning'],
    ]);
  });

  it('Avro: an unchanged schema with nullable unions has no impact (branches matched by type, not kind)', () => {
    const schema = () =>
      rec([
        { name: 'note', type: ['null', 'string'], default: null },
        { name: 'n', type: ['null', 'int', 'string'], default: null },
      ]);
    expect(tsImpactAvro(schema(), schema(), 'O')).toEqual([]);
  });

  it('Protobuf: package, removed enum and field, 32 → 64-bit integers', () => {
    const p = (pkg: string, body: string) =>
      buildProtoModel(`syntax = "proto3";\npackage ${pkg};\n${body}`, 'x.proto');
    const previous = p('a', 'enum E { X = 0; } message M { int32 n = 1; string s = 2; }');
    const next = p('b', 'message M { int64 n = 1; }');
    expect(tsImpactProto(next, previous).map((f) => f.rule)).toEqual([
      'PACKAGE_CHANGED',
      'ENUM_REMOVED',
      'TS_NUMBER_TO_BIGINT',
      'TS_FIELD_REMOVED',
    ]);
  });
});
