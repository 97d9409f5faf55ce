/** Days since 1970-01-01 ↔ proleptic Gregorian `YYYY-MM-DD`, exact for every Avro `int` (no `Date` limits). */

const DAYS_PER_ERA = 146097;

/** Civil date of a day number (algorithm by H. Hinnant, "chrono-compatible low-level date algorithms"). */
export function daysToIsoDate(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / DAYS_PER_ERA);
  const doe = z - era * DAYS_PER_ERA;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const year = y < 0 ? `-${String(-y).padStart(4, '0')}` : String(y).padStart(4, '0');
  return `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const ISO_DATE = /^(-?\d{4,})-(\d{2})-(\d{2})$/;

/** Day number of a `YYYY-MM-DD` string, or `undefined` if it is not a real calendar date. */
export function isoDateToDays(text: string): number | undefined {
  const m = ISO_DATE.exec(text);
  if (!m) return undefined;
  const y0 = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const y = month <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const days = era * DAYS_PER_ERA + doe - 719468;
  return daysToIsoDate(days) === text ? days : undefined;
}
