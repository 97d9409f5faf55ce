import { MemoryStore } from 'kgen';
import fc from 'fast-check';
import { decodeKey, decodeValue, encodeKey, encodeValue } from '../../../src/streams/codec/internal-codec';
import { TxStore } from '../../../src/streams/store/tx-store';

describe('streams stores and internal codec', () => {
  it('MemoryStore keeps entries in unsigned byte order like a sorted model', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.uint8Array({ maxLength: 3 }), fc.option(fc.uint8Array({ maxLength: 2 })))),
        (ops) => {
          const store = new MemoryStore('s');
          const model = new Map<string, Buffer>();
          for (const [k, v] of ops) {
            const key = Buffer.from(k);
            store.put(key, v === null ? undefined : Buffer.from(v));
            if (v === null) model.delete(key.toString('hex'));
            else model.set(key.toString('hex'), Buffer.from(v));
          }
          const want = [...model].sort(([a], [b]) =>
            Buffer.compare(Buffer.from(a, 'hex'), Buffer.from(b, 'hex')),
          );
          expect([...store.all()].map(([k, v]) => [k.toString('hex'), v])).toEqual(want);
          expect(store.size()).toBe(model.size);
          const [from, to] = [Buffer.of(0x10), Buffer.of(0x80)];
          expect([...store.range(from, to)].map(([k]) => k.toString('hex'))).toEqual(
            want
              .map(([k]) => k)
              .filter(
                (k) =>
                  Buffer.compare(Buffer.from(k, 'hex'), from) >= 0 &&
                  Buffer.compare(Buffer.from(k, 'hex'), to) < 0,
              ),
          );
        },
      ),
    );
  });

  it('TxStore shows its overlay over the base store, and only apply() writes it through', () => {
    const base = new MemoryStore('s');
    base.put(Buffer.of(1), Buffer.of(1));
    base.put(Buffer.of(3), Buffer.of(3));
    const tx = new TxStore(base);
    tx.put(Buffer.of(2), Buffer.of(2));
    tx.put(Buffer.of(3), undefined);
    expect([...tx.all()].map(([k]) => k[0])).toEqual([1, 2]);
    expect(base.size()).toBe(2);
    tx.discard();
    expect([...tx.all()].map(([k]) => k[0])).toEqual([1, 3]);
    tx.put(Buffer.of(3), undefined);
    expect(tx.writes()).toEqual([{ key: Buffer.of(3), value: undefined }]);
    tx.apply();
    expect([...base.all()].map(([k]) => k[0])).toEqual([1]);
  });

  it('the internal codec round-trips keys canonically and values exactly', () => {
    expect(encodeKey({ b: 1, a: 2n })).toEqual(encodeKey({ a: 2n, b: 1 }));
    for (const k of ['x', 1.5, 7n, true, Buffer.from('hi'), { a: [1, 'b'], d: new Date(3) }])
      expect(decodeKey(encodeKey(k))).toEqual(k);
    const v = { n: 1n, d: new Date(5), b: Buffer.from('x'), nested: [null, { s: 's' }] };
    expect(decodeValue(encodeValue(v))).toEqual(v);
  });
});
