/**
 * Room the serializers cut their records from, each record a view of its own stretch. Serializing is the hot path
 * of every produced record: a view is all a record allocates (no pool slice, no new 8 KiB pool every ~150
 * records as `Buffer.allocUnsafe` takes). Like Node's own pool, a slab lives as long as any record cut from it.
 */
const SLAB_BYTES = 64 * 1024;

/** Before the first record: every codec has an encoder, but a decode-only one never takes room. */
const NO_ROOM = Buffer.alloc(0);

export class Slab {
  #bytes = NO_ROOM;
  #offset = 0;

  /** The current slab: a record may be written from {@link offset} on, then kept with {@link take}. */
  get bytes(): Buffer {
    return this.#bytes;
  }

  /** Where the next record starts. */
  get offset(): number {
    return this.#offset;
  }

  /** Moves to a fresh slab with room for at least `bytes` (when a record did not fit the rest of this one). */
  renew(bytes: number): void {
    this.#bytes = Buffer.allocUnsafeSlow(Math.max(SLAB_BYTES, bytes));
    this.#offset = 0;
  }

  /** Keeps the bytes written from {@link offset} to `end` as a record. */
  take(end: number): Buffer {
    const start = this.#offset;
    this.#offset = end;
    return this.#bytes.subarray(start, end);
  }

  /** A record of exactly `size` bytes, to be written by the caller. */
  cut(size: number): Buffer {
    if (this.#offset + size > this.#bytes.length) this.renew(size);
    return this.take(this.#offset + size);
  }
}

/** Copies a (5-byte) frame header: a loop beats the native copy call at this size. */
export function writeHeader(header: Buffer, into: Buffer, at: number): void {
  for (let i = 0; i < header.length; i++) into[at + i] = header[i]!;
}
