import fc from 'fast-check';
import { createAvroCodec } from '../../../../src/serde/avro/codec';
import { DEFAULT_AVRO_CODEC_OPTIONS } from '../../../../src/serde/avro/default-options';
import { AvroDecodeError } from '../../../../src/serde/avro/errors';
import { avroSchema, type AvroCodecOptions } from '../../../../src/topics';
import { refBytes, refDouble, refFloat, refLong, refTwosComplement } from './avro-reference';

/**
 * A consumer that reads a record and produces it again must write the bytes it read. Payloads come from the
 * independent reference encoder with random values; every default mapping must give them back unchanged.
 */
const long = (logicalType?: string) => (logicalType ? { type: 'long', logicalType } : 'long');
const FIELDS: Array<{ name: string; type: unknown }> = [
  { name: 'tsMillis', type: long('timestamp-millis') },
  { name: 'tsMicros', type: long('timestamp-micros') },
  { name: 'localMillis', type: long('local-timestamp-millis') },
  { name: 'localMicros', type: long('local-timestamp-micros') },
  { name: 'tsNanos', type: long('timestamp-nanos') },
  { name: 'timeMicros', type: long('time-micros') },
  { name: 'plainLong', type: long() },
  { name: 'day', type: { type: 'int', logicalType: 'date' } },
  { name: 'timeMillis', type: { type: 'int', logicalType: 'time-millis' } },
  { name: 'plainInt', type: 'int' },
  { name: 'decBytes', type: { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 } },
  {
    name: 'decFixed',
    type: { type: 'fixed', name: 'Money', size: 8, logicalType: 'decimal', precision: 18, scale: 4 },
  },
  { name: 'uuid', type: { type: 'string', logicalType: 'uuid' } },
  { name: 'md5', type: { type: 'fixed', name: 'Md5', size: 16 } },
  { name: 'duration', type: { type: 'fixed', name: 'Duration', size: 12, logicalType: 'duration' } },
  { name: 'blob', type: 'bytes' },
  { name: 'float', type: 'float' },
  { name: 'double', type: 'double' },
  { name: 'flag', type: 'boolean' },
];
const SCHEMA = JSON.stringify({ type: 'record', name: 'All', fields: FIELDS });

function codec(options: AvroCodecOptions = DEFAULT_AVRO_CODEC_OPTIONS) {
  return createAvroCodec(avroSchema({ name: 'All', schema: SCHEMA, references: [], options }));
}

const SAFE = 2n ** 53n - 1n;
const DATE_MS = 8_640_000_000_000_000n;
const range = (max: bigint) => fc.bigInt({ min: -max, max });
const bytes = (n?: number) =>
  fc.uint8Array(n === undefined ? { maxLength: 40 } : { minLength: n, maxLength: n }).map(Buffer.from);

/** Raw field values (what the bytes hold), each within what the default representation holds exactly. */
const rawRecord = fc.record({
  tsMillis: fc.oneof(fc.constantFrom(-DATE_MS, DATE_MS, 0n, -1n), range(DATE_MS)),
  tsMicros: fc.oneof(fc.constantFrom(-SAFE, SAFE, -1n, 1_700_000_000_123_457n), range(SAFE)),
  localMillis: range(DATE_MS),
  localMicros: range(SAFE),
  tsNanos: range(SAFE),
  timeMicros: fc.bigInt({ min: 0n, max: 86_400_000_000n }),
  plainLong: range(SAFE),
  day: fc.oneof(fc.constantFrom(-100_000_000n, 100_000_000n), range(100_000_000n)),
  timeMillis: fc.bigInt({ min: 0n, max: 86_400_000n }),
  plainInt: fc.bigInt({ min: -(2n ** 31n), max: 2n ** 31n - 1n }),
  decBytes: range(10n ** 10n - 1n),
  decFixed: range(10n ** 18n - 1n),
  uuid: fc.uuid(),
  md5: bytes(16),
  duration: bytes(12),
  blob: bytes(),
  float: fc.float(),
  double: fc.double(),
  flag: fc.boolean(),
});
type Raw = typeof rawRecord extends fc.Arbitrary<infer R> ? R : never;

function refRecord(r: Raw): Buffer {
  return Buffer.concat([
    ...[r.tsMillis, r.tsMicros, r.localMillis, r.localMicros, r.tsNanos, r.timeMicros, r.plainLong].map(
      refLong,
    ),
    ...[r.day, r.timeMillis, r.plainInt].map(refLong),
    refBytes(refTwosComplement(r.decBytes)),
    refTwosComplement(r.decFixed, 8),
    refBytes(Buffer.from(r.uuid)),
    r.md5,
    r.duration,
    refBytes(r.blob),
    refFloat(r.float),
    refDouble(r.double),
    Buffer.from([r.flag ? 1 : 0]),
  ]);
}

/** NaN payloads are not values: the spec's encoders write the canonical NaN. */
const canonicalNaN = (r: Raw): Raw => ({
  ...r,
  float: Number.isNaN(r.float) ? Number.NaN : r.float,
  double: Number.isNaN(r.double) ? Number.NaN : r.double,
});

describe('default Avro mapping round trip (read, then write back)', () => {
  const c = codec();

  it('writes back exactly the bytes it read, for random values of every type', () => {
    fc.assert(
      fc.property(rawRecord.map(canonicalNaN), (raw) => {
        const payload = refRecord(raw);
        expect(c.encode(c.decode(payload))).toEqual(payload);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps the microseconds of timestamp-micros (the issue: a Date dropped them)', () => {
    const payload = refRecord({
      ...fc.sample(rawRecord.map(canonicalNaN), { numRuns: 1, seed: 1 })[0]!,
      tsMicros: 1_700_000_000_123_457n,
      localMicros: -1n,
    });
    const value = c.decode(payload) as Record<string, unknown>;
    expect(value['tsMicros']).toBe(1_700_000_000_123_457);
    expect(value['localMicros']).toBe(-1);
    expect(c.encode(value)).toEqual(payload);
  });

  it('throws naming the field for a value the default cannot hold, instead of changing it', () => {
    const base = fc.sample(rawRecord.map(canonicalNaN), { numRuns: 1, seed: 2 })[0]!;
    const cases: Array<[Partial<Raw>, string, RegExp]> = [
      [{ tsMillis: DATE_MS + 1n }, '$.tsMillis', /outside the range of a Date/],
      [{ localMillis: -DATE_MS - 1n }, '$.localMillis', /outside the range of a Date/],
      [{ tsMicros: SAFE + 1n }, '$.tsMicros', /outside ±\(2\^53 − 1\)/],
      [{ day: 100_000_001n }, '$.day', /outside the range of a Date.*date: 'string'/],
    ];
    for (const [patch, path, reason] of cases) {
      let err: unknown;
      try {
        c.decode(refRecord({ ...base, ...patch }));
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(AvroDecodeError);
      expect(err).toMatchObject({ fieldPath: path });
      expect((err as Error).message).toMatch(reason);
    }
  });

  it('with timestampMicros: bigint, keeps every micros value of the full 64-bit range', () => {
    const big = codec({ ...DEFAULT_AVRO_CODEC_OPTIONS, timestampMicros: 'bigint' });
    const full = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
    fc.assert(
      fc.property(rawRecord.map(canonicalNaN), full, (raw, micros) => {
        const payload = refRecord({ ...raw, tsMicros: micros, localMicros: micros });
        const value = big.decode(payload) as Record<string, unknown>;
        expect(value['tsMicros']).toBe(micros);
        expect(big.encode(value)).toEqual(payload);
      }),
      { numRuns: 200 },
    );
  });

  it('loses the microseconds only with the opt-in timestampMicros: date-lossy', () => {
    const lossy = codec({ ...DEFAULT_AVRO_CODEC_OPTIONS, timestampMicros: 'date-lossy' });
    const base = fc.sample(rawRecord.map(canonicalNaN), { numRuns: 1, seed: 3 })[0]!;
    const value = lossy.decode(refRecord({ ...base, tsMicros: 1_700_000_000_123_457n })) as {
      tsMicros: Date;
    };
    expect(value.tsMicros).toEqual(new Date(1_700_000_000_123));
  });
});
