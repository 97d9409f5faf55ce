import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import fc from 'fast-check';
import { createAvroCodec } from '../../../src/serde/avro/codec';
import { DEFAULT_AVRO_CODEC_OPTIONS } from '../../../src/serde/avro/default-options';
import { avroSchema, type AvroCodecOptions } from '../../../src/topics';
import { peerDescribe, PYTHON_PEER, pythonPeerPlan } from '../../helpers/interop-peer';

/**
 * Numeric limits against Python fastavro, an Avro implementation that shares no code with avsc or kgen:
 * kgen must write the bytes fastavro writes, and each must read what the other wrote. No broker needed.
 */
const python = PYTHON_PEER;
const peer = join(__dirname, '../../interop/python/avro_numeric_peer.py');

type Case = { type: 'int' | 'long' | 'float' | 'double'; value: string; options?: AvroCodecOptions };

function codec(type: string, options: AvroCodecOptions = DEFAULT_AVRO_CODEC_OPTIONS) {
  const schema = JSON.stringify({ type: 'record', name: 'C', fields: [{ name: 't', type }] });
  return createAvroCodec<{ t: unknown }, { t: unknown }>(
    avroSchema({ name: 'C', schema, references: [], options }),
  );
}

const BIGINT = { ...DEFAULT_AVRO_CODEC_OPTIONS, long: 'bigint' } as const;
const P = (n: number): bigint => 2n ** BigInt(n);
const around = (edges: bigint[]) => edges.flatMap((e) => [e - 1n, e, e + 1n, -e - 1n, -e, -e + 1n]);
const EDGES = around([0n, P(7), P(31), P(32), P(52), P(53) - 1n, P(53), P(62), P(63) - 1n]).filter(
  (v) => v >= -P(63) && v < P(63),
);
const SAFE = P(53) - 1n;

function cases(): Case[] {
  const longs = [
    ...EDGES,
    ...fc.sample(fc.bigInt({ min: -P(63), max: P(63) - 1n }), { numRuns: 200, seed: 18 }),
  ];
  const doubles = [
    ...['NaN', 'Infinity', '-Infinity', '-0.0', '0.0', '5e-324', '1.7976931348623157e+308', '0.1'],
    ...fc.sample(fc.double({ noNaN: true }), { numRuns: 200, seed: 18 }).map(String),
  ];
  return [
    ...longs.map((v): Case => ({ type: 'long', value: String(v), options: BIGINT })),
    ...longs.filter((v) => v >= -SAFE && v <= SAFE).map((v): Case => ({ type: 'long', value: String(v) })),
    ...longs.filter((v) => v >= -P(31) && v < P(31)).map((v): Case => ({ type: 'int', value: String(v) })),
    ...doubles.map((value): Case => ({ type: 'double', value })),
    ...doubles.map((value): Case => ({ type: 'float', value })),
  ];
}

function runtimeValue(c: Case): unknown {
  if (c.type === 'long' && c.options?.long === 'bigint') return BigInt(c.value);
  return Number(c.value);
}

peerDescribe(pythonPeerPlan())('Avro numbers against Python fastavro', () => {
  it('writes the same bytes as fastavro and reads each other back, at and around every limit', () => {
    const all = cases();
    const withKgen = all.map((c) => ({
      type: c.type,
      value: c.value,
      kgen_hex: codec(c.type, c.options)
        .encode({ t: runtimeValue(c) })
        .toString('hex'),
    }));
    const res = spawnSync(python, [peer], { input: JSON.stringify({ cases: withKgen }), encoding: 'utf8' });
    expect(res.stderr).toBe('');
    const out = JSON.parse(res.stdout) as { encoded: string[]; decoded: string[] };
    all.forEach((c, i) => {
      const what = `${c.type} ${c.value}${c.options ? ' (bigint)' : ''}`;
      const theirs = Buffer.from(out.encoded[i]!, 'hex');
      expect([what, withKgen[i]!.kgen_hex]).toEqual([what, out.encoded[i]]);
      const read = codec(c.type, c.options).decode(theirs).t;
      const expected = c.type === 'float' ? Math.fround(Number(c.value)) : runtimeValue(c);
      expect([what, Object.is(read, expected)]).toEqual([what, true]);
      const back = out.decoded[i]!;
      const theirRead = c.options ? BigInt(back) : Number(back);
      expect([what, Object.is(theirRead, expected)]).toEqual([what, true]);
    });
  });

  it('refuses, naming the field, the longs past ±(2^53 − 1) that fastavro writes, with long: number', () => {
    const unsafe = EDGES.filter((v) => v > SAFE || v < -SAFE);
    const res = spawnSync(python, [peer], {
      input: JSON.stringify({ cases: unsafe.map((v) => ({ type: 'long', value: String(v) })) }),
      encoding: 'utf8',
    });
    const out = JSON.parse(res.stdout) as { encoded: string[] };
    const c = codec('long');
    out.encoded.forEach((hex) => {
      expect(() => c.decode(Buffer.from(hex, 'hex'))).toThrow(/\$\.t: long -?\d+ is outside ±\(2\^53 − 1\)/);
    });
  });
});
