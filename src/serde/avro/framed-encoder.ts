import type * as avro from 'avsc';

/**
 * Encodes `header + avro(value)` into one exact-size buffer: the value is written into a reusable scratch
 * buffer right after the header, then copied out once. `toBuffer` + framing would allocate twice and copy
 * the payload twice; this is the hot path of every produced record.
 */
export function framedEncoder(type: avro.Type): (header: Buffer, value: unknown) => Buffer {
  let scratch = Buffer.allocUnsafe(4096);
  return (header, value) => {
    header.copy(scratch, 0);
    let end = type.encode(value, scratch, header.length);
    if (end < 0) {
      // `encode` returns minus the bytes missing when the scratch buffer is too small: grow and write again.
      scratch = Buffer.allocUnsafe(Math.max(scratch.length * 2, scratch.length - end));
      header.copy(scratch, 0);
      end = type.encode(value, scratch, header.length);
    }
    const out = Buffer.allocUnsafe(end);
    scratch.copy(out, 0, 0, end);
    return out;
  };
}
