import { EventEmitter } from 'node:events';
import type { KafkaJS } from '@confluentinc/kafka-javascript';
import type { NativeMessage } from '../../../src/kafka/internal-client';
import {
  fetchBatchSize,
  NativeBatchLoop,
  sliceByPartition,
  type PartitionSlice,
} from '../../../src/consumer/native/batch-loop';

const msg = (partition: number, offset: number, topic = 't'): NativeMessage => ({
  topic,
  partition,
  offset,
  key: null,
  value: Buffer.from('v'),
});

/** A stand-in for the node-rdkafka consumer: hands out queued fetches, records what the loop asks of it. */
class FakeNative extends EventEmitter {
  fetches: NativeMessage[][] = [];
  seeks: Array<{ topic: string; partition: number; offset: number }> = [];
  stored: Array<[string, number, number]> = [];
  paused: unknown[] = [];
  unassigned = 0;
  assigned = [{ topic: 't', partition: 0 }];
  /** What happened, in order: `fetched <first offset>` when a fetch is handed over, `seek p@o`. */
  log: string[] = [];
  consume(_n: number, cb: (err: unknown, messages: NativeMessage[]) => void): void {
    const next = this.fetches.shift() ?? [];
    if (next.length > 0) this.log.push(`consume ${next[0]!.offset}`);
    setTimeout(
      () => {
        if (next.length > 0) this.log.push(`fetched ${next[0]!.offset}`);
        cb(null, next);
      },
      next.length === 0 ? 5 : 0,
    );
  }
  seek(
    tpo: { topic: string; partition: number; offset: number },
    _t: number,
    cb: (e?: unknown) => void,
  ): void {
    this.seeks.push(tpo);
    this.log.push(`seek ${tpo.partition}@${tpo.offset}`);
    cb();
  }
  _offsetsStoreSingle(topic: string, partition: number, offset: number): void {
    this.stored.push([topic, partition, offset]);
  }
  pause(list: unknown[]): void {
    this.paused.push(...list);
  }
  resume(): void {}
  unassign(): void {
    this.unassigned++;
  }
  incrementalUnassign(): void {}
  rebalanceProtocol(): string {
    return 'EAGER';
  }
  assignments(): Array<{ topic: string; partition: number }> {
    return this.assigned;
  }
  isConnected(): boolean {
    return true;
  }
  setDefaultConsumeTimeout(): void {}
  setDefaultIsTimeoutOnlyForFirstMessage(): void {}
}

/** Loops started by a test: stopped after it, also when an expectation failed midway. */
const started: NativeBatchLoop[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((l) => l.stop()));
});

function loopOver(native: FakeNative): NativeBatchLoop {
  const logger = { error: () => undefined, warn: () => undefined };
  const raw = { _getInternalClient: () => native, logger: () => logger } as unknown as KafkaJS.Consumer;
  const loop = NativeBatchLoop.of(raw)!;
  started.push(loop);
  return loop;
}

const until = async (check: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
};

describe('sliceByPartition', () => {
  it('keeps one fetch of one partition as it is, and splits others by partition in offset order', () => {
    const one = [msg(0, 1), msg(0, 2)];
    expect(sliceByPartition(one)[0]!.messages).toBe(one);
    const mixed = sliceByPartition([msg(0, 1), msg(1, 7), msg(0, 2), msg(1, 8, 'u')]);
    expect(mixed.map((s) => [s.topic, s.partition, s.messages.map((m) => m.offset)])).toEqual([
      ['t', 0, [1, 2]],
      ['t', 1, [7]],
      ['u', 1, [8]],
    ]);
  });
});

describe('NativeBatchLoop', () => {
  it('stores the handled position after each batch, and rewinds a partition to its first unhandled record', async () => {
    const native = new FakeNative();
    native.fetches.push([msg(0, 10), msg(0, 11), msg(0, 12)]);
    const loop = loopOver(native);
    const seen: number[] = [];
    loop.start(
      {
        storeOffsets: true,
        onBatch: (slices: PartitionSlice[]) => {
          const s = slices[0]!;
          // handles two records, then stops (as after a pause or a failing handler)
          seen.push(s.messages[0]!.offset, s.messages[1]!.offset);
          s.done = 2;
          s.stale = true;
        },
      },
      100,
    );
    await until(() => native.seeks.length > 0);
    await loop.stop();
    expect(seen).toEqual([10, 11]);
    expect(native.stored).toEqual([['t', 0, 12]]);
    expect(native.seeks).toEqual([{ topic: 't', partition: 0, offset: 12 }]);
  });

  it('on revocation waits for the batch in hand, stores what it handled, runs onRevoke, then unassigns; a seek before assignment is applied on assignment', async () => {
    const native = new FakeNative();
    native.fetches.push([msg(0, 1)]);
    const loop = loopOver(native);
    const order: string[] = [];
    let finishBatch!: () => void;
    loop.start(
      {
        storeOffsets: true,
        onBatch: async (slices) => {
          order.push('batch');
          await new Promise<void>((r) => (finishBatch = r));
          slices[0]!.done = 1;
          order.push('batch done');
        },
        onRevoke: async () => {
          order.push(`revoke (unassigned ${native.unassigned})`);
        },
      },
      100,
    );
    await until(() => order.length === 1);
    native.emit('rebalance', { code: -174 }, [{ topic: 't', partition: 0 }]);
    await new Promise((r) => setTimeout(r, 20));
    expect(native.unassigned).toBe(0); // not while the batch is in hand
    finishBatch();
    await until(() => native.unassigned === 1);
    expect(order).toEqual(['batch', 'batch done', 'revoke (unassigned 0)']);
    // What the batch handled is stored before the partition is given up (auto-commit commits it); the
    // revoked partition is not rewound.
    expect(native.stored).toEqual([['t', 0, 2]]);
    expect(native.seeks).toEqual([]);

    native.assigned = [];
    loop.seek('t', 3, 42); // not assigned: kept for the assignment
    expect(native.seeks).toEqual([]);
    const assignment: Array<{ topic: string; partition: number; offset?: number }> = [
      { topic: 't', partition: 3 },
    ];
    native.emit('rebalance', { code: -175 }, assignment);
    expect(assignment[0]!.offset).toBe(42);
    await loop.stop();
  });

  describe('prefetch (the next fetch is asked for while a batch is handled)', () => {
    /** Handles every record of each batch, pausing or seeking partitions as `during` says on the first batch. */
    function run(native: FakeNative, during: (loop: NativeBatchLoop) => void): { handled: string[] } {
      const loop = loopOver(native);
      const handled: string[] = [];
      let first = true;
      loop.start(
        {
          storeOffsets: true,
          onBatch: async (slices) => {
            if (first) {
              first = false;
              // let the prefetch arrive while this batch is in hand
              await new Promise((r) => setTimeout(r, 10));
              during(loop);
            }
            for (const s of slices) {
              while (s.done < s.messages.length && !s.stale) {
                const m = s.messages[s.done]!;
                handled.push(`${m.partition}@${m.offset}`);
                s.done++;
              }
            }
          },
        },
        100,
      );
      return { handled };
    }

    it('drops the prefetched records of a partition paused meanwhile and rewinds it to the first of them', async () => {
      const native = new FakeNative();
      native.assigned = [
        { topic: 't', partition: 0 },
        { topic: 't', partition: 1 },
      ];
      native.fetches.push([msg(0, 1), msg(1, 1)], [msg(0, 2), msg(1, 2), msg(1, 3)]);
      const { handled } = run(native, (loop) => loop.pause([{ topic: 't', partitions: [0] }]));
      await until(() => handled.includes('1@3'));
      // Paused in the first batch before handling anything: 0@1 is rewound; the prefetched 0@2 is dropped,
      // and its rewind (to 2) must not move the partition past the first rewind (to 1).
      expect(handled).toEqual(['1@1', '1@2', '1@3']);
      expect(native.seeks).toEqual([{ topic: 't', partition: 0, offset: 1 }]);
    });

    it('rewinds a partition paused after its records were handled to its first prefetched record', async () => {
      const native = new FakeNative();
      native.fetches.push([msg(0, 1)], [msg(0, 2), msg(0, 3)]);
      const loop = loopOver(native);
      const handled: number[] = [];
      let first = true;
      loop.start(
        {
          storeOffsets: true,
          onBatch: async (slices) => {
            const s = slices[0]!;
            handled.push(...s.messages.map((m) => m.offset));
            s.done = s.messages.length;
            if (first) {
              first = false;
              await new Promise((r) => setTimeout(r, 10));
              loop.pause([{ topic: 't', partitions: [0] }]);
            }
          },
        },
        100,
      );
      await until(() => native.seeks.length > 0);
      await new Promise((r) => setTimeout(r, 20));
      expect(handled).toEqual([1]);
      expect(native.seeks).toEqual([{ topic: 't', partition: 0, offset: 2 }]);
      expect(native.stored).toEqual([['t', 0, 2]]);
    });

    it('a seek waits for the prefetch in flight, whose records of that partition are then dropped', async () => {
      const native = new FakeNative();
      native.fetches.push([msg(0, 1), msg(0, 2)], [msg(0, 3)], [msg(0, 40)]);
      const { handled } = run(native, (loop) => loop.seek('t', 0, 40));
      await until(() => handled.includes('0@40'));
      expect(handled).toEqual(['0@40']);
      expect(native.seeks).toEqual([{ topic: 't', partition: 0, offset: 40 }]);
      expect(native.log.indexOf('fetched 3')).toBeLessThan(native.log.indexOf('seek 0@40'));
    });

    it.each([
      [true, ['consume 1', 'fetched 1', 'consume 2', 'handling 1']],
      [false, ['consume 1', 'fetched 1', 'handling 1', 'handled', 'consume 2']],
    ])('prefetch %p: when the next fetch is asked for', async (prefetch, order) => {
      const native = new FakeNative();
      native.fetches.push([msg(0, 1)], [msg(0, 2)]);
      const loop = loopOver(native);
      loop.start(
        {
          prefetch,
          onBatch: async (slices) => {
            const s = slices[0]!;
            native.log.push(`handling ${s.messages[0]!.offset}`);
            await new Promise((r) => setTimeout(r, 20));
            native.log.push('handled');
            s.done = s.messages.length;
          },
        },
        100,
      );
      await until(() => native.log.includes('fetched 2'));
      expect(native.log.slice(0, order.length)).toEqual(order);
    });

    it('on stop, rewinds the partitions of a prefetched batch nobody handled to its first records', async () => {
      const native = new FakeNative();
      native.fetches.push([msg(0, 1)], [msg(0, 2), msg(0, 3)]);
      const loop = loopOver(native);
      let finish!: () => void;
      loop.start(
        {
          storeOffsets: true,
          onBatch: async (slices) => {
            slices[0]!.done = 1;
            await new Promise<void>((r) => (finish = r));
          },
        },
        100,
      );
      await until(() => native.log.includes('fetched 2'));
      const stopped = loop.stop();
      finish();
      await stopped;
      expect(native.stored).toEqual([['t', 0, 2]]);
      expect(native.seeks).toEqual([{ topic: 't', partition: 0, offset: 2 }]);
    });
  });
});

describe('fetchBatchSize', () => {
  it("takes an application's positive js.consumer.max.batch.size, as a number or a string", () => {
    expect(fetchBatchSize(250, 1000)).toBe(250);
    expect(fetchBatchSize('20000', 1000)).toBe(20_000);
  });

  it('falls back when it is absent, -1 ("unlimited") or not a positive integer', () => {
    for (const configured of [undefined, -1, 0, 2.5, 'lots'])
      expect(fetchBatchSize(configured, 1000)).toBe(1000);
  });
});
