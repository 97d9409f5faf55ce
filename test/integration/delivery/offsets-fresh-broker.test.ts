import { dedicatedBroker } from '../../helpers/dedicated-broker';
import { uniqueName } from '../../helpers/stack-env';
import { connectOffsetsAdmin, fetchCommittedOffsets } from '../../../src/consumer/committed-offsets';
import { consumerLag } from '../../../src/consumer/lag';
import { createTopics, kafkaFor, produceNumbers, sleep } from './support';

jest.setTimeout(180_000);

// Group offsets read while a brand-new broker still loads its group coordinator. Through a plain
// `kafka.admin()` this crashed the test process with a segfault in librdkafka (NOT_COORDINATOR in a
// ListConsumerGroupOffsets response); kgen reads through an admin that shares a consumer's handle.
describe('delivery: committed offsets and lag on a freshly started broker', () => {
  const broker = dedicatedBroker(Number(process.env['KGEN_FRESH_KAFKA_PORT'] ?? 29096));
  beforeAll(() => broker.start(), 120_000);
  afterAll(() => broker.destroy());

  it('reads offsets and lag while a consumer group forms, and sees its commits', async () => {
    const kafka = kafkaFor(broker.brokers);
    const topic = uniqueName('dlv-fresh');
    const groupId = uniqueName('dlv-fresh-group');
    await createTopics(kafka, [topic], 2);
    await produceNumbers(kafka, topic, 200);

    const offsets = await connectOffsetsAdmin(kafka);
    const committedSum = async (): Promise<number> =>
      (await fetchCommittedOffsets(offsets.admin, groupId, [topic]))
        .flatMap((t) => t.partitions)
        .reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
    const consumer = kafka.consumer({ kafkaJS: { groupId, fromBeginning: true, autoCommit: false } });
    try {
      // Poll from the first moment the group's coordinator is being created, as a lag dashboard would.
      expect(await committedSum()).toBe(0);

      await consumer.connect();
      await consumer.subscribe({ topics: [topic] });
      let seen = 0;
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          seen++;
          await consumer.commitOffsets([{ topic, partition, offset: String(Number(message.offset) + 1) }]);
        },
      });
      let total = 0;
      for (let i = 0; i < 300 && total < 200; i++) {
        total = await committedSum();
        await sleep(100);
      }
      expect(seen).toBe(200);
      expect(total).toBe(200);
      expect(await consumerLag(offsets.admin, groupId, [topic])).toMatchObject({
        total: 0,
        level: 'healthy',
      });
    } finally {
      await consumer.disconnect();
      await offsets.disconnect();
    }
  });
});
