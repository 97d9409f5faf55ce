import type * as avro from 'avsc';
import { Slab, writeHeader } from '../slab';

/**
 * Encodes `header + avro(value)` into a buffer of exactly its size, written once in place in a shared slab (no
 * scratch copy): avsc writes straight at the slab's offset and the record keeps what it wrote.
 */
export function framedEncoder(type: avro.Type): (header: Buffer, value: unknown) => Buffer {
  const slab = new Slab();
  return (header, value) => {
    let end = writeFramed(type, slab.bytes, slab.offset, header, value);
    while (end < 0) {
      // Minus the bytes missing: a fresh slab with room for at least that much (a record larger than a slab
      // gets one of its own size, after at most one more try when even its header did not fit).
      slab.renew(slab.bytes.length - slab.offset - end);
      end = writeFramed(type, slab.bytes, 0, header, value);
    }
    return slab.take(end);
  };
}

/** Writes header and value at `at`; returns the end, or minus the bytes missing when `bytes` is too short. */
function writeFramed(type: avro.Type, bytes: Buffer, at: number, header: Buffer, value: unknown): number {
  const headerEnd = at + header.length;
  if (headerEnd > bytes.length) return bytes.length - headerEnd - 1;
  writeHeader(header, bytes, at);
  return type.encode(value, bytes, headerEnd);
}
