import {
  isWrappedUnion,
  logicalRepresentation,
  maxDecimalPrecision,
} from '../../../../src/serde/avro/representation';
import type { AvroCodecOptions } from '../../../../src/topics';

const base: AvroCodecOptions = {
  long: 'number',
  unions: 'wrapped',
  timestamps: 'date',
  date: 'date',
  decimal: 'string',
};

describe('logicalRepresentation', () => {
  it('maps timestamps by option, keeping raw counts native when long has their representation', () => {
    const ms = { type: 'long', logicalType: 'local-timestamp-millis' };
    expect(logicalRepresentation(ms, base)).toEqual({ kind: 'timestamp', unit: 'millis', as: 'date' });
    expect(logicalRepresentation(ms, { ...base, timestamps: 'number' })).toBeUndefined();
    expect(logicalRepresentation(ms, { ...base, timestamps: 'number', long: 'bigint' })).toEqual({
      kind: 'timestamp',
      unit: 'millis',
      as: 'number',
    });
    // Micros default to the exact number of microseconds, not a Date (which would drop them).
    const us = { type: 'long', logicalType: 'local-timestamp-micros' };
    expect(logicalRepresentation(us, base)).toBeUndefined();
    expect(logicalRepresentation(us, { ...base, long: 'bigint' })).toEqual({
      kind: 'timestamp',
      unit: 'micros',
      as: 'number',
    });
    expect(logicalRepresentation(us, { ...base, timestampMicros: 'bigint' })).toEqual({
      kind: 'timestamp',
      unit: 'micros',
      as: 'bigint',
    });
    expect(logicalRepresentation(us, { ...base, timestampMicros: 'bigint', long: 'bigint' })).toBeUndefined();
    expect(logicalRepresentation(us, { ...base, timestampMicros: 'date-lossy' })).toEqual({
      kind: 'timestamp',
      unit: 'micros',
      as: 'date-lossy',
    });
  });

  it('falls back to the underlying type for invalid logical types, as the spec says', () => {
    expect(logicalRepresentation({ type: 'int', logicalType: 'timestamp-millis' }, base)).toBeUndefined();
    expect(
      logicalRepresentation({ type: 'bytes', logicalType: 'decimal', precision: 2, scale: 3 }, base),
    ).toBeUndefined();
    expect(logicalRepresentation({ type: 'bytes', logicalType: 'decimal' }, base)).toBeUndefined();
    const tooSmall = { type: 'fixed', name: 'F', size: 2, logicalType: 'decimal', precision: 5 };
    expect(logicalRepresentation(tooSmall, base)).toBeUndefined();
    expect(maxDecimalPrecision(2)).toBe(4);
  });

  it('leaves time-*, uuid and unknown logical types to the underlying type', () => {
    for (const logicalType of ['time-millis', 'time-micros', 'uuid', 'duration', 'made-up']) {
      expect(logicalRepresentation({ type: 'long', logicalType }, base)).toBeUndefined();
    }
  });

  it('keeps date and decimal raw when asked', () => {
    expect(
      logicalRepresentation({ type: 'int', logicalType: 'date' }, { ...base, date: 'number' }),
    ).toBeUndefined();
    const dec = { type: 'bytes', logicalType: 'decimal', precision: 4, scale: 2 };
    expect(logicalRepresentation(dec, { ...base, decimal: 'bytes' })).toBeUndefined();
    expect(logicalRepresentation(dec, base)).toEqual({ kind: 'decimal', precision: 4, scale: 2 });
  });
});

describe('isWrappedUnion', () => {
  it('never wraps ["null", T] or single-branch unions', () => {
    expect(isWrappedUnion(['null', 'string'], base)).toBe(false);
    expect(isWrappedUnion([{ type: 'null' }, 'string'], base)).toBe(false);
    expect(isWrappedUnion(['string'], base)).toBe(false);
    expect(isWrappedUnion(['null', 'string', 'int'], base)).toBe(true);
    expect(isWrappedUnion(['null', 'string', 'int'], { ...base, unions: 'plain' })).toBe(false);
  });
});
