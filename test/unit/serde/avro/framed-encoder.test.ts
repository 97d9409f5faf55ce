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

  it('grows its scratch buffer for a value larger than it, and stays correct afterwards', () => {
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

  it('throws on a value that does not fit the schema', () => {
    const encode = framedEncoder(type);
    expect(() => encode(header, { id: 'seven', text: 'x' })).toThrow();
  });
});
