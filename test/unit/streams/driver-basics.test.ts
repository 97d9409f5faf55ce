import { StreamsTestDriver, tumbling } from 'kgen';
import { unitClient } from './fixtures';

describe('streams test driver: grouped count and windowed aggregate', () => {
  it('counts per re-keyed customer and emits final tumbling windows', async () => {
    const app = unitClient().streams({ applicationId: 'unit-stats' });
    const orders = app.stream('orders');
    const counts = orders
      .groupBy((o) => o.value.customerId, { name: 'by-customer' })
      .count({ name: 'counts' });
    counts.toStream().to('stats', (r) => ({ key: r.key, value: { count: r.value, total: 0 } }));
    orders
      .groupBy((o) => o.value.customerId, { name: 'by-customer-w' })
      .windowedBy(tumbling({ size: 1000, grace: 100 }))
      .aggregate(
        () => ({ count: 0, total: 0 }),
        (acc, o) => ({ count: acc.count + 1, total: acc.total + o.value.amount }),
      )
      .toStream({ emit: 'final' })
      .to('window-stats', (w) => ({
        key: w.key.key,
        value: { customerId: w.key.key, start: w.key.start, count: w.value.count, total: w.value.total },
      }));
    const driver = await StreamsTestDriver.create(app);
    await driver.pipe('orders', [
      { key: 'o1', value: { customerId: 'a', amount: 1 }, timestamp: 10 },
      { key: 'o2', value: { customerId: 'b', amount: 2 }, timestamp: 500 },
      { key: 'o3', value: { customerId: 'a', amount: 3 }, timestamp: 900 },
      { key: 'o4', value: { customerId: 'a', amount: 4 }, timestamp: 1050 }, // stream time 1050 < 1000+100
      { key: 'o5', value: { customerId: 'a', amount: 5 }, timestamp: 999 }, // out of order, within grace
      { key: 'o6', value: { customerId: 'b', amount: 6 }, timestamp: 1200 }, // closes [0,1000)
      { key: 'o7', value: { customerId: 'a', amount: 7 }, timestamp: 20 }, // late: dropped
    ]);
    const stats = await driver.readOutput('stats');
    expect(stats.map((s) => [s.key, s.value.count])).toEqual([
      ['a', 1],
      ['b', 1],
      ['a', 2],
      ['a', 3],
      ['a', 4],
      ['b', 2],
      ['a', 5],
    ]);
    const windows = await driver.readOutput('window-stats');
    expect(windows.map((w) => w.value)).toEqual([
      { customerId: 'a', start: 0, count: 3, total: 9 },
      { customerId: 'b', start: 0, count: 1, total: 2 },
    ]);
    expect(app.metrics().lateRecordsDropped).toBe(1);
    expect(app.store(counts).get('a')).toBe(5);
    await driver.advanceStreamTime(2100);
    expect((await driver.readOutput('window-stats')).map((w) => w.value)).toEqual([
      { customerId: 'a', start: 1000, count: 1, total: 4 },
      { customerId: 'b', start: 1000, count: 1, total: 6 },
    ]);
  });
});
