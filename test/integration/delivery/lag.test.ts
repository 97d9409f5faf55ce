import { connectOffsetsAdmin } from '../../../src/consumer/committed-offsets';
import { consumerLag } from '../../../src/consumer/lag';
import { stackEnv, uniqueName } from '../../helpers/stack-env';
import { createTopics, kafkaFor, produceNumbers } from './support';

jest.setTimeout(60_000);

describe('delivery: consumer lag on the real broker', () => {
  const { brokers } = stackEnv();
  const kafka = kafkaFor(brokers);

  it('per-partition lag from committed and end offsets, classified healthy / warning / critical', async () => {
    const topic = uniqueName('dlv-lag');
    const groupId = uniqueName('dlv-lag-group');
    await createTopics(kafka, [topic], 1);
    await produceNumbers(kafka, topic, 12_000);
    const offsets = await connectOffsetsAdmin(kafka);
    const admin = offsets.admin;
    try {
      const before = await consumerLag(admin, groupId, [topic]);
      expect(before.partitions).toEqual([
        expect.objectContaining({
          partition: 0,
          committed: null,
          low: '0',
          high: '12000',
          lag: 12000,
          level: 'critical',
        }),
      ]);

      const consumer = kafka.consumer({ kafkaJS: { groupId, autoCommit: false } });
      await consumer.connect();
      const commitAt = async (offset: string): Promise<void> => {
        await consumer.commitOffsets([{ topic, partition: 0, offset }]);
        // The promisified commit only queues it: wait until the broker reports it.
        for (let i = 0; i < 50; i++) {
          const r = await consumerLag(admin, groupId, [topic]);
          if (r.partitions[0]?.committed === offset) return;
          await new Promise((res) => setTimeout(res, 100));
        }
      };
      await commitAt('5000');
      const warning = await consumerLag(admin, groupId, [topic]);
      expect(warning).toMatchObject({ total: 7000, level: 'warning' });
      await commitAt('11500');
      const healthy = await consumerLag(admin, groupId, [topic]);
      expect(healthy).toMatchObject({ total: 500, level: 'healthy' });
      expect(healthy.partitions[0]).toMatchObject({ committed: '11500', lag: 500 });
      await consumer.disconnect();
    } finally {
      await offsets.disconnect();
    }
  });
});
