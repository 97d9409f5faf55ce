import type { TxStore } from '../store/tx-store';

/**
 * Key under which a stateful operator keeps its stream time in its own store: byte 0x00 comes before every
 * key tag of the internal codec, so it never collides with a record key, and it is changelogged (and rolled
 * back on abort) with the state it governs.
 */
export const STREAM_TIME_KEY = Buffer.of(0);

/** The operator's stream time (the largest event time it has seen), -1 before its first record. */
export function streamTime(store: TxStore): number {
  const b = store.get(STREAM_TIME_KEY);
  return b ? Number(b.readBigInt64BE(0)) : -1;
}

export function setStreamTime(store: TxStore, t: number): void {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(BigInt(t));
  store.put(STREAM_TIME_KEY, b);
}

/** Record key bytes followed by a big-endian ms time: how window, session and buffer keys are laid out. */
export function timedKey(keyBytes: Buffer, t: number, extra?: number): Buffer {
  const b = Buffer.alloc(keyBytes.length + (extra === undefined ? 8 : 16));
  keyBytes.copy(b, 0);
  b.writeBigUInt64BE(BigInt(t), keyBytes.length);
  if (extra !== undefined) b.writeBigUInt64BE(BigInt(extra), keyBytes.length + 8);
  return b;
}

/** Splits a {@link timedKey} (with `suffixes` 8-byte times) into the record key bytes and the times. */
export function splitTimedKey(key: Buffer, suffixes = 1): { keyBytes: Buffer; times: number[] } {
  const at = key.length - 8 * suffixes;
  const times: number[] = [];
  for (let i = 0; i < suffixes; i++) times.push(Number(key.readBigUInt64BE(at + 8 * i)));
  return { keyBytes: key.subarray(0, at), times };
}

/** Entries of one record key with times in `[from, to)` (exact key length: no other key's entries). */
export function* keyRange(
  store: TxStore,
  keyBytes: Buffer,
  from: number,
  to: number,
  suffixes = 1,
): IterableIterator<[Buffer, Buffer]> {
  if (to <= from) return;
  const lo = timedKey(keyBytes, Math.max(0, from), suffixes === 2 ? 0 : undefined);
  const hi = timedKey(keyBytes, to, suffixes === 2 ? 0 : undefined);
  for (const e of store.range(lo, hi)) if (e[0].length === keyBytes.length + 8 * suffixes) yield e;
}
