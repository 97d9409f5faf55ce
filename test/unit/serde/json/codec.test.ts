import { jsonSchema, type JsonCodecOptions, type SchemaReference } from '../../../../src/topics';
import { createJsonCodec } from '../../../../src/serde/json';
import { frameHeader } from '../../../../src/serde/wire-format';

const order = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'Order',
  type: 'object',
  properties: {
    id: { type: 'string' },
    qty: { type: 'integer', minimum: 1 },
    status: { enum: ['NEW', 'PAID'], default: 'NEW' },
    placedAt: { type: 'string', format: 'date-time' },
    lines: { type: 'array', items: { $ref: '#/$defs/Line' } },
  },
  required: ['id', 'qty'],
  additionalProperties: false,
  $defs: { Line: { type: 'object', properties: { sku: { type: 'string' } }, required: ['sku'] } },
};

function codec(
  schema: unknown,
  options: Partial<JsonCodecOptions> = {},
  references: readonly SchemaReference[] = [],
) {
  return createJsonCodec(
    jsonSchema<unknown>({
      name: 'Order',
      schema: JSON.stringify(schema),
      references,
      options: { dateTime: 'string', ...options },
    }),
  );
}

describe('JSON Schema codec', () => {
  it('writes UTF-8 JSON text, framed after the header', () => {
    const c = codec(order);
    const value = { id: 'ö-1', qty: 2, lines: [{ sku: 'a' }] };
    const framed = c.encodeFramed!(frameHeader(7), value);
    expect(framed.subarray(0, 5)).toEqual(Buffer.from([0, 0, 0, 0, 7]));
    expect(framed.subarray(5).toString('utf8')).toBe(JSON.stringify(value));
    expect(c.encode(value)).toEqual(Buffer.from(JSON.stringify(value), 'utf8'));
  });

  it('fills defaults of absent properties on decode, not on encode', () => {
    const c = codec(order);
    const value = { id: 'a', qty: 1 };
    expect(c.encode(value).toString()).toBe('{"id":"a","qty":1}');
    expect(c.decode(Buffer.from('{"id":"a","qty":1}'))).toEqual({ id: 'a', qty: 1, status: 'NEW' });
  });

  it.each([
    [{ id: 'a', qty: 0 }, '$.qty', 'minimum'],
    [{ qty: 1 }, '$.id', 'required'],
    [{ id: 'a', qty: 1, extra: true }, '$.extra', 'additionalProperties'],
    [{ id: 'a', qty: 1, lines: [{ sku: 3 }] }, '$.lines[0].sku', 'type'],
    [{ id: 'a', qty: 1, placedAt: 'yesterday' }, '$.placedAt', 'format'],
    [{ id: 'a', qty: Number.NaN }, '$.qty', 'type'],
  ])('refuses %j on encode, naming %s and the rule %s', (value, fieldPath, keyword) => {
    const c = codec(order);
    expect(() => c.encode(value)).toThrow(
      expect.objectContaining({ code: 'JSON_VALIDATION', fieldPath, keyword }),
    );
    expect(c.accepts(value)).toBe(false);
  });

  it('refuses an invalid payload on decode unless validateOnConsume is false', () => {
    const payload = Buffer.from('{"id":"a","qty":0}');
    expect(() => codec(order).decode(payload)).toThrow(
      expect.objectContaining({ code: 'JSON_VALIDATION', fieldPath: '$.qty', keyword: 'minimum' }),
    );
    expect(codec(order, { validateOnConsume: false }).decode(payload)).toEqual({ id: 'a', qty: 0 });
    expect(() => codec(order).decode(Buffer.from('{"id":'))).toThrow(
      expect.objectContaining({ code: 'DESERIALIZATION' }),
    );
  });

  it('maps date-time to Date with dateTime: date, both ways', () => {
    const c = codec(order, { dateTime: 'date' });
    const at = new Date('2026-01-02T03:04:05.678Z');
    const bytes = c.encode({ id: 'a', qty: 1, placedAt: at });
    expect(bytes.toString()).toBe('{"id":"a","qty":1,"placedAt":"2026-01-02T03:04:05.678Z"}');
    const back = c.decode(bytes) as { placedAt: Date };
    expect(back.placedAt).toBeInstanceOf(Date);
    expect(back.placedAt.getTime()).toBe(at.getTime());
    expect(codec(order).decode(bytes)).toMatchObject({ placedAt: '2026-01-02T03:04:05.678Z' });
  });

  it('maps a date-time inside a reference to Date too', () => {
    const stamp = { type: 'object', properties: { at: { type: 'string', format: 'date-time' } } };
    const ref: SchemaReference = {
      name: 'stamp.json',
      subject: 'stamp',
      version: 1,
      schema: jsonSchema({
        name: 'Stamp',
        schema: JSON.stringify(stamp),
        references: [],
        options: { dateTime: 'date' },
      }),
    };
    const c = codec({ type: 'object', properties: { s: { $ref: 'stamp.json' } } }, { dateTime: 'date' }, [
      ref,
    ]);
    const at = new Date('2026-05-06T07:08:09.010Z');
    const back = c.decode(c.encode({ s: { at } })) as { s: { at: Date } };
    expect(back.s.at).toEqual(at);
  });

  it('chooses the draft by $schema', () => {
    expect(codec(order).draft).toBe('2020-12');
    expect(codec({ ...order, $schema: 'https://json-schema.org/draft/2019-09/schema' }).draft).toBe(
      '2019-09',
    );
    expect(
      codec({
        ...order,
        $schema: 'http://json-schema.org/draft-07/schema#',
        $defs: undefined,
        properties: { id: { type: 'string' } },
      }).draft,
    ).toBe('draft-07');
    // prefixItems is a 2020-12 keyword: a tuple is checked there, ignored by draft 7.
    const tuple = { type: 'array', prefixItems: [{ type: 'string' }, { type: 'integer' }], items: false };
    expect(
      codec({ ...tuple, $schema: 'https://json-schema.org/draft/2020-12/schema' }).accepts(['a', 'b']),
    ).toBe(false);
    expect(() => codec({ $schema: 'http://json-schema.org/draft-04/schema#' })).toThrow(
      expect.objectContaining({ code: 'INVALID_SCHEMA', message: expect.stringContaining('draft-04') }),
    );
  });

  it('reads a 2020-12 schema that references a draft-7 one (the registry mixes drafts)', () => {
    const money = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      required: ['amount'],
    };
    const ref: SchemaReference = {
      name: 'money.json',
      subject: 'money',
      version: 1,
      schema: jsonSchema({
        name: 'Money',
        schema: JSON.stringify(money),
        references: [],
        options: { dateTime: 'string' },
      }),
    };
    const root = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      properties: { m: { $ref: 'money.json' } },
    };
    expect(codec(root, {}, [ref]).accepts({ m: {} })).toBe(false);
    expect(codec(root, {}, [ref]).accepts({ m: { amount: 1 } })).toBe(true);
  });

  it('resolves a $ref to a reference by its name, also under the root $id', () => {
    const address = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
    const ref = (name: string): SchemaReference => ({
      name,
      subject: 'address',
      version: 1,
      schema: jsonSchema({
        name: 'Address',
        schema: JSON.stringify(address),
        references: [],
        options: { dateTime: 'string' },
      }),
    });
    const root = { type: 'object', properties: { to: { $ref: 'address.json' } }, required: ['to'] };
    expect(codec(root, {}, [ref('address.json')]).accepts({ to: { city: 'x' } })).toBe(true);
    expect(codec(root, {}, [ref('address.json')]).accepts({ to: {} })).toBe(false);
    const withId = { ...root, $id: 'https://acme.example/schemas/order.json' };
    expect(codec(withId, {}, [ref('address.json')]).accepts({ to: {} })).toBe(false);
    expect(() => codec(root)).toThrow(
      expect.objectContaining({ code: 'INVALID_SCHEMA', message: expect.stringContaining('address.json') }),
    );
  });
});
