import { WireReader, WireWriter } from '../../../src/ops/kafka-wire';

describe('kafka wire encoding', () => {
  it('round-trips the classic types, null strings and arrays', () => {
    const bytes = new WireWriter()
      .int8(-2)
      .int16(300)
      .int32(-70000)
      .bool(true)
      .string('héllo')
      .string(null)
      .array(['a', 'bc'], (w, s) => w.string(s))
      .array(null, (w, s: string) => w.string(s))
      .bytes();
    const r = new WireReader(bytes);
    expect([r.int8(), r.int16(), r.int32(), r.bool(), r.string(), r.string()]).toEqual([
      -2,
      300,
      -70000,
      true,
      'héllo',
      null,
    ]);
    expect(r.array((x) => x.string())).toEqual(['a', 'bc']);
    expect(r.int32()).toBe(-1);
  });

  it('big-endian, length-prefixed strings as Kafka defines them', () => {
    expect(new WireWriter().int16(1).string('ab').bytes()).toEqual(Buffer.from([0, 1, 0, 2, 0x61, 0x62]));
  });

  it('refuses to read past the end of a truncated response', () => {
    expect(() => new WireReader(Buffer.from([0, 5, 0x61])).string()).toThrow(
      'truncated Kafka response (wanted 5 bytes at 2)',
    );
  });
});
