import { describe, scalarDecoder, type Decode, type Encode, type Fail, type Key } from './scalars';

/** google.protobuf.Timestamp's range: 0001-01-01T00:00:00Z .. 9999-12-31T23:59:59.999999999Z. */
export const TIMESTAMP_MIN_SECONDS = -62_135_596_800n;
export const TIMESTAMP_MAX_SECONDS = 253_402_300_799n;
/** google.protobuf.Duration's range: ±10 000 years in seconds. */
export const DURATION_MAX_SECONDS = 315_576_000_000n;
const NANOS_MAX = 999_999_999;
const TIMESTAMP_RANGE = '0001-01-01T00:00:00Z..9999-12-31T23:59:59.999999999Z';

/** Wire object of a Timestamp or Duration: zero fields left out, as a canonical encoder writes them. */
function wire(seconds: bigint, nanos: number): { seconds?: number | string; nanos?: number } {
  const out: { seconds?: number | string; nanos?: number } = {};
  // protobufjs takes int64 as a number when safe (always, within both ranges) or a decimal string.
  if (seconds !== 0n) out.seconds = Number(seconds);
  if (nanos !== 0) out.nanos = nanos;
  return out;
}

type SecondsOf = (m: { seconds?: unknown }) => unknown;

/** `{ seconds, nanos }` of the plain message shape, checked as integers; undefined fields are 0. */
function parts(v: unknown, p: string, k: Key, fail: Fail, what: string): [bigint, number] {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || v instanceof Date || v instanceof Uint8Array)
    return fail(p, k, `expected a ${what} { seconds, nanos }, got ${describe(v)}`);
  const m = v as { seconds?: unknown; nanos?: unknown };
  for (const key of Object.keys(m))
    if (key !== 'seconds' && key !== 'nanos')
      fail(p, k, `unknown field "${key}" of ${what} (has: seconds, nanos)`);
  const s = Object.prototype.hasOwnProperty.call(m, 'seconds') ? m.seconds : undefined;
  const n = Object.prototype.hasOwnProperty.call(m, 'nanos') ? m.nanos : undefined;
  let seconds: bigint;
  if (s === undefined) seconds = 0n;
  else if (typeof s === 'bigint') seconds = s;
  else if (typeof s === 'number' && Number.isSafeInteger(s)) seconds = BigInt(s);
  else if (typeof s === 'string' && /^-?\d+$/.test(s)) seconds = BigInt(s);
  else
    return fail(p, k, `${what}.seconds: expected an integer (bigint or decimal string), got ${describe(s)}`);
  if (n !== undefined && (typeof n !== 'number' || !Number.isInteger(n)))
    return fail(p, k, `${what}.nanos: expected an integer, got ${describe(n)}`);
  return [seconds, n ?? 0];
}

function checkTimestamp(seconds: bigint, nanos: number, p: string, k: Key, fail: Fail): void {
  if (nanos < 0 || nanos > NANOS_MAX)
    fail(p, k, `Timestamp nanos ${nanos} is out of range (0..${NANOS_MAX})`);
  if (seconds < TIMESTAMP_MIN_SECONDS || seconds > TIMESTAMP_MAX_SECONDS)
    fail(p, k, `Timestamp seconds ${seconds} is out of range (${TIMESTAMP_RANGE})`);
}

function checkDuration(seconds: bigint, nanos: number, p: string, k: Key, fail: Fail): void {
  if (seconds < -DURATION_MAX_SECONDS || seconds > DURATION_MAX_SECONDS)
    fail(p, k, `Duration seconds ${seconds} is out of range (±${DURATION_MAX_SECONDS})`);
  if (nanos < -NANOS_MAX || nanos > NANOS_MAX)
    fail(p, k, `Duration nanos ${nanos} is out of range (±${NANOS_MAX})`);
  if ((seconds > 0n && nanos < 0) || (seconds < 0n && nanos > 0))
    fail(p, k, `Duration seconds ${seconds} and nanos ${nanos} have opposite signs`);
}

/** Timestamp or Duration as the exact `{ seconds, nanos }` message (seconds per the `int64` option). */
export function timeMessageCodec(
  kind: 'Timestamp' | 'Duration',
  int64: 'bigint' | 'string',
  fail: Fail,
): [Encode, Decode] {
  const check = kind === 'Timestamp' ? checkTimestamp : checkDuration;
  const seconds = scalarDecoder('int64', int64);
  const secondsOf: SecondsOf = (m) => m.seconds ?? 0;
  return [
    (v, p, k) => {
      const [s, n] = parts(v, p, k, fail, kind);
      check(s, n, p, k, fail);
      return wire(s, n);
    },
    (v) => {
      const m = v as { seconds?: unknown; nanos?: number };
      return { seconds: seconds(secondsOf(m)), nanos: m.nanos ?? 0 };
    },
  ];
}

/** Timestamp as a `Date`: lossy (a Date holds milliseconds; nanoseconds below them are dropped on decode). */
export function timestampDateCodec(fail: Fail): [Encode, Decode] {
  return [
    (v, p, k) => {
      if (!(v instanceof Date)) return fail(p, k, `expected a Date, got ${describe(v)}`);
      const ms = v.getTime();
      if (Number.isNaN(ms)) return fail(p, k, `expected a valid Date, got ${describe(v)}`);
      const seconds = Math.floor(ms / 1000);
      const s = BigInt(seconds);
      if (s < TIMESTAMP_MIN_SECONDS || s > TIMESTAMP_MAX_SECONDS)
        return fail(
          p,
          k,
          `Date ${v.toISOString()} is out of range for google.protobuf.Timestamp (${TIMESTAMP_RANGE})`,
        );
      return wire(s, (ms - seconds * 1000) * 1_000_000);
    },
    (v) => {
      const m = v as { seconds?: unknown; nanos?: number };
      return new Date(Number(m.seconds ?? 0) * 1000 + Math.floor((m.nanos ?? 0) / 1_000_000));
    },
  ];
}

/** Duration as milliseconds: lossy (fractional milliseconds carry double rounding). */
export function durationMillisCodec(fail: Fail): [Encode, Decode] {
  return [
    (v, p, k) => {
      if (typeof v !== 'number' || !Number.isFinite(v))
        return fail(p, k, `expected milliseconds as a finite number, got ${describe(v)}`);
      let seconds = Math.trunc(v / 1000);
      let nanos = Math.round((v - seconds * 1000) * 1_000_000);
      // Rounding can carry a whole second.
      if (Math.abs(nanos) > NANOS_MAX) {
        seconds += Math.sign(nanos);
        nanos = 0;
      }
      const s = BigInt(seconds);
      if (s < -DURATION_MAX_SECONDS || s > DURATION_MAX_SECONDS)
        return fail(p, k, `Duration of ${v} ms is out of range (±${DURATION_MAX_SECONDS} s)`);
      return wire(s, nanos);
    },
    (v) => {
      const m = v as { seconds?: unknown; nanos?: number };
      return Number(m.seconds ?? 0) * 1000 + (m.nanos ?? 0) / 1_000_000;
    },
  ];
}
