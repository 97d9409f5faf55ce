import type { NativeProducer } from '../../../src/kafka/internal-client';
import { ProduceQueue, type QueuedDelivery } from '../../../src/producer/produce-queue';

/** A native producer whose queue holds `capacity` records (librdkafka's queue.buffering.max.messages). */
function fakeNative(capacity: number) {
  const state = { capacity, queued: 0, calls: 0, handed: [] as string[] };
  const native: NativeProducer<QueuedDelivery | undefined> = {
    produce(topic, _partition, value) {
      state.calls++;
      if (String(value) === 'bad') throw Object.assign(new Error('Local: Unknown topic'), { code: -188 });
      if (state.queued >= state.capacity) throw Object.assign(new Error('Local: Queue full'), { code: -184 });
      state.queued++;
      state.handed.push(`${topic}:${String(value)}`);
    },
  };
  return { native, state };
}

function recorder() {
  const refused: Array<{ code: unknown; topic: string; partition: number }> = [];
  const opaque: QueuedDelivery = {
    resolve: () => undefined,
    reject: () => undefined,
    refuse: (err, topic, partition) =>
      void refused.push({ code: (err as { code?: unknown }).code, topic, partition }),
  };
  return { opaque, refused };
}

/** Records queued without an opaque are refused through the queue's own callback. */
const unclaimedRefused: Array<{ code: unknown; topic: string; partition: number }> = [];
function unclaimedRefusal(err: unknown, topic: string, partition: number): void {
  unclaimedRefused.push({ code: (err as { code?: unknown }).code, topic, partition });
}

function produce(queue: ProduceQueue, opaque: QueuedDelivery, value: string, partition = -1): void {
  queue.produce('t', partition, Buffer.from(value), null, 0, opaque, null);
}

describe('ProduceQueue', () => {
  it('hands over at most maxInFlight records, the rest in order as reports free room (one per report)', () => {
    const { native, state } = fakeNative(1_000_000);
    const queue = new ProduceQueue(native, 2, 60_000, unclaimedRefusal);
    const { opaque, refused } = recorder();
    for (const v of ['a', 'b', 'c', 'd', 'e']) produce(queue, opaque, v);
    expect(state.handed).toEqual(['t:a', 't:b']);
    expect(queue.waiting).toBe(3);
    queue.released();
    expect(state.handed).toEqual(['t:a', 't:b', 't:c']);
    queue.released();
    queue.released();
    expect(state.handed).toEqual(['t:a', 't:b', 't:c', 't:d', 't:e']);
    expect(queue.waiting).toBe(0);
    expect(refused).toEqual([]);
    queue.close();
  });

  it('costs one produce call per record when 100 000 wait behind a full window (no re-tries, no wake-ups of all)', () => {
    const { native, state } = fakeNative(1_000_000);
    const queue = new ProduceQueue(native, 1000, 60_000, unclaimedRefusal);
    const { opaque } = recorder();
    for (let i = 0; i < 100_000; i++) produce(queue, opaque, String(i));
    for (let i = 0; i < 100_000; i++) queue.released();
    expect(state.handed).toHaveLength(100_000);
    expect(state.calls).toBe(100_000);
    expect(state.handed[99_999]).toBe('t:99999');
    queue.close();
  });

  it('keeps librdkafka fed during a synchronous send loop: room it frees unseen by JavaScript is used, in order', () => {
    const { native, state } = fakeNative(1000);
    const queue = new ProduceQueue(native, Infinity, 60_000, unclaimedRefusal);
    const { opaque, refused } = recorder();
    for (let i = 0; i < 10_000; i++) {
      produce(queue, opaque, String(i));
      // librdkafka's background thread delivers a record now and then; no report reaches JavaScript yet.
      if (i % 2 === 0 && state.queued > 0) state.queued--;
    }
    // Without the retries from produce(), only the first 1000 would be handed before the loop ends.
    expect(state.handed.length).toBeGreaterThan(5000);
    expect(state.handed).toEqual(Array.from({ length: state.handed.length }, (_, i) => `t:${i}`));
    // A retry costs one refused call when there is no room: about one per 256 queued records, not one per record.
    expect(state.calls - state.handed.length).toBeLessThan(10_000 / 256 + 2);
    expect(refused).toEqual([]);
    queue.close();
  });

  it('treats a full librdkafka queue as backpressure: nothing refused, handed over as room frees', () => {
    const { native, state } = fakeNative(3);
    const queue = new ProduceQueue(native, 50_000, 60_000, unclaimedRefusal);
    const { opaque, refused } = recorder();
    for (let i = 0; i < 10; i++) produce(queue, opaque, String(i));
    expect(state.handed).toHaveLength(3);
    expect(queue.waiting).toBe(7);
    // Each report frees one slot of librdkafka's queue and hands over one record.
    for (let i = 0; i < 10; i++) {
      state.queued--;
      queue.released();
    }
    expect(state.handed.map((h) => h.slice(2))).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(refused).toEqual([]);
    queue.close();
  });

  it('retries on a timer when room comes back without reports (broker outage over)', async () => {
    const { native, state } = fakeNative(1);
    const queue = new ProduceQueue(native, 50_000, 60_000, unclaimedRefusal);
    const { opaque, refused } = recorder();
    for (let i = 0; i < 4; i++) produce(queue, opaque, String(i));
    expect(state.handed).toHaveLength(1);
    state.capacity = 10;
    await new Promise((r) => setTimeout(r, 50));
    expect(state.handed).toHaveLength(4);
    expect(refused).toEqual([]);
    queue.close();
  });

  it('refuses a record that found no room within the delivery timeout, with its topic and partition', async () => {
    // Fake timers: the retry tick and the deadline are clock-driven, and a loaded machine must not move them.
    jest.useFakeTimers();
    try {
      const { native } = fakeNative(0);
      const queue = new ProduceQueue(native, 50_000, 30, unclaimedRefusal);
      const { opaque, refused } = recorder();
      produce(queue, opaque, 'a', 2);
      await jest.advanceTimersByTimeAsync(15);
      expect(refused).toEqual([]);
      await jest.advanceTimersByTimeAsync(60);
      expect(refused).toEqual([{ code: -192, topic: 't', partition: 2 }]);
      expect(queue.waiting).toBe(0);
      queue.close();
    } finally {
      jest.useRealTimers();
    }
  });

  it('refuses records queued without an opaque through its own callback (at once, or after the timeout)', async () => {
    jest.useFakeTimers();
    try {
      unclaimedRefused.length = 0;
      const { native, state } = fakeNative(1);
      const queue = new ProduceQueue(native, 50_000, 30, unclaimedRefusal);
      queue.produce('t', 0, Buffer.from('a'), null, 0, undefined, null);
      queue.produce('t', 1, Buffer.from('b'), null, 0, undefined, null);
      expect(state.handed).toEqual(['t:a']);
      await jest.advanceTimersByTimeAsync(75);
      expect(unclaimedRefused).toEqual([{ code: -192, topic: 't', partition: 1 }]);
      state.capacity = 10;
      queue.produce('u', 2, Buffer.from('bad'), null, 0, undefined, null);
      expect(unclaimedRefused[1]).toEqual({ code: -188, topic: 'u', partition: 2 });
      queue.close();
    } finally {
      jest.useRealTimers();
    }
  });

  it('refuses at once what librdkafka rejects for another reason', () => {
    const { native } = fakeNative(10);
    const queue = new ProduceQueue(native, 50_000, 60_000, unclaimedRefusal);
    const { opaque, refused } = recorder();
    produce(queue, opaque, 'bad', 1);
    expect(refused).toEqual([{ code: -188, topic: 't', partition: 1 }]);
    expect(queue.inFlight).toBe(0);
    queue.close();
  });
});
