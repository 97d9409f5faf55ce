import {
  bytesToDecimal,
  decimalToBytes,
  formatDecimal,
  parseDecimal,
} from '../../../../src/serde/avro/decimal';

describe('decimal', () => {
  it.each([
    ['-1.23', 2, -123n, '85'],
    ['-1.29', 2, -129n, 'ff7f'],
    ['0.00', 2, 0n, '00'],
    ['1.28', 2, 128n, '0080'],
    ['-1.28', 2, -128n, '80'],
    ['12345678901234567890.12', 2, 1234567890123456789012n, '42ed123b0bd8203a14'],
  ])('%s at scale %i is %s, bytes %s (big-endian two’s complement)', (text, scale, unscaled, hex) => {
    expect(parseDecimal(text, 38, scale)).toBe(unscaled);
    expect(decimalToBytes(unscaled)!.toString('hex')).toBe(hex);
    expect(bytesToDecimal(Buffer.from(hex, 'hex'))).toBe(unscaled);
    expect(formatDecimal(unscaled, scale)).toBe(text);
  });

  it('pads missing fractional digits and accepts a sign', () => {
    expect(parseDecimal('+5', 4, 2)).toBe(500n);
    expect(formatDecimal(-5n, 3)).toBe('-0.005');
  });

  it('sign-extends to a fixed size and refuses values that do not fit', () => {
    expect(decimalToBytes(-2n, 4)!.toString('hex')).toBe('fffffffe');
    expect(decimalToBytes(128n, 1)).toBeUndefined();
  });

  it('explains values that do not fit the precision or scale, never rounds', () => {
    expect(parseDecimal('1.005', 10, 2)).toMatch(/3 fractional digits; the schema's scale is 2/);
    expect(parseDecimal('123.4', 3, 1)).toMatch(/4 significant digits; the schema's precision is 3/);
    expect(parseDecimal('1e3', 10, 2)).toMatch(/not a decimal number/);
    expect(parseDecimal('000.10', 2, 2)).toBe(10n);
  });
});
