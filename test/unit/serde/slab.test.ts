import { Slab, writeHeader } from '../../../src/serde/slab';

describe('Slab', () => {
  it('cuts records of exactly the asked size that never overlap, across slab ends', () => {
    const slab = new Slab();
    const sizes = Array.from({ length: 2000 }, (_, i) => (i * 37) % 200);
    const records = sizes.map((size, i) => {
      const r = slab.cut(size);
      r.fill(i % 251);
      return r;
    });
    expect(new Set(records.map((r) => r.buffer)).size).toBeGreaterThan(2); // ~200 KB: several slabs
    records.forEach((r, i) => {
      expect(r.length).toBe(sizes[i]);
      expect(r.every((b) => b === i % 251)).toBe(true); // no later record wrote over it
    });
  });

  it('gives a record larger than a slab a slab of its own', () => {
    const slab = new Slab();
    slab.cut(10);
    const big = slab.cut(100_000);
    expect(big.length).toBe(100_000);
    expect(big.byteOffset).toBe(0);
    expect(slab.cut(5).buffer).not.toBe(big.buffer);
  });

  it('takes no room before its first record (a decode-only codec never allocates one)', () => {
    expect(new Slab().bytes.length).toBe(0);
  });

  it('keeps what was written in place with take()', () => {
    const slab = new Slab();
    slab.renew(16);
    const at = slab.offset;
    slab.bytes.write('hello', at);
    expect(slab.take(at + 5).toString()).toBe('hello');
    expect(slab.offset).toBe(at + 5);
  });
});

describe('writeHeader', () => {
  it('copies the header bytes at the offset', () => {
    const into = Buffer.alloc(8);
    writeHeader(Buffer.from([0, 0, 0, 1, 42]), into, 2);
    expect([...into]).toEqual([0, 0, 0, 0, 0, 1, 42, 0]);
  });
});
