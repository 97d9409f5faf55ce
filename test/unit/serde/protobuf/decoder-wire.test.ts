import { Writer } from 'protobufjs';
import { createProtobufCodec, ProtobufDecodeError } from '../../../../src/serde/protobuf';
import { protobufSchema } from '../../../../src/topics';

// The compiled decoder follows protobufjs's wire rules beyond what kgen's own encoder writes.

const SCHEMA = `syntax = "proto2";
package t;
message Inner { optional int32 a = 1; optional int32 b = 2; }
message M {
  required string name = 1;
  repeated int32 nums = 2 [packed = true];
  optional Inner inner = 3;
  optional group Blob = 4 { optional int32 x = 5; }
  map<int64, string> by_id = 6;
  optional sint64 delta = 7;
}
`;

const codec = createProtobufCodec(
  protobufSchema<Record<string, unknown>, Record<string, unknown>>({
    name: 't.M',
    fileName: 't.proto',
    schema: SCHEMA,
    references: [],
    options: { int64: 'bigint', enums: 'string', timestamp: 'date' },
  }),
);

const bytes = (write: (w: Writer) => void): Buffer => {
  const w = Writer.create();
  write(w);
  return Buffer.from(w.finish());
};
const name = (w: Writer): Writer => w.uint32(10).string('n');

describe('compiled Protobuf decoder', () => {
  it('reads repeated scalars packed and unpacked', () => {
    const packed = bytes((w) => name(w).uint32(18).fork().int32(1).int32(-2).ldelim());
    const unpacked = bytes((w) => name(w).uint32(16).int32(1).uint32(16).int32(-2));
    expect(codec.decode(packed)).toMatchObject({ nums: [1, -2] });
    expect(codec.decode(unpacked)).toMatchObject({ nums: [1, -2] });
  });

  it('merges a message field that occurs twice, and skips unknown fields and wrong wire types', () => {
    const payload = bytes((w) => {
      name(w).uint32(26).fork().uint32(8).int32(1).ldelim();
      w.uint32((99 << 3) | 2).string('unknown');
      w.uint32((7 << 3) | 2).string('wrong wire type');
      w.uint32(26).fork().uint32(16).int32(2).ldelim();
    });
    expect(codec.decode(payload)).toEqual({ name: 'n', nums: [], inner: { a: 1, b: 2 }, byId: {} });
  });

  it('round-trips groups, 64-bit map keys and sint64', () => {
    const value = {
      name: 'n',
      nums: [3],
      blob: { x: 5 },
      byId: { '-1': 'a', '9007199254740993': 'b' },
      delta: -5n,
    };
    expect(codec.decode(codec.encode(value))).toEqual(value);
  });

  it('throws ProtobufDecodeError for a missing required field and for truncated input', () => {
    expect(() => codec.decode(bytes((w) => w.uint32(16).int32(1)))).toThrow(ProtobufDecodeError);
    expect(() => codec.decode(bytes((w) => w.uint32(16).int32(1)))).toThrow("missing required 'name'");
    expect(() => codec.decode(Buffer.from([10, 5, 97]))).toThrow(ProtobufDecodeError);
    expect(() => codec.decode(Buffer.from([56, 0x80]))).toThrow(ProtobufDecodeError);
  });
});
