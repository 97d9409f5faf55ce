import * as avro from 'avsc';
import { framedEncoder } from '../../../../src/serde/avro/framed-encoder';
import { frame, frameHeader } from '../../../../src/serde/wire-format';

const type = avro.Type.forSchema({
  type: 'record',
  name: 'Note',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'text', type: 'string' },
  ],
});

describe('framedEncoder', () => {
  const header = frameHeader(42);

  it('writes the same bytes as framing toBuffer', () => {
    const encode = framedEncoder(type);
    const value = { id: 7, text: 'hello' };
    expect(encode(header, value)).toEqual(frame(header, type.toBuffer(value)));
  });

  it('gives a value larger than a slab a buffer of its own, and stays correct afterwards', () => {
    const encode = framedEncoder(type);
    const big = { id: 1, text: 'x'.repeat(100_000) };
    const small = { id: 2, text: 'y' };
    expect(encode(header, big)).toEqual(frame(header, type.toBuffer(big)));
    expect(encode(header, small)).toEqual(frame(header, type.toBuffer(small)));
  });

  it('returns buffers that later calls do not overwrite', () => {
    const encode = framedEncoder(type);
    const first = encode(header, { id: 1, text: 'first' });
    encode(frameHeader(43), { id: 2, text: 'second' });
    expect(type.fromBuffer(first.subarray(5))).toEqual({ id: 1, text: 'first' });
    expect(first.readUInt32BE(1)).toBe(42);
  });

  it('keeps every record intact while records fill several slabs', () => {
    const encode = framedEncoder(type);
    let seed = 12345;
    const nextLength = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 300;
    const values = Array.from({ length: 3000 }, (_, i) => ({ id: i, text: 'z'.repeat(nextLength()) }));
    const encoded = values.map((v) => encode(header, v));
    const slabs = new Set(encoded.map((b) => b.buffer));
    expect(slabs.size).toBeGreaterThan(3); // ~450 KB of records: they crossed slab ends
    encoded.forEach((bytes, i) => expect(bytes).toEqual(frame(header, type.toBuffer(values[i]))));
  });

  it('moves to a fresh slab when not even the header fits the end of the current one', () => {
    const encode = framedEncoder(type);
    // 5 header + 1 id + 3 length + 65 524 text = 65 533 bytes: 3 bytes of the 64 KiB slab stay free.
    const filler = { id: 1, text: 'f'.repeat(65_524) };
    const first = encode(header, filler);
    expect(first.length).toBe(65_533);
    const next = encode(header, { id: 2, text: 'after' });
    expect(next.buffer).not.toBe(first.buffer);
    expect(first).toEqual(frame(header, type.toBuffer(filler)));
    expect(next).toEqual(frame(header, type.toBuffer({ id: 2, text: 'after' })));
  });

  it('a failed encode leaves earlier records as they were', () => {
    const encode = framedEncoder(type);
    const before = encode(header, { id: 1, text: 'kept' });
    expect(() => encode(header, { id: 2, text: 7 })).toThrow();
    const after = encode(header, { id: 3, text: 'next' });
    expect(before).toEqual(frame(header, type.toBuffer({ id: 1, text: 'kept' })));
    expect(after).toEqual(frame(header, type.toBuffer({ id: 3, text: 'next' })));
  });

  it('throws on a value that does not fit the schema', () => {
    const encode = framedEncoder(type);
    expect(() => encode(header, { id: 'seven', text: 'x' })).toThrow();
  });
});
