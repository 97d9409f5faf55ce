import { createAvroCodec } from '../../../../src/serde/avro/codec';
import { DEFAULT_AVRO_CODEC_OPTIONS } from '../../../../src/serde/avro/default-options';
import { AvroSchemaError } from '../../../../src/serde/avro/errors';
import { avroSchema } from '../../../../src/topics';

function build(schema: unknown): void {
  createAvroCodec(
    avroSchema({
      name: 'S',
      schema: JSON.stringify(schema),
      references: [],
      options: DEFAULT_AVRO_CODEC_OPTIONS,
    }),
  );
}

const record = (fields: unknown[]) => ({ type: 'record', name: 'R', fields });

describe('Avro schema errors of the runtime codec', () => {
  it.each([
    [
      { type: 'enum', name: 'E', symbols: ['a', 'not-valid'] },
      'enum E: symbol "not-valid" is not a valid name',
    ],
    [{ type: 'enum', name: 'E', symbols: [] }, 'enum E: "symbols" must be a non-empty array of names'],
    [{ type: 'enum', name: 'E', symbols: ['a', 'a'] }, 'enum E: symbol "a" appears twice'],
    [
      { type: 'enum', name: 'E', symbols: ['a'], default: 'b' },
      'enum E: default "b" is not one of its symbols',
    ],
    [record([{ name: 'my-field', type: 'int' }]), 'record R: field 0 name "my-field" is not a valid name'],
    [record([{ name: 'x' }]), 'record R: field x has no "type"'],
    [{ type: 'record', name: 'R' }, 'record R: "fields" must be an array, got undefined'],
    [record([{ name: 'x', type: 'int', default: 'y' }]), 'record R, field x: incompatible field default "y"'],
    [
      record([{ name: 'x', type: ['null', 'int'], default: 1 }]),
      'record R, field x: incompatible field default 1',
    ],
    [{ type: 'fixed', name: 'F', size: -1 }, 'fixed F: "size" must be a non-negative integer, got -1'],
  ])('%j: %s', (schema, message) => {
    let err: unknown;
    try {
      build(schema);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AvroSchemaError);
    expect((err as Error).message).toContain(message);
  });
});
