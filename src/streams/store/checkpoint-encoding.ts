/**
 * A store checkpoint as bytes: a format byte, then per changelog partition a 4-byte partition and an 8-byte
 * offset, big-endian. Decoding rejects anything else (`undefined`), so a damaged record is noticed.
 */
const FORMAT = 1;
const ENTRY = 12;

export function encodeCheckpoint(offsets: ReadonlyMap<number, bigint>): Buffer {
  const out = Buffer.alloc(1 + offsets.size * ENTRY);
  out.writeUInt8(FORMAT, 0);
  let at = 1;
  for (const [partition, offset] of [...offsets].sort((a, b) => a[0] - b[0])) {
    out.writeInt32BE(partition, at);
    out.writeBigInt64BE(offset, at + 4);
    at += ENTRY;
  }
  return out;
}

export function decodeCheckpoint(bytes: Buffer): Map<number, bigint> | undefined {
  if (bytes.length < 1 || bytes.readUInt8(0) !== FORMAT || (bytes.length - 1) % ENTRY !== 0) return undefined;
  const out = new Map<number, bigint>();
  for (let at = 1; at < bytes.length; at += ENTRY) {
    const partition = bytes.readInt32BE(at);
    const offset = bytes.readBigInt64BE(at + 4);
    if (partition < 0 || offset < 0n || out.has(partition)) return undefined;
    out.set(partition, offset);
  }
  return out;
}
