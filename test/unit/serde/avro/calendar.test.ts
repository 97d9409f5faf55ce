import { daysToIsoDate, isoDateToDays } from '../../../../src/serde/avro/calendar';

describe('calendar', () => {
  it.each([
    [0, '1970-01-01'],
    [-1, '1969-12-31'],
    [19782, '2024-02-29'],
    [-719528, '0000-01-01'],
    [2932896, '9999-12-31'],
  ])('day %i is %s', (days, iso) => {
    expect(daysToIsoDate(days)).toBe(iso);
    expect(isoDateToDays(iso)).toBe(days);
  });

  it('agrees with Date on every day of a few centuries', () => {
    for (let d = -80000; d < 80000; d += 37) {
      expect(daysToIsoDate(d)).toBe(new Date(d * 86_400_000).toISOString().slice(0, 10));
    }
  });

  it('handles years beyond Date and before year 0', () => {
    expect(isoDateToDays(daysToIsoDate(2 ** 31 - 1))).toBe(2 ** 31 - 1);
    expect(isoDateToDays(daysToIsoDate(-(2 ** 31)))).toBe(-(2 ** 31));
  });

  it('rejects what is not a calendar date', () => {
    expect(isoDateToDays('2023-02-29')).toBeUndefined();
    expect(isoDateToDays('2024-13-01')).toBeUndefined();
    expect(isoDateToDays('24-01-01')).toBeUndefined();
  });
});
