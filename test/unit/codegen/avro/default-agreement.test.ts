import { generateAvro } from '../../../../codegen/avro/generate-avro';
import { DEFAULT_AVRO_OPTIONS, type AvroGenerateOptions } from '../../../../codegen/avro/options';
import { type CodegenError } from '../../../../codegen/errors';
import { createAvroCodec } from '../../../../src/serde/avro/codec';
import { avroSchema } from '../../../../src/topics';

/** The emitter's default validation must agree with what the codec (avsc) accepts when it is built. */
const inner = {
  type: 'record',
  name: 'Inner',
  fields: [
    { name: 'a', type: 'int' },
    { name: 'b', type: 'int', default: 2 },
  ],
};
const CASES: Array<[unknown, unknown]> = [
  ['int', 1],
  ['int', 'x'],
  ['int', 1.5],
  ['int', 2 ** 31],
  ['long', 2 ** 40],
  ['long', 1.5],
  ['float', 'x'],
  ['double', 2.5],
  ['string', 1],
  ['bytes', '\u00ff'],
  ['bytes', 1],
  ['boolean', null],
  ['null', null],
  [{ type: 'fixed', name: 'F', size: 2 }, 'ab'],
  [{ type: 'fixed', name: 'F', size: 2 }, 'abc'],
  [{ type: 'enum', name: 'E', symbols: ['A', 'B'] }, 'B'],
  [{ type: 'enum', name: 'E', symbols: ['A', 'B'] }, 'C'],
  [{ type: 'array', items: 'int' }, [1, 2]],
  [{ type: 'array', items: 'int' }, [1, 'x']],
  [{ type: 'map', values: 'string' }, { k: 'v' }],
  [{ type: 'map', values: 'string' }, { k: 1 }],
  [inner, { a: 1 }],
  [inner, { b: 1 }],
  [['null', 'string'], null],
  [['null', 'string'], 'x'],
  [['string', 'null'], 'x'],
  [{ type: 'bytes', logicalType: 'decimal', precision: 4, scale: 2 }, '\u0001'],
  [{ type: 'int', logicalType: 'date' }, 3],
  [{ type: 'long', logicalType: 'timestamp-millis' }, 5],
];
const VARIANTS: Array<Partial<AvroGenerateOptions>> = [
  {},
  { long: 'bigint', date: 'string', timestamps: 'number' },
];

describe('default validity agrees between emitter and codec', () => {
  const cases = VARIANTS.flatMap((v) =>
    CASES.map(
      ([type, dflt]) =>
        [JSON.stringify(v), JSON.stringify(type), JSON.stringify(dflt), v, type, dflt] as const,
    ),
  );
  it.each(cases)('%s %s default %s', (_v, _t, _d, variant, type, dflt) => {
    const options: AvroGenerateOptions = { ...DEFAULT_AVRO_OPTIONS, ...variant };
    const schema = {
      type: 'record',
      name: 'R',
      namespace: 'com.acme',
      fields: [{ name: 'f', type, default: dflt }],
    };
    let emitter = true;
    try {
      generateAvro(
        [{ format: 'AVRO', path: 'r.avsc', text: JSON.stringify(schema), references: [] }],
        options,
      );
    } catch (err) {
      expect((err as CodegenError).code).toBe('INVALID_DEFAULT');
      emitter = false;
    }
    let codec = true;
    try {
      createAvroCodec(
        avroSchema({ name: 'com.acme.R', schema: JSON.stringify(schema), references: [], options }),
      );
    } catch {
      codec = false;
    }
    expect({ emitter, codec }).toEqual({ emitter: codec, codec });
  });
});
