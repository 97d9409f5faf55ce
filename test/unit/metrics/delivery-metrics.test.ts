import { DeliveryMetrics, type CounterEvent } from '../../../src/metrics/delivery-metrics';

describe('DeliveryMetrics', () => {
  it('counts and snapshots (a copy, not a live view)', () => {
    const m = new DeliveryMetrics();
    m.increment('sent', 10);
    m.increment('deadLettered');
    const snap = m.snapshot();
    m.increment('sent');
    expect(snap).toEqual({ sent: 10, failed: 0, retried: 0, deadLettered: 1, committed: 0 });
    expect(m.snapshot().sent).toBe(11);
  });

  it('emits the counter event and change with the totals', () => {
    const m = new DeliveryMetrics();
    const events: CounterEvent[] = [];
    const changes: string[] = [];
    m.on('retried', (e) => events.push(e));
    m.on('change', (e) => changes.push(e.counter));
    m.increment('retried', 2);
    m.increment('committed');
    m.increment('sent', 0);
    expect(events).toEqual([
      { counter: 'retried', by: 2, snapshot: expect.objectContaining({ retried: 2 }) },
    ]);
    expect(changes).toEqual(['retried', 'committed']);
  });
});
