import {
  WireFormatError,
  frame,
  frameHeader,
  payloadOffset,
  schemaIdOf,
  unframe,
} from '../../../src/serde/wire-format';

describe('Confluent wire format', () => {
  it('frames Avro as magic byte 0 + big-endian schema id + payload', () => {
    const framed = frame(frameHeader(0x01020304), Buffer.from([9, 8]));
    expect([...framed]).toEqual([0, 1, 2, 3, 4, 9, 8]);
    expect(unframe(framed, false)).toEqual({ schemaId: 0x01020304, payload: Buffer.from([9, 8]) });
  });

  it('writes the first-message shortcut [0] as a single 0 byte', () => {
    const header = frameHeader(7, [0]);
    expect([...header]).toEqual([0, 0, 0, 0, 7, 0]);
    expect(unframe(frame(header, Buffer.from([1])), true)).toEqual({
      schemaId: 7,
      messageIndexes: [0],
      payload: Buffer.from([1]),
    });
  });

  it('writes other message-index paths as zig-zag varints with a count', () => {
    // [1, 0]: count 2 → 4, then 1 → 2, 0 → 0 (zig-zag)
    expect([...frameHeader(1, [1, 0])].slice(5)).toEqual([4, 2, 0]);
    // an index past 63 needs two varint bytes: 64 → zig-zag 128 → 0x80 0x01
    expect([...frameHeader(1, [64])].slice(5)).toEqual([2, 0x80, 0x01]);
    for (const path of [[1], [2, 3], [0, 0, 5], [200, 1]]) {
      expect(unframe(frame(frameHeader(42, path), Buffer.alloc(0)), true).messageIndexes).toEqual(path);
    }
  });

  it('rejects payloads that are not Confluent-framed, saying why', () => {
    expect(() => unframe(Buffer.from([0, 1]), false)).toThrow(/shorter than the 5-byte/);
    expect(() => unframe(Buffer.from([1, 0, 0, 0, 1]), false)).toThrow(WireFormatError);
    expect(() => unframe(Buffer.from([1, 0, 0, 0, 1]), false)).toThrow(/magic byte 1/);
    expect(() => unframe(Buffer.from([0, 0, 0, 0, 1, 0x80]), true)).toThrow(/truncated varint/);
  });
});

describe('payloadOffset (hot-path unframing)', () => {
  it('agrees with unframe for Avro, the first-message shortcut and longer index paths', () => {
    const cases: Array<[Buffer, boolean]> = [
      [frame(frameHeader(3), Buffer.from([1, 2])), false],
      [frame(frameHeader(3), Buffer.alloc(0)), false], // an empty Avro record is 0 bytes
      [frame(frameHeader(3, [0]), Buffer.from([8, 1])), true],
      [frame(frameHeader(3, [2, 1]), Buffer.from([8, 1])), true],
    ];
    for (const [data, protobuf] of cases)
      expect(payloadOffset(data, protobuf)).toBe(data.length - unframe(data, protobuf).payload.length);
    expect(payloadOffset(cases[0]![0], false)).toBe(5);
    expect(payloadOffset(cases[2]![0], true)).toBe(6);
  });

  it('reports a bad header like unframe', () => {
    expect(() => payloadOffset(Buffer.from([1, 0, 0, 0, 1, 0]), false)).toThrow(WireFormatError);
    expect(() => payloadOffset(Buffer.from([1, 0, 0, 0, 1, 0]), false)).toThrow(/unknown magic byte 1/);
    expect(() => payloadOffset(Buffer.from([0, 0, 0]), true)).toThrow(/shorter than the 5-byte/);
    expect(() => payloadOffset(Buffer.from([0, 0, 0, 0, 1]), true)).toThrow(WireFormatError);
  });
});

describe('schemaIdOf (hot-path header read)', () => {
  it('reads the id without unframing and reports a bad header like unframe', () => {
    expect(schemaIdOf(frame(frameHeader(0x01020304), Buffer.alloc(0)))).toBe(0x01020304);
    expect(() => schemaIdOf(Buffer.from([1, 0, 0, 0, 1]))).toThrow(/unknown magic byte 1/);
    expect(() => schemaIdOf(Buffer.from([0, 0]))).toThrow(/shorter than the 5-byte/);
  });
});
