import { generateAvro } from '../../../../codegen/avro/generate-avro';
import { DEFAULT_AVRO_OPTIONS, type AvroGenerateOptions } from '../../../../codegen/avro/options';
import { CodegenError } from '../../../../codegen/errors';
import { createAvroCodec } from '../../../../src/serde/avro/codec';
import { AvroSchemaError } from '../../../../src/serde/avro/errors';
import { avroSchema } from '../../../../src/topics';

/** The emitter and the codec must reject exactly the same `unions: 'plain'` unions (ambiguous or invalid). */
const voucher = { type: 'record', name: 'Voucher', fields: [{ name: 'code', type: 'string' }] };
const UNIONS: unknown[][] = [
  ['null', 'string', 'long', voucher],
  ['null', 'int', 'long'],
  ['string', { type: 'enum', name: 'E', symbols: ['A'] }],
  ['bytes', { type: 'fixed', name: 'F', size: 2 }],
  [voucher, { type: 'map', values: 'int' }],
  [voucher, { type: 'long', logicalType: 'timestamp-millis' }],
  ['string', { type: 'long', logicalType: 'timestamp-millis' }],
  ['string', { type: 'int', logicalType: 'date' }],
  ['string', { type: 'bytes', logicalType: 'decimal', precision: 4, scale: 2 }],
  ['bytes', { type: 'bytes', logicalType: 'decimal', precision: 4, scale: 2 }],
  ['int', 'long'],
  ['double', 'long'],
  [
    { type: 'array', items: 'int' },
    { type: 'map', values: 'int' },
  ],
];
const VARIANTS: Array<Partial<AvroGenerateOptions>> = [
  {},
  { long: 'bigint' },
  { date: 'string', timestamps: 'number' },
  { decimal: 'bytes' },
  { timestamps: 'number', long: 'bigint' },
  { unions: 'wrapped' },
];

describe('union validity agrees between emitter and codec', () => {
  const cases = VARIANTS.flatMap((v) =>
    UNIONS.map((u) => [JSON.stringify(v), JSON.stringify(u), v, u] as const),
  );
  it.each(cases)('%s %s', (_v, _u, variant, union) => {
    const options: AvroGenerateOptions = { ...DEFAULT_AVRO_OPTIONS, unions: 'plain', ...variant };
    const schema = { type: 'record', name: 'R', namespace: 'com.acme', fields: [{ name: 'u', type: union }] };
    let emitter = false;
    try {
      generateAvro(
        [{ format: 'AVRO', path: 'r.avsc', text: JSON.stringify(schema), references: [] }],
        options,
      );
    } catch (err) {
      expect(err).toBeInstanceOf(CodegenError);
      expect(['AMBIGUOUS_UNION', 'INVALID_UNION']).toContain((err as CodegenError).code);
      emitter = true;
    }
    let codec = false;
    try {
      createAvroCodec(
        avroSchema({ name: 'com.acme.R', schema: JSON.stringify(schema), references: [], options }),
      );
    } catch (err) {
      expect(err).toBeInstanceOf(AvroSchemaError);
      codec = true;
    }
    expect({ emitter, codec }).toEqual({ emitter: codec, codec });
  });

  it('rejects some and accepts others (the table is not one-sided)', () => {
    const options = { ...DEFAULT_AVRO_OPTIONS, unions: 'plain' as const };
    const verdicts = UNIONS.map((union) => {
      try {
        const schema = { type: 'record', name: 'R', fields: [{ name: 'u', type: union }] };
        createAvroCodec(avroSchema({ name: 'R', schema: JSON.stringify(schema), references: [], options }));
        return true;
      } catch {
        return false;
      }
    });
    expect(verdicts).toContain(true);
    expect(verdicts).toContain(false);
  });
});
