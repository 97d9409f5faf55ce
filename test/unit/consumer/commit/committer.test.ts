import { Committer } from '../../../../src/consumer/commit/committer';
import type { CommitPosition } from '../../../../src/consumer/commit/offset-tracker';
import { commitStrategies, type CommitStrategy } from '../../../../src/consumer/commit/strategy';

const T = 'orders';

function setup(strategy: CommitStrategy): { c: Committer; commits: CommitPosition[][]; durable: boolean[] } {
  const commits: CommitPosition[][] = [];
  const durable: boolean[] = [];
  const c = new Committer({
    strategy,
    commit: async (p, d) => {
      commits.push([...p]);
      durable.push(d);
    },
  });
  return { c, commits, durable };
}

/** Handles offsets [from, to] of partition 0 in order, like the consumer loop does. */
async function handle(c: Committer, from: number, to: number): Promise<void> {
  await c.beforeBatch(T, 0, String(to));
  for (let o = from; o <= to; o++) {
    c.begin(T, 0, String(o));
    await c.finished(T, 0, String(o));
  }
  await c.afterBatch();
}

const offsets = (commits: CommitPosition[][]): string[] =>
  commits.map((batch) => batch.map((p) => p.offset).join(','));

describe('Committer', () => {
  afterEach(() => jest.useRealTimers());

  it('at-most-once commits the batch end before any handler runs', async () => {
    const { c, commits } = setup(commitStrategies.atMostOnce());
    await c.beforeBatch(T, 0, '9');
    expect(offsets(commits)).toEqual(['10']);
    c.begin(T, 0, '5');
    await c.finished(T, 0, '5');
    await c.afterBatch();
    await c.commitNow();
    expect(offsets(commits)).toEqual(['10']); // nothing after: the batch was already committed
  });

  it('per-record commits after every record, with offset + 1', async () => {
    const { c, commits } = setup(commitStrategies.perRecord());
    await handle(c, 0, 2);
    expect(offsets(commits)).toEqual(['1', '2', '3']);
  });

  it('per-batch commits once after the batch', async () => {
    const { c, commits } = setup(commitStrategies.perBatch());
    await handle(c, 0, 4);
    await handle(c, 5, 6);
    expect(offsets(commits)).toEqual(['5', '7']);
  });

  it('every-n commits every N finished records, and the rest on commitNow (shutdown)', async () => {
    const { c, commits } = setup(commitStrategies.everyN(3));
    await handle(c, 0, 7);
    expect(offsets(commits)).toEqual(['3', '6']);
    await c.commitNow();
    expect(offsets(commits)).toEqual(['3', '6', '8']);
  });

  it('every-t commits on its timer only when something finished', async () => {
    jest.useFakeTimers();
    const { c, commits } = setup(commitStrategies.everyT(1000));
    await handle(c, 0, 1);
    expect(commits).toEqual([]);
    await jest.advanceTimersByTimeAsync(1000);
    expect(offsets(commits)).toEqual(['2']);
    await jest.advanceTimersByTimeAsync(3000);
    expect(offsets(commits)).toEqual(['2']);
    c.close();
  });

  it('n-or-t commits at N records or at T, whichever comes first', async () => {
    jest.useFakeTimers();
    const { c, commits } = setup(commitStrategies.nOrT(3, 1000));
    await handle(c, 0, 3);
    expect(offsets(commits)).toEqual(['3']);
    await jest.advanceTimersByTimeAsync(1000);
    expect(offsets(commits)).toEqual(['3', '4']);
    c.close();
  });

  it('manual: handler return does not count, ack() does; commits by timer; unacked hold the position', async () => {
    jest.useFakeTimers();
    const { c, commits } = setup(commitStrategies.manual(500));
    for (let o = 0; o < 4; o++) {
      c.begin(T, 0, String(o));
      await c.finished(T, 0, String(o));
    }
    await jest.advanceTimersByTimeAsync(500);
    expect(commits).toEqual([]);
    await c.ack(T, 0, '0');
    await c.ack(T, 0, '2'); // 1 is not acked: the commit stops at 1
    await jest.advanceTimersByTimeAsync(500);
    expect(offsets(commits)).toEqual(['1']);
    await c.ack(T, 0, '1');
    await jest.advanceTimersByTimeAsync(500);
    expect(offsets(commits)).toEqual(['1', '3']);
    c.close();
  });

  it('manual-immediate: ack() resolves after its commit', async () => {
    const { c, commits } = setup(commitStrategies.manualImmediate());
    c.begin(T, 0, '7');
    await c.ack(T, 0, '7');
    expect(offsets(commits)).toEqual(['8']);
  });

  it('with concurrent handlers, a commit never passes an unfinished record', async () => {
    const { c, commits } = setup(commitStrategies.perRecord());
    for (let o = 0; o < 3; o++) c.begin(T, 0, String(o));
    await c.finished(T, 0, '2');
    await c.finished(T, 0, '1');
    expect(commits).toEqual([]);
    await c.finished(T, 0, '0');
    expect(offsets(commits)).toEqual(['3']);
  });

  it('serialises commits and reports timer commit failures to onTimerError', async () => {
    jest.useFakeTimers();
    const errors: unknown[] = [];
    const c = new Committer({
      strategy: commitStrategies.everyT(100),
      commit: async () => Promise.reject(new Error('broker away')),
      onTimerError: (e) => errors.push(e),
    });
    c.begin(T, 0, '0');
    await c.finished(T, 0, '0');
    await jest.advanceTimersByTimeAsync(100);
    expect(errors).toHaveLength(1);
    // The failed position is still pending: a later commit retries it.
    expect(c.tracker.pending()).toEqual([{ topic: T, partition: 0, offset: '1' }]);
    c.close();
  });

  /** A commit function whose commits stay unacknowledged until `ack()`; counts those in flight. */
  function slowBroker() {
    const acks: Array<() => void> = [];
    const commits: CommitPosition[][] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const commit = (p: readonly CommitPosition[]): Promise<void> => {
      commits.push([...p]);
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      return new Promise<void>((resolve) =>
        acks.push(() => {
          inFlight--;
          resolve();
        }),
      );
    };
    return { commit, commits, acks, maxInFlight: () => maxInFlight };
  }

  it('every-n: handling goes on during a commit, and the next threshold waits for its acknowledgement', async () => {
    const broker = slowBroker();
    const c = new Committer({ strategy: commitStrategies.everyN(2), commit: broker.commit });
    for (const o of [0, 1]) {
      c.begin(T, 0, String(o));
      await c.finished(T, 0, String(o)); // the threshold starts a commit and does not wait for it
    }
    await Promise.resolve();
    expect(offsets(broker.commits)).toEqual(['2']);
    c.begin(T, 0, '2');
    await c.finished(T, 0, '2');
    c.begin(T, 0, '3');
    let fourthDone = false;
    const fourth = c.finished(T, 0, '3').then(() => (fourthDone = true));
    await new Promise((r) => setImmediate(r));
    expect(fourthDone).toBe(false); // the commit of '2' is not acknowledged yet
    expect(broker.commits).toHaveLength(1);
    broker.acks.shift()!();
    await fourth;
    await new Promise((r) => setImmediate(r));
    expect(offsets(broker.commits)).toEqual(['2', '4']);
    expect(broker.maxInFlight()).toBe(1);
    broker.acks.shift()!();
  });

  it('every-t: a tick while a commit is unacknowledged is skipped (no backlog of commits)', async () => {
    jest.useFakeTimers();
    const broker = slowBroker();
    const c = new Committer({ strategy: commitStrategies.everyT(100), commit: broker.commit });
    for (let o = 0; o < 5; o++) {
      c.begin(T, 0, String(o));
      await c.finished(T, 0, String(o));
      await jest.advanceTimersByTimeAsync(100);
    }
    expect(offsets(broker.commits)).toEqual(['1']);
    broker.acks.shift()!();
    await jest.advanceTimersByTimeAsync(100);
    expect(offsets(broker.commits)).toEqual(['1', '5']);
    expect(broker.maxInFlight()).toBe(1);
    broker.acks.shift()!();
    c.close();
  });

  it.each([
    [commitStrategies.atMostOnce(), true],
    [commitStrategies.perRecord(), true],
    [commitStrategies.manualImmediate(), true],
    [commitStrategies.perBatch(), true],
    [commitStrategies.everyN(1), false],
    [commitStrategies.nOrT(1, 1000), false],
  ])('%p waits for the broker (durable) only when its guarantee needs it: %p', async (strategy, expected) => {
    const { c, durable } = setup(strategy);
    await c.beforeBatch(T, 0, '0');
    c.begin(T, 0, '0');
    if (c.manual) await c.ack(T, 0, '0');
    else await c.finished(T, 0, '0');
    await c.afterBatch();
    expect(durable).toEqual([expected]);
    c.close();
  });

  it('commitNow({ durable: true }) forces a durable commit (shutdown)', async () => {
    const { c, durable } = setup(commitStrategies.everyN(100));
    c.begin(T, 0, '0');
    await c.finished(T, 0, '0');
    await c.commitNow({ durable: true });
    expect(durable).toEqual([true]);
  });

  it('a failed awaited commit rejects to the caller', async () => {
    const c = new Committer({
      strategy: commitStrategies.perRecord(),
      commit: () => Promise.reject(new Error('nope')),
    });
    c.begin(T, 0, '0');
    await expect(c.finished(T, 0, '0')).rejects.toThrow('nope');
  });
});
