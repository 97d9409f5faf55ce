import { readClusterFacts } from '../../../src/ops/cluster-facts';
import { stackEnv, uniqueName } from '../../helpers/stack-env';
import { readAvro, STAT_SCHEMA, suffixedClient } from './streams-helpers';

/** Event times of 2023: far older than the broker's 7-day retention. */
const T0 = 1_700_000_000_000;
const RECORDS = 600;

describe('streams repartition topics (records with old event times)', () => {
  const { brokers } = stackEnv();

  it('never expire by time, and lose their records only once the app has committed past them', async () => {
    const { names, client } = await suffixedClient('purge');
    const applicationId = uniqueName('kgen-purge');
    const app = client.streams({ applicationId, repartitionPurgeIntervalMs: 300 });
    app
      .stream(names.orders)
      .groupBy((o) => o.value.customerId, { name: 'by-customer' })
      .count({ name: 'counts' })
      .toStream()
      .to(names.stats, (r) => ({ key: r.key, value: { count: r.value, total: 0 } }));
    await app.start();
    const repartition = `${applicationId}-by-customer-repartition`;
    const admin = client.kafka.admin();
    await admin.connect();
    try {
      const producer = await client.producer();
      await Promise.all(
        Array.from({ length: RECORDS }, (_, i) =>
          producer.send(names.orders, {
            key: `o${i}`,
            value: { customerId: `c${i % 7}`, amount: 1 },
            timestamp: T0 + i,
          }),
        ),
      );
      await producer.disconnect();
      const got = await readAvro<{ count: number }>(client.kafka, names.stats, STAT_SCHEMA, RECORDS, {
        idleMs: 1000,
      });
      expect(got).toHaveLength(RECORDS);

      const facts = await readClusterFacts({ brokers: brokers.split(','), topics: [repartition] });
      expect(facts.topics[0]!.config['retention.ms']).toBe('-1');
      expect(facts.topics[0]!.config['cleanup.policy']).toBe('delete');

      // Every repartition record was consumed and committed: the purge deletes up to the group's committed
      // offsets (each partition's high watermark is one past them: the last transaction's commit marker).
      let low: number[] = [];
      let committed: number[] = [];
      const deadline = Date.now() + 20_000;
      for (;;) {
        const offsets = await admin.fetchTopicOffsets(repartition);
        const [group] = await admin.fetchOffsets({ groupId: applicationId, topics: [repartition] });
        const byPartition = (p: number): number =>
          Number(group!.partitions.find((g) => g.partition === p)?.offset ?? -1);
        low = offsets.map((o) => Number(o.low));
        committed = offsets.map((o) => byPartition(o.partition));
        const done = offsets.every((o, i) => low[i] === committed[i] && committed[i] === Number(o.high) - 1);
        if (done || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(low).toEqual(committed);
      expect(committed.every((c) => c > 0)).toBe(true);
      // The user's input topic is never touched.
      const input = await admin.fetchTopicOffsets(names.orders);
      expect(input.map((o) => o.low)).toEqual(['0', '0', '0']);
    } finally {
      await app.stop();
      await admin.disconnect();
    }
  }, 120_000);
});
