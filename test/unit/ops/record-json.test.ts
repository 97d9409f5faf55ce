import { PassThrough } from 'node:stream';
import { runProduce } from '../../../codegen/cli/produce';
import { jsonCodecOf } from '../../../codegen/ops/record-json/registry-json';
import { RecordShapeError } from '../../../codegen/ops/record-json/shape-error';
import { recordOfLine } from '../../../codegen/ops/record-json/parse-line';
import type { SubjectEncoder } from '../../../codegen/ops/record-json/registry-json';

const MONEY = JSON.stringify({
  type: 'record',
  name: 'Money',
  namespace: 'shop',
  fields: [
    { name: 'units', type: 'long' },
    { name: 'currency', type: 'string', default: 'EUR' },
  ],
});
const ORDER = JSON.stringify({
  type: 'record',
  name: 'Order',
  namespace: 'shop',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'price', type: 'Money' },
    { name: 'at', type: { type: 'long', logicalType: 'timestamp-micros' } },
    { name: 'when', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'day', type: { type: 'int', logicalType: 'date' } },
    { name: 'amount', type: { type: 'bytes', logicalType: 'decimal', precision: 6, scale: 2 } },
    { name: 'tag', type: { type: 'fixed', name: 'Tag', size: 2 } },
    { name: 'ratio', type: 'float' },
    { name: 'choice', type: ['null', 'string', 'Money'] },
    { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['OPEN', 'PAID'] } },
  ],
});

const avro = jsonCodecOf({
  schemaType: 'AVRO',
  schema: ORDER,
  references: [{ name: 'shop.Money', schema: MONEY }],
});

const ORDER_JSON = {
  id: 'o1',
  price: { units: '-9223372036854775808', currency: 'USD' },
  at: '1900-01-01T00:00:00.000001Z',
  when: '2024-05-06T07:08:09.123Z',
  day: '2024-02-29',
  amount: '-1234.50',
  tag: Buffer.from('ab').toString('base64'),
  ratio: '-Infinity',
  choice: { 'shop.Money': { units: '5', currency: 'EUR' } },
  status: 'PAID',
};

function shapeError(fn: () => unknown): RecordShapeError {
  try {
    fn();
  } catch (err) {
    if (err instanceof RecordShapeError) return err;
    throw err;
  }
  throw new Error('no error');
}

describe('Avro JSON rendering (tail) and reading (produce)', () => {
  it('reads back what it renders, exactly, through the wire bytes', () => {
    const { payload } = avro.fromJson(ORDER_JSON);
    expect(avro.toJson(payload, undefined).json).toEqual(ORDER_JSON);
  });

  it('accepts a safe-integer number for a long, an omitted field with a default, and a null union', () => {
    const json = { ...ORDER_JSON, price: { units: 12 }, choice: null };
    expect(avro.toJson(avro.fromJson(json).payload, undefined).json).toEqual({
      ...ORDER_JSON,
      price: { units: '12', currency: 'EUR' },
      choice: null,
    });
  });

  it.each([
    [{ ...ORDER_JSON, price: { units: 'x' } }, '$.price.units', /64-bit integer/],
    [{ ...ORDER_JSON, price: { units: '9223372036854775808' } }, '$.price.units', /outside the 64-bit range/],
    [{ ...ORDER_JSON, at: '2024-05-06 07:08' }, '$.at', /ISO 8601/],
    [{ ...ORDER_JSON, when: '2024-05-06T07:08:09.1234Z' }, '$.when', /more precision than timestamp-millis/],
    [{ ...ORDER_JSON, tag: Buffer.from('abc').toString('base64') }, '$.tag', /expected 2 bytes/],
    [{ ...ORDER_JSON, tag: 'not base64!' }, '$.tag', /base64/],
    [{ ...ORDER_JSON, choice: { int: 1 } }, '$.choice', /"int" is not a branch .*string, shop.Money/],
    [{ ...ORDER_JSON, choice: 'bare' }, '$.choice', /expected an object/],
    [{ ...ORDER_JSON, status: 'LOST' }, '$.status', /one of OPEN, PAID/],
    [{ ...ORDER_JSON, extra: 1 }, '$.extra', /no field "extra"/],
    [(({ id: _id, ...rest }) => rest)(ORDER_JSON), '$.id', /missing field "id"/],
  ])('names the field that does not fit (%#)', (json, path, reason) => {
    const err = shapeError(() => avro.fromJson(json));
    expect(err.path).toBe(path);
    expect(err.reason).toMatch(reason);
  });

  it('a decimal with too many digits is refused by the codec, naming the field', () => {
    expect(() => avro.fromJson({ ...ORDER_JSON, amount: '1.234' })).toThrow(/amount/);
  });
});

const PROTO = `syntax = "proto3";
package p;
message Event {
  string id = 1;
  int64 big = 2;
  uint64 ubig = 3;
  bytes blob = 4;
  Kind kind = 5;
  map<int32, string> names = 6;
  repeated double values = 7;
  oneof choice { string label = 8; Inner inner = 9; }
  message Inner { bool on = 1; }
  enum Kind { KIND_UNSPECIFIED = 0; KIND_A = 1; }
}
message Second { string name = 1; }
`;
const proto = jsonCodecOf({ schemaType: 'PROTOBUF', schema: PROTO, references: [] });

describe('Protobuf JSON rendering and reading', () => {
  const EVENT = {
    id: 'e',
    big: '-9223372036854775808',
    ubig: '18446744073709551615',
    blob: 'AAE=',
    kind: 'KIND_A',
    names: { '-1': 'minus one' },
    values: ['NaN', 1.5],
    inner: { on: true },
  };

  it('reads back what it renders, picking the message by name and its indexes', () => {
    const { payload, messageIndexes } = proto.fromJson(EVENT);
    expect(messageIndexes).toEqual([0]);
    expect(proto.toJson(payload, messageIndexes)).toEqual({ json: EVENT, messageType: 'p.Event' });
    const second = proto.fromJson({ name: 'n' }, 'p.Second');
    expect(second.messageIndexes).toEqual([1]);
    expect(proto.toJson(second.payload, second.messageIndexes)).toEqual({
      json: { name: 'n' },
      messageType: 'p.Second',
    });
  });

  it.each([
    [{ big: 1.5 }, '$.big', /64-bit integer/],
    [{ ubig: '-1' }, '$.ubig', /outside the unsigned 64-bit range/],
    [{ kind: 'KIND_Z' }, '$.kind', /KIND_UNSPECIFIED, KIND_A/],
    [{ names: { x: 'y' } }, '$.names.x', /integer/],
    [{ values: [1, 'one'] }, '$.values[1]', /expected a number/],
    [{ label: 'l', inner: {} }, '$.inner', /oneof choice/],
    [{ inner: { on: 'yes' } }, '$.inner.on', /expected a boolean/],
    [{ nope: 1 }, '$.nope', /no field "nope"/],
  ])('names the field that does not fit (%#)', (json, path, reason) => {
    const err = shapeError(() => proto.fromJson(json));
    expect(err.path).toBe(path);
    expect(err.reason).toMatch(reason);
  });
});

describe('a produce line', () => {
  const value: SubjectEncoder = {
    subject: 'orders-value',
    schemaId: 7,
    format: 'AVRO',
    encode: (json) => Buffer.concat([Buffer.from([0, 0, 0, 0, 7]), avro.fromJson(json).payload]),
  };

  it('reports a codec check (decimal scale) under the line path of the field', () => {
    const err = shapeError(() =>
      recordOfLine(JSON.stringify({ value: { ...ORDER_JSON, amount: '1.234' } }), { value }),
    );
    expect(err.path).toBe('$.value.amount');
    expect(err.reason).toMatch(/3 fractional digits; the schema's scale is 2/);
  });

  it('keys as UTF-8 text or base64, headers, a tombstone; unknown fields and tail errors refused', () => {
    const r = recordOfLine(
      JSON.stringify({
        keyBase64: 'AP8=',
        headers: [
          { key: 'h', valueBase64: '//8=' },
          { key: 't', value: 'x' },
        ],
        value: null,
        offset: 3,
      }),
      { value },
    );
    expect(r).toEqual({
      key: Buffer.from([0, 255]),
      value: null,
      headers: [
        ['h', Buffer.from([255, 255])],
        ['t', Buffer.from('x')],
      ],
      partition: undefined,
    });
    expect(shapeError(() => recordOfLine('{"value": null, "colour": 1}', { value })).path).toBe('$.colour');
    expect(shapeError(() => recordOfLine('{"key": 5, "value": null}', { value })).reason).toMatch(
      /no key schema/,
    );
    expect(shapeError(() => recordOfLine('{"key": "k"}', { value })).path).toBe('$.value');
    expect(shapeError(() => recordOfLine('{oops', { value })).reason).toMatch(/not JSON/);
  });
});

describe('kgen produce input', () => {
  it('stdin on a terminal without --file is bad input (exit 2), not a wait for EOF', async () => {
    const err: string[] = [];
    const io = { cwd: '/', env: {}, stdout: () => undefined, stderr: (l: string) => err.push(l) };
    const tty = Object.assign(new PassThrough(), { isTTY: true });
    const code = await runProduce(
      { topic: 't', brokers: '127.0.0.1:1', registry: 'http://127.0.0.1:1' },
      io,
      {
        stdin: tty,
      },
    );
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(/no input: pass --file/);
  });
});
