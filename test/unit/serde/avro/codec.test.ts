import { avroSchema, type AvroCodecOptions, type SchemaReference } from '../../../../src/topics';
import { createAvroCodec } from '../../../../src/serde/avro/codec';
import { AvroDecodeError, AvroEncodeError, AvroSchemaError } from '../../../../src/serde/avro/errors';
import { isKgenError } from '../../../../src/errors';

const base: AvroCodecOptions = {
  long: 'number',
  unions: 'wrapped',
  timestamps: 'date',
  date: 'date',
  decimal: 'string',
};

function record(name: string, fields: unknown[], extra: object = {}) {
  return { type: 'record', name, namespace: 'com.acme', ...extra, fields };
}

function descriptor(schema: { name: string }, references: SchemaReference[] = [], options = base) {
  return avroSchema({ name: `com.acme.${schema.name}`, schema: JSON.stringify(schema), references, options });
}

const address = record('Address', [{ name: 'city', type: 'string' }]);
const order = {
  type: 'record',
  name: 'Order',
  namespace: 'com.acme',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'day', type: { type: 'int', logicalType: 'date' } },
    { name: 'price', type: { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 } },
    { name: 'choice', type: ['null', 'string', 'long'], default: null },
    { name: 'shipTo', type: ['null', 'Address'], default: null },
    { name: 'counts', type: { type: 'map', values: 'long' }, default: {} },
  ],
};

function codec(options: AvroCodecOptions, schema: unknown = order) {
  const addressDescriptor = descriptor(address);
  return createAvroCodec(
    avroSchema({
      name: 'com.acme.Order',
      schema: JSON.stringify(schema),
      references: [
        { name: 'com.acme.Address', subject: 'address-value', version: 1, schema: addressDescriptor },
      ],
      options,
    }),
  );
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

describe('createAvroCodec', () => {
  it('round-trips with number longs, wrapped unions, Date timestamps and exact decimals', () => {
    const c = codec(base);
    const value = {
      id: 42,
      at: new Date('2024-05-01T10:00:00.123Z'),
      day: new Date('2024-02-29T00:00:00Z'),
      price: '-1234.50',
      choice: { long: 7 },
      shipTo: { city: 'Lyon' },
      counts: { a: 1 },
    };
    expect({ ...(c.decode(c.encode(value)) as object) }).toEqual(value);
    expect(c.accepts(value)).toBe(true);
  });

  it('fills defaulted fields that the producer input leaves out', () => {
    const c = codec(base);
    const decoded = c.decode(c.encode({ id: 1, at: new Date(0), day: new Date(0), price: '0' })) as Record<
      string,
      unknown
    >;
    expect(decoded['choice']).toBeNull();
    expect(decoded['counts']).toEqual({});
  });

  it('round-trips with bigint longs, plain unions, number timestamps and string dates', () => {
    const c = codec({
      long: 'bigint',
      unions: 'plain',
      timestamps: 'number',
      date: 'string',
      decimal: 'string',
    });
    const value = {
      id: 2n ** 62n,
      at: 1_700_000_000_000_000,
      day: '1969-12-31',
      price: '0.05',
      choice: 2n ** 60n,
      shipTo: null,
      counts: { x: -(2n ** 63n) },
    };
    expect({ ...(c.decode(c.encode(value)) as object) }).toEqual(value);
  });

  it('keeps decimals as raw bytes with decimal: bytes', () => {
    const c = codec({ ...base, decimal: 'bytes' });
    const decoded = c.decode(
      c.encode({ id: 1, at: new Date(0), day: new Date(0), price: Buffer.from([0xff, 0x85]) }),
    ) as Record<string, unknown>;
    expect(decoded['price']).toEqual(Buffer.from([0xff, 0x85]));
  });

  it('throws AvroEncodeError naming the field for a long past 2^53', () => {
    const err = thrown(() =>
      codec(base).encode({ id: 1, at: new Date(0), day: new Date(0), price: '1', counts: { big: 2 ** 60 } }),
    );
    expect(err).toBeInstanceOf(AvroEncodeError);
    expect(isKgenError(err)).toBe(true);
    expect(err).toMatchObject({
      code: 'SERIALIZATION',
      fieldPath: '$.counts.big',
      schemaName: 'com.acme.Order',
    });
    expect((err as Error).message).toMatch(/outside ±\(2\^53 − 1\).*long: 'bigint'/);
  });

  it('throws AvroEncodeError naming the nested field for a wrong field type', () => {
    const err = thrown(() =>
      codec(base).encode({ id: 1, at: new Date(0), day: new Date(0), price: '1', shipTo: { city: 3 } }),
    );
    expect(err).toMatchObject({ fieldPath: '$.shipTo.city' });
    expect((err as Error).message).toContain('expected string, got number 3');
  });

  it('names a missing required field', () => {
    const err = thrown(() => codec(base).encode({ at: new Date(0), day: new Date(0), price: '1' }));
    expect(err).toMatchObject({ fieldPath: '$.id' });
    expect((err as Error).message).toContain('missing required field');
  });

  it('rejects a decimal with more digits than the scale instead of rounding', () => {
    const err = thrown(() =>
      codec(base).encode({ id: 1, at: new Date(0), day: new Date(0), price: '1.234' }),
    );
    expect(err).toMatchObject({ fieldPath: '$.price' });
    expect((err as Error).message).toContain('scale is 2');
  });

  it('throws AvroDecodeError naming the field when a decoded long exceeds 2^53 with long: number', () => {
    const writer = codec({ ...base, long: 'bigint' });
    const payload = writer.encode({
      id: 1n,
      at: new Date(0),
      day: new Date(0),
      price: '1',
      counts: { n: 2n ** 60n },
    });
    const err = thrown(() => codec(base).decode(payload));
    expect(err).toBeInstanceOf(AvroDecodeError);
    expect(err).toMatchObject({ code: 'DESERIALIZATION', fieldPath: '$.counts.n' });
  });

  it('throws AvroDecodeError for a truncated payload', () => {
    const c = codec(base);
    const payload = c.encode({ id: 1, at: new Date(0), day: new Date(0), price: '1' });
    expect(() => c.decode(payload.subarray(0, 3))).toThrow(AvroDecodeError);
  });

  it('decodeAt reads the payload in place after a frame, with the errors of decode (field named, truncated, trailing)', () => {
    const c = codec(base);
    const value = { id: 7, at: new Date(0), day: new Date(0), price: '1.50' };
    const frame = Buffer.from([0, 0, 0, 0, 9]);
    const framed = Buffer.concat([frame, c.encode(value)]);
    expect({ ...(c.decodeAt!(framed, 5) as object) }).toMatchObject(value);
    expect(() => c.decodeAt!(framed.subarray(0, framed.length - 2), 5)).toThrow(AvroDecodeError);
    expect(() => c.decodeAt!(Buffer.concat([framed, Buffer.from([1])]), 5)).toThrow(/trailing data/);
    const wide = codec({ ...base, long: 'bigint' }).encode({
      id: 1n,
      at: new Date(0),
      day: new Date(0),
      price: '1',
      counts: { n: 2n ** 60n },
    });
    const err = thrown(() => c.decodeAt!(Buffer.concat([frame, wide]), 5));
    expect(err).toMatchObject({ code: 'DESERIALIZATION', fieldPath: '$.counts.n' });
  });

  it('rejects an ambiguous union under unions: plain when the codec is built', () => {
    const schema = { ...order, fields: [{ name: 'n', type: ['null', 'int', 'long'] }] };
    const err = thrown(() => codec({ ...base, unions: 'plain' }, schema));
    expect(err).toBeInstanceOf(AvroSchemaError);
    expect((err as Error).message).toMatch(/ambiguous.*unions: 'wrapped'/);
    const logical = {
      ...order,
      fields: [{ name: 'n', type: ['string', { type: 'int', logicalType: 'date' }] }],
    };
    expect(() => codec({ ...base, unions: 'plain', date: 'string' }, logical)).toThrow(
      /both are string values/,
    );
  });

  it('reports an unknown type name as AvroSchemaError', () => {
    const schema = { ...order, fields: [{ name: 'x', type: 'com.acme.Nope' }] };
    expect(() => codec(base, schema)).toThrow(AvroSchemaError);
  });

  it('accepts only values of this schema, without undeclared fields', () => {
    const c = codec(base);
    const value = { id: 1, at: new Date(0), day: new Date(0), price: '1' };
    expect(c.accepts(value)).toBe(true);
    expect(c.accepts({ ...value, extra: 1 })).toBe(false);
    expect(c.accepts({ ...value, id: 'x' })).toBe(false);
  });

  it('reads payloads of an older writer schema through a cached resolver', () => {
    const c = codec(base);
    const v1 = record('Order', [
      { name: 'id', type: 'int' },
      { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
      { name: 'day', type: { type: 'int', logicalType: 'date' } },
      { name: 'price', type: { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 } },
    ]);
    const writerCodec = createAvroCodec(descriptor(v1));
    const payload = writerCodec.encode({ id: 3, at: new Date(5), day: new Date(0), price: '9.99' });
    const writer = { schemaType: 'AVRO' as const, schema: JSON.stringify(v1), references: [] };
    const read = c.resolving(writer);
    expect({ ...(read(payload) as object) }).toEqual({
      id: 3,
      at: new Date(5),
      day: new Date(0),
      price: '9.99',
      choice: null,
      shipTo: null,
      counts: {},
    });
    expect(c.resolving(writer)).toBeDefined();
  });

  it('resolves a writer whose references come in any order', () => {
    const inner = record('Inner', [{ name: 'v', type: 'int' }]);
    const middle = record('Middle', [{ name: 'inner', type: 'com.acme.Inner' }]);
    const top = record('Top', [{ name: 'm', type: 'com.acme.Middle' }]);
    const innerD = descriptor(inner);
    const middleD = descriptor(middle, [
      { name: 'com.acme.Inner', subject: 'inner', version: 1, schema: innerD },
    ]);
    const c = createAvroCodec(
      descriptor(top, [{ name: 'com.acme.Middle', subject: 'middle', version: 1, schema: middleD }]),
    );
    const payload = c.encode({ m: { inner: { v: 4 } } });
    const read = c.resolving({
      schemaType: 'AVRO',
      schema: JSON.stringify(top),
      references: [
        { name: 'com.acme.Middle', schema: JSON.stringify(middle) },
        { name: 'com.acme.Inner', schema: JSON.stringify(inner) },
      ],
    });
    expect(JSON.parse(JSON.stringify(read(payload)))).toEqual({ m: { inner: { v: 4 } } });
  });

  it('reads a writer record by one of the reader aliases', () => {
    const reader = record('Customer', [{ name: 'fullName', aliases: ['name'], type: 'string' }], {
      aliases: ['Client'],
    });
    const writer = record('Client', [{ name: 'name', type: 'string' }]);
    const c = createAvroCodec(descriptor(reader));
    const w = createAvroCodec(descriptor(writer));
    const read = c.resolving({ schemaType: 'AVRO', schema: JSON.stringify(writer), references: [] });
    expect({ ...(read(w.encode({ name: 'Ada' })) as object) }).toEqual({ fullName: 'Ada' });
  });

  it('rejects a writer it cannot read, naming the schema', () => {
    const writer = record('Order', [{ name: 'id', type: 'string' }]);
    expect(() =>
      codec(base).resolving({ schemaType: 'AVRO', schema: JSON.stringify(writer), references: [] }),
    ).toThrow(AvroSchemaError);
  });

  it('keeps micros of far dates exact with long: bigint, and names the field with long: number (date-lossy)', () => {
    const schema = record('Far', [{ name: 'at', type: { type: 'long', logicalType: 'timestamp-micros' } }]);
    const far = new Date('9999-12-31T23:59:59.999Z');
    const lossy = { ...base, timestampMicros: 'date-lossy' } as const;
    const big = createAvroCodec(descriptor(schema, [], { ...lossy, long: 'bigint' }));
    expect((big.decode(big.encode({ at: far })) as { at: Date }).at).toEqual(far);
    const err = thrown(() => createAvroCodec(descriptor(schema, [], lossy)).encode({ at: far }));
    expect(err).toMatchObject({ fieldPath: '$.at' });
  });
});
