import { protobufSchema, type ProtobufCodecOptions } from '../../../../src/topics';
import {
  createProtobufCodec,
  ProtobufDecodeError,
  ProtobufEncodeError,
  ProtobufSchemaError,
} from '../../../../src/serde/protobuf';
import { isKgenError } from '../../../../src/errors';

const options: ProtobufCodecOptions = { int64: 'bigint', enums: 'string', timestamp: 'date' };

const COMMON = `syntax = "proto3";
package shop.common;
message Money { string currency = 1; int64 units = 2; }
enum Status { STATUS_UNSPECIFIED = 0; STATUS_OPEN = 1; STATUS_DONE = 2; }
`;

const ORDER = `syntax = "proto3";
package shop;
import "shop/common.proto";
import "google/protobuf/timestamp.proto";
import "google/protobuf/duration.proto";
import "google/protobuf/wrappers.proto";
import "google/protobuf/struct.proto";
import "google/protobuf/any.proto";

message Header { string id = 1; }

message Order {
  message Line {
    string sku = 1;
    uint32 qty = 2;
    shop.common.Money price = 3;
  }
  message Card { string last4 = 1; }
  string id = 1;
  repeated Line lines = 2;
  map<string, int64> counters = 3;
  map<int64, string> by_id = 4;
  shop.common.Status status = 5;
  optional string note = 6;
  oneof payment {
    Card card = 7;
    string voucher = 8;
  }
  google.protobuf.Timestamp created_at = 9;
  google.protobuf.Duration ttl = 10;
  google.protobuf.Int32Value priority = 11;
  google.protobuf.Struct attributes = 12;
  google.protobuf.Value extra = 13;
  google.protobuf.Any payload = 14;
  bytes blob = 15;
  uint64 big = 16;
  sint64 small = 17;
  double ratio = 18;
}
`;

const commonRef = {
  name: 'shop/common.proto',
  subject: 'shop-common',
  version: 1,
  schema: protobufSchema({
    name: 'shop.common.Money',
    fileName: 'shop/common.proto',
    schema: COMMON,
    references: [],
    options,
  }),
};

function orderCodec(opts: ProtobufCodecOptions = options, name = 'shop.Order') {
  return createProtobufCodec(
    protobufSchema<Record<string, unknown>>({
      name,
      fileName: 'shop/order.proto',
      schema: ORDER,
      references: [commonRef],
      options: opts,
    }),
  );
}

describe('createProtobufCodec', () => {
  it('round-trips every field kind through plain shapes', () => {
    const codec = orderCodec();
    const value = {
      id: 'o-1',
      lines: [{ sku: 'a', qty: 2, price: { currency: 'EUR', units: -5n } }],
      counters: { x: 9_007_199_254_740_993n },
      byId: { '-9223372036854775808': 'min', '18': 'x' },
      status: 'STATUS_OPEN',
      note: 'hi',
      payment: { case: 'card', value: { last4: '4242' } },
      createdAt: new Date('2024-01-02T03:04:05.678Z'),
      ttl: { seconds: 90n, nanos: 5 },
      priority: 0,
      attributes: { a: 1, b: [true, null, 'x'], c: { d: 'e' } },
      extra: null,
      payload: { typeUrl: 'type.googleapis.com/shop.Header', value: Buffer.from([1, 2]) },
      blob: Buffer.from('zz'),
      big: 18_446_744_073_709_551_615n,
      small: -9_223_372_036_854_775_808n,
      ratio: 0.5,
    };
    expect(codec.decode(codec.encode(value))).toEqual(value);
  });

  it('fills proto3 defaults on decode and leaves presence fields absent', () => {
    const codec = orderCodec();
    const decoded = codec.decode(codec.encode({}));
    expect(decoded).toEqual({
      id: '',
      lines: [],
      counters: {},
      byId: {},
      status: 'STATUS_UNSPECIFIED',
      payment: { case: undefined },
      blob: Buffer.alloc(0),
      big: 0n,
      small: 0n,
      ratio: 0,
    });
  });

  it('keeps unknown enum numbers instead of dropping them', () => {
    const codec = orderCodec();
    expect(codec.decode(codec.encode({ status: 7 }))['status']).toBe(7);
  });

  it('represents int64 as decimal strings with int64: string', () => {
    const codec = orderCodec({ ...options, int64: 'string', enums: 'number' });
    const decoded = codec.decode(
      codec.encode({ big: '18446744073709551615', status: 2, byId: { '5': 'five' } }),
    );
    expect(decoded['big']).toBe('18446744073709551615');
    expect(decoded['status']).toBe(2);
    expect(decoded['byId']).toEqual({ '5': 'five' });
  });

  it('maps Duration to milliseconds and keeps wrappers as messages when asked', () => {
    const codec = orderCodec({
      ...options,
      duration: 'milliseconds',
      wrappers: 'message',
      timestamp: 'message',
    });
    const value = { ttl: 1500.25, priority: { value: 3 }, createdAt: { seconds: 10n, nanos: 1 } };
    expect(codec.decode(codec.encode(value))).toMatchObject(value);
  });

  it('computes Confluent message indexes of top-level and nested messages', () => {
    expect(orderCodec().messageIndexes).toEqual([1]);
    expect(orderCodec(options, 'shop.Order.Card').messageIndexes).toEqual([1, 1]);
    expect(orderCodec(options, 'shop.Header').messageIndexes).toEqual([0]);
  });

  it('does not count map entries as nested messages (as @confluentinc/schemaregistry, unlike Python)', () => {
    const schema =
      'syntax = "proto3";\npackage m;\nmessage Outer {\n  map<string, string> tags = 1;\n  message Inner {}\n}\n';
    const codec = createProtobufCodec(
      protobufSchema({ name: 'm.Outer.Inner', fileName: 'm.proto', schema, references: [], options }),
    );
    expect(codec.messageIndexes).toEqual([0, 0]);
  });

  it('throws a ProtobufEncodeError naming the field path and the problem', () => {
    const codec = orderCodec();
    const bad = { lines: [{ sku: 'a', qty: -1 }] };
    expect(() => codec.encode(bad)).toThrow(ProtobufEncodeError);
    try {
      codec.encode(bad);
    } catch (err) {
      expect(isKgenError(err)).toBe(true);
      expect(err).toMatchObject({ field: 'Order.lines[0].qty', code: 'PROTOBUF_ENCODE' });
      expect((err as ProtobufEncodeError).problem).toMatch(/integer in \[0, 4294967295\]/);
    }
    expect(() => codec.encode({ big: -1n })).toThrow(/Order\.big.*out of range for uint64/);
    expect(() => codec.encode({ status: 'NOPE' })).toThrow(/unknown Status value "NOPE"/);
    expect(() => codec.encode({ payment: { case: 'cash', value: 1 } })).toThrow(
      /Order\.payment\.case.*unknown case/,
    );
    expect(() => codec.encode({ idd: 'x' })).toThrow(/Order\.idd.*unknown field/);
    expect(() => codec.encode({ createdAt: new Date(NaN) })).toThrow(/valid Date/);
  });

  it('accepts tells whether a value fits', () => {
    const codec = orderCodec();
    expect(codec.accepts({ id: 'x' })).toBe(true);
    expect(codec.accepts({ id: 1 })).toBe(false);
    expect(codec.accepts('nope')).toBe(false);
  });

  it('throws ProtobufDecodeError on a corrupt payload', () => {
    expect(() => orderCodec().decode(Buffer.from([0x0a, 0x05, 0x61]))).toThrow(ProtobufDecodeError);
  });

  it('decodes a payload of another schema version by field number', () => {
    const codec = orderCodec();
    const v2 = ORDER.replace('double ratio = 18;', 'double ratio = 18;\n  string added = 30;');
    const writerCodec = createProtobufCodec(
      protobufSchema<Record<string, unknown>>({
        name: 'shop.Order',
        fileName: 'shop/order.proto',
        schema: v2,
        references: [commonRef],
        options,
      }),
    );
    const read = codec.resolving({
      schemaType: 'PROTOBUF',
      schema: v2,
      references: [{ name: 'shop/common.proto', schema: COMMON }],
    });
    expect(read(writerCodec.encode({ id: 'x', added: 'new' }))).toMatchObject({ id: 'x' });
    expect(() =>
      codec.resolving({
        schemaType: 'PROTOBUF',
        schema: 'syntax = "proto3"; message Other {}',
        references: [],
      }),
    ).toThrow(ProtobufSchemaError);
  });

  it('rejects a descriptor whose message is missing or whose import is unresolved', () => {
    expect(() => orderCodec(options, 'shop.Nope')).toThrow(/message "shop.Nope" is not declared/);
    expect(() =>
      createProtobufCodec(
        protobufSchema({
          name: 'shop.Order',
          fileName: 'shop/order.proto',
          schema: ORDER,
          references: [],
          options,
        }),
      ),
    ).toThrow(/import "shop\/common.proto" not found/);
  });
});
