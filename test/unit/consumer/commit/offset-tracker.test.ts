import fc from 'fast-check';
import { OffsetTracker } from '../../../../src/consumer/commit/offset-tracker';

const T = 'orders';

describe('OffsetTracker', () => {
  it('commits last finished + 1 when records finish in order', () => {
    const t = new OffsetTracker();
    for (const o of [0, 1, 2]) t.begin(T, 0, String(o));
    t.complete(T, 0, '0');
    t.complete(T, 0, '1');
    expect(t.pending()).toEqual([{ topic: T, partition: 0, offset: '2' }]);
    t.complete(T, 0, '2');
    expect(t.pending()).toEqual([{ topic: T, partition: 0, offset: '3' }]);
  });

  it('never passes an unfinished offset when later records finish first (gap)', () => {
    const t = new OffsetTracker();
    for (const o of [10, 11, 12, 13]) t.begin(T, 0, String(o));
    t.complete(T, 0, '12');
    t.complete(T, 0, '13');
    expect(t.pending()).toEqual([]);
    t.complete(T, 0, '10');
    expect(t.pending()).toEqual([{ topic: T, partition: 0, offset: '11' }]);
    t.complete(T, 0, '11');
    expect(t.pending()).toEqual([{ topic: T, partition: 0, offset: '14' }]);
    expect(t.inFlight()).toBe(0);
  });

  it('handles offsets with holes (compaction, transaction markers)', () => {
    const t = new OffsetTracker();
    for (const o of [3, 7, 9]) t.begin(T, 1, String(o));
    t.complete(T, 1, '3');
    expect(t.pending()).toEqual([{ topic: T, partition: 1, offset: '7' }]);
    t.complete(T, 1, '9');
    expect(t.pending()).toEqual([{ topic: T, partition: 1, offset: '7' }]);
    t.complete(T, 1, '7');
    expect(t.pending()).toEqual([{ topic: T, partition: 1, offset: '10' }]);
  });

  it('reports nothing before anything finished, and nothing already committed', () => {
    const t = new OffsetTracker();
    t.begin(T, 0, '5');
    expect(t.pending()).toEqual([]);
    t.complete(T, 0, '5');
    const p = t.pending();
    t.markCommitted(p);
    expect(t.pending()).toEqual([]);
  });

  it('positions() lists finished positions whether committed or not', () => {
    const t = new OffsetTracker();
    t.begin(T, 0, '0');
    t.begin(T, 1, '4');
    t.complete(T, 0, '0');
    t.markCommitted(t.pending());
    expect(t.positions()).toEqual([{ topic: T, partition: 0, offset: '1' }]);
    expect(t.position(T, 1)).toBeUndefined();
  });

  it('keeps partitions and topics apart', () => {
    const t = new OffsetTracker();
    t.begin(T, 0, '1');
    t.begin(T, 1, '1');
    t.begin('other', 0, '1');
    t.complete(T, 1, '1');
    t.complete('other', 0, '1');
    expect(t.pending()).toEqual([
      { topic: T, partition: 1, offset: '2' },
      { topic: 'other', partition: 0, offset: '2' },
    ]);
    expect(t.inFlight()).toBe(1);
  });

  it('rejects offsets begun out of order, completed twice or never begun', () => {
    const t = new OffsetTracker();
    t.begin(T, 0, '5');
    expect(() => t.begin(T, 0, '5')).toThrow(/orders\[0\]: offset 5 begun after 5/);
    expect(() => t.complete(T, 0, '4')).toThrow(/never begun/);
    t.complete(T, 0, '5');
    expect(() => t.complete(T, 0, '5')).toThrow(/already complete/);
  });

  it('forget() starts a partition afresh (rewind after a seek)', () => {
    const t = new OffsetTracker();
    t.begin(T, 0, '5');
    t.forget(T, 0);
    t.begin(T, 0, '2');
    t.complete(T, 0, '2');
    expect(t.pending()).toEqual([{ topic: T, partition: 0, offset: '3' }]);
  });

  it('stays correct over long runs (compacts its queue)', () => {
    const t = new OffsetTracker();
    for (let o = 0; o < 5000; o++) t.begin(T, 0, BigInt(o));
    for (let o = 0; o < 4000; o++) t.complete(T, 0, BigInt(o));
    expect(t.pending()).toEqual([{ topic: T, partition: 0, offset: '4000' }]);
    expect(t.inFlight()).toBe(1000);
  });

  it('property: the committable position is the lowest unfinished offset, never beyond', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 80 }),
        fc.func(fc.integer()),
        fc.nat(),
        (raw, rank, cut) => {
          const offsets = [...raw].sort((a, b) => a - b);
          const order = [...offsets].sort((a, b) => rank(a) - rank(b) || a - b);
          const finished = order.slice(0, cut % (order.length + 1));
          const t = new OffsetTracker();
          for (const o of offsets) t.begin(T, 0, String(o));
          for (const o of finished) t.complete(T, 0, String(o));
          const done = new Set(finished);
          const firstUnfinished = offsets.find((o) => !done.has(o));
          let expected: number | undefined;
          if (firstUnfinished === undefined) expected = offsets[offsets.length - 1]! + 1;
          else if (offsets.indexOf(firstUnfinished) > 0) expected = firstUnfinished;
          const pending = t.pending();
          expect(pending.map((p) => Number(p.offset))).toEqual(expected === undefined ? [] : [expected]);
          expect(t.inFlight()).toBe(offsets.length - finished.length);
        },
      ),
    );
  });
});
