import type * as avro from 'avsc';

/**
 * Room for records of one encoder, taken in turn: each record's bytes are a view of their own stretch of it.
 * A record is written once, in place (no scratch copy, no allocation but the view), which is what the
 * produce hot path pays per record. Like Node's own 8 KiB pool behind `Buffer.allocUnsafe`, a slab lives as
 * long as any record cut from it.
 */
const SLAB_BYTES = 64 * 1024;

/** Encodes `header + avro(value)` into a buffer of exactly its size, cut from a shared slab (see SLAB_BYTES). */
export function framedEncoder(type: avro.Type): (header: Buffer, value: unknown) => Buffer {
  let slab = Buffer.allocUnsafeSlow(SLAB_BYTES);
  let offset = 0;
  return (header, value) => {
    let start = offset;
    let end = writeFramed(type, slab, start, header, value);
    while (end < 0) {
      // Minus the bytes missing: a fresh slab with room for at least that much (a record larger than a slab
      // gets one of its own size, after at most one more try when even its header did not fit).
      const needed = slab.length - start - end;
      slab = Buffer.allocUnsafeSlow(Math.max(SLAB_BYTES, needed));
      start = 0;
      end = writeFramed(type, slab, 0, header, value);
    }
    offset = end;
    return slab.subarray(start, end);
  };
}

/** Writes header and value at `at`; returns the end, or minus the bytes missing when `slab` is too short. */
function writeFramed(type: avro.Type, slab: Buffer, at: number, header: Buffer, value: unknown): number {
  const headerEnd = at + header.length;
  if (headerEnd > slab.length) return slab.length - headerEnd - 1;
  // A 5-byte header: a loop beats the native copy call.
  for (let i = 0; i < header.length; i++) slab[at + i] = header[i]!;
  return type.encode(value, slab, headerEnd);
}
