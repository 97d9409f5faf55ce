import { InvalidTimestampError, StreamsConfigError, StreamsTestDriver, isKgenError } from 'kgen';
import { unitClient } from './fixtures';

describe('streams: bad input gives typed errors, nothing counted twice', () => {
  it('a record whose extracted event time is invalid stops processing with InvalidTimestampError naming it', async () => {
    const app = unitClient().streams({ applicationId: 'unit-ts' });
    const counts = app
      .stream('orders', { timestamp: (r) => (r.value.amount < 0 ? Number.NaN : r.timestamp) })
      .groupByKey()
      .count({ name: 'counts' });
    const driver = await StreamsTestDriver.create(app);
    await driver.pipe('orders', { key: 'a', value: { customerId: 'a', amount: 1 }, timestamp: 5 });
    const err = await driver
      .pipe('orders', { key: 'a', value: { customerId: 'a', amount: -1 }, timestamp: 6 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidTimestampError);
    expect(isKgenError(err, 'STREAMS_TIMESTAMP')).toBe(true);
    expect((err as Error).message).toMatch(/orders\[0\]@\d+ has no valid event time \(got NaN\)/);
    expect(app.store(counts).get('a')).toBe(1);
  });

  it("with invalidTimestamps: 'skip' the record is skipped and counted, not aggregated", async () => {
    const app = unitClient().streams({ applicationId: 'unit-ts-skip', invalidTimestamps: 'skip' });
    const counts = app
      .stream('orders', { timestamp: (r) => (r.value.amount < 0 ? -1 : r.timestamp) })
      .groupByKey()
      .count({ name: 'counts' });
    const driver = await StreamsTestDriver.create(app);
    await driver.pipe('orders', [
      { key: 'a', value: { customerId: 'a', amount: 1 }, timestamp: 5 },
      { key: 'a', value: { customerId: 'a', amount: -1 }, timestamp: 6 },
      { key: 'a', value: { customerId: 'a', amount: 2 }, timestamp: 7 },
    ]);
    expect(app.store(counts).get('a')).toBe(2);
    expect(app.metrics().invalidTimestampsSkipped).toBe(1);
  });

  it('rejects bad topology options with StreamsConfigError', () => {
    const app = unitClient().streams({ applicationId: 'unit-config' });
    const g = app.stream('orders').groupByKey();
    g.count({ name: 'same' });
    expect(() => g.count({ name: 'same' })).toThrow(StreamsConfigError);
    expect(() => app.stream('orders')).toThrow(/orders is already read by this app/);
    expect(() =>
      app.store(
        app
          .stream('payments')
          .groupByKey()
          .count()
          .filter(() => true),
      ),
    ).toThrow(/not materialized/);
    expect(() => unitClient().streams({ applicationId: 'bad id' })).toThrow(/applicationId/);
  });

  it('describes the topology: subtopologies split at the repartition topic, internal topic names', () => {
    const app = unitClient().streams({ applicationId: 'shop' });
    app
      .stream('orders')
      .groupBy((o) => o.value.customerId, { name: 'by-customer' })
      .count({ name: 'counts' })
      .toStream()
      .to('stats', (r) => ({ key: r.key, value: { count: r.value, total: 0 } }));
    const d = app.describe();
    expect(d.subtopologies.map((s) => s.sourceTopics)).toEqual([
      ['orders'],
      ['shop-by-customer-repartition'],
    ]);
    expect(d.subtopologies[1]!.stores).toEqual(['counts']);
    expect(d.internalTopics).toEqual(['shop-by-customer-repartition', 'shop-counts-changelog']);
    expect(d.outputTopics).toEqual(['stats']);
  });
});
