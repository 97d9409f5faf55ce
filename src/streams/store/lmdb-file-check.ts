import * as fs from 'node:fs';

/*
 * LMDB trusts its file: opening a truncated or overwritten data.mdb crashes the process (SIGSEGV or an
 * assertion abort, seen with lmdb 3.5) instead of failing. So before opening, the two meta pages are read
 * here: at least one must carry LMDB's magic and data version, and the newest valid one must not point past
 * the end of the file. What this cannot see is damage inside a data page (LMDB keeps no page checksums).
 */
const MAGIC = 0xbeefc0de;
const DATA_VERSION = 2;
/** Offsets inside a meta page, for the 64-bit layout lmdb-js builds (checked against files it wrote). */
const META = { magic: 24, version: 28, pageSize: 48, lastPage: 144, txnId: 152, end: 160 };

/** Why `data.mdb` cannot be opened safely, or `undefined` when it can (or does not exist yet / is empty). */
export function lmdbFileProblem(dataFile: string): string | undefined {
  let size: number;
  try {
    size = fs.statSync(dataFile).size;
  } catch {
    return undefined;
  }
  if (size === 0) return undefined;
  const fd = fs.openSync(dataFile, 'r');
  try {
    const first = readAt(fd, 0, META.end);
    if (first.length < META.end) return `${dataFile} is truncated (${size} bytes)`;
    const metas = [parseMeta(first)];
    const pageSize = metas[0]?.pageSize ?? 4096;
    metas.push(parseMeta(readAt(fd, pageSize, META.end)));
    const valid = metas.filter((m): m is Meta => m !== undefined);
    if (valid.length === 0) return `${dataFile} is not an LMDB data file (no valid meta page)`;
    const newest = valid.reduce((a, b) => (b.txnId > a.txnId ? b : a));
    const needed = (newest.lastPage + 1n) * BigInt(newest.pageSize);
    if (BigInt(size) < needed)
      return `${dataFile} is truncated: ${size} bytes, its last committed transaction needs ${needed}`;
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}

interface Meta {
  readonly pageSize: number;
  readonly lastPage: bigint;
  readonly txnId: bigint;
}

function parseMeta(page: Buffer): Meta | undefined {
  if (page.length < META.end) return undefined;
  if (page.readUInt32LE(META.magic) !== MAGIC || (page.readUInt32LE(META.version) & 0xffff) !== DATA_VERSION)
    return undefined;
  const pageSize = page.readUInt32LE(META.pageSize);
  // LMDB pages are a power of two between 512 bytes and 64 KiB.
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) return undefined;
  return { pageSize, lastPage: page.readBigUInt64LE(META.lastPage), txnId: page.readBigUInt64LE(META.txnId) };
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  const read = fs.readSync(fd, buf, 0, length, position);
  return buf.subarray(0, read);
}
