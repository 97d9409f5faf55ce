import type { NativeBatchLoop } from '../../../src/consumer/native/batch-loop';
import { InputPositions } from '../../../src/consumer/native/input-positions';

describe('InputPositions', () => {
  it('commits last processed + 1 per partition, grouped by topic', () => {
    const positions = new InputPositions();
    positions.add('orders', 0, 10, 19);
    positions.add('orders', 1, 5, 5);
    positions.add('refunds', 0, 7, 8);
    positions.add('orders', 0, 20, 29); // a later slice of the same partition
    expect(positions.size).toBe(3);
    expect(positions.offsets()).toEqual([
      {
        topic: 'orders',
        partitions: [
          { partition: 0, offset: '30' },
          { partition: 1, offset: '6' },
        ],
      },
      { topic: 'refunds', partitions: [{ partition: 0, offset: '9' }] },
    ]);
  });

  it('has nothing to send when no input went in', () => {
    expect(new InputPositions().offsets()).toEqual([]);
  });

  it('rewinds each partition to its first record in the transaction, past a failing seek', () => {
    const positions = new InputPositions();
    positions.add('orders', 0, 10, 19);
    positions.add('orders', 0, 20, 29);
    positions.add('orders', 1, 5, 9);
    positions.add('refunds', 2, 7, 8);
    const seeks: string[] = [];
    const loop = {
      seek: (topic: string, partition: number, offset: number) => {
        seeks.push(`${topic}[${partition}]@${offset}`);
        if (partition === 1) throw new Error('not connected');
      },
    } as unknown as NativeBatchLoop;
    positions.rewind(loop);
    expect(seeks).toEqual(['orders[0]@10', 'orders[1]@5', 'refunds[2]@7']);
    expect(() => positions.rewind(undefined)).not.toThrow();
  });
});
