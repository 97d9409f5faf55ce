import { KafkaJS } from '@confluentinc/kafka-javascript';
import { createClient, defineTopics, stringSerde } from 'kgen';
import { releaseConsumerLockStorage } from '../../../src/kafka/lock-storage';
import { stackEnv, uniqueName } from '../../helpers/stack-env';
import { createTopic } from './fixtures';

jest.setTimeout(120_000);

// Each consumer of @confluentinc/kafka-javascript's KafkaJS layer enables an AsyncLocalStorage of its own when it
// disconnects, and nothing disables it: Node then stamps every promise the process creates with one more
// property and walks one more instance for each. The stamps on a fresh promise count the enabled instances, so
// a consumer that leaks one shows up as one stamp more.
describe('consumers leave no AsyncLocalStorage enabled behind them', () => {
  const { brokers, registryUrl } = stackEnv();
  const stamps = (): number => Object.getOwnPropertySymbols(new Promise(() => undefined)).length;

  it('the KafkaJS layer alone leaks one per consumer (what kgen works around)', async () => {
    const kafka = new KafkaJS.Kafka({ kafkaJS: { brokers: [brokers], logLevel: KafkaJS.logLevel.NOTHING } });
    const cycle = async (): Promise<void> => {
      const consumer = kafka.consumer({ kafkaJS: { groupId: uniqueName('lock-storage-raw') } });
      await consumer.connect();
      await consumer.disconnect();
    };
    await cycle();
    const before = stamps();
    for (let i = 0; i < 3; i++) await cycle();
    expect(stamps()).toBe(before + 3);
  });

  it('a raw consumer run through the KafkaJS loop adds none under the workaround', async () => {
    const topic = uniqueName('lock-storage-run');
    await createTopic(brokers, topic);
    const kafka = releaseConsumerLockStorage(
      new KafkaJS.Kafka({ kafkaJS: { brokers: [brokers], logLevel: KafkaJS.logLevel.NOTHING } }),
    );
    const before = stamps();
    for (let i = 0; i < 3; i++) {
      const consumer = kafka.consumer({ kafkaJS: { groupId: uniqueName('lock-storage-run') } });
      await consumer.connect();
      await consumer.subscribe({ topics: [topic] });
      await consumer.run({ eachMessage: async () => undefined });
      await new Promise((r) => setTimeout(r, 200));
      await consumer.disconnect();
    }
    expect(stamps()).toBe(before);
  });

  it("kgen's consumers, connected, run and disconnected, add none", async () => {
    const topic = uniqueName('lock-storage') as 'events';
    const topics = defineTopics({ [topic]: { key: stringSerde, value: stringSerde } } as const);
    const client = createClient({ brokers, registry: { url: registryUrl }, topics, logLevel: 'error' });
    await createTopic(brokers, topic);
    const producer = await client.producer({ topics: [topic] });
    await producer.send(topic, { key: 'k', value: 'v' });
    await producer.disconnect();
    const cycle = async (): Promise<void> => {
      const consumer = await client.consumer({
        groupId: uniqueName('lock-storage'),
        topics: [topic],
        fromBeginning: true,
      });
      const seen = new Promise<string>((resolve) => {
        void consumer.run({ eachMessage: async (m) => resolve(m.value) });
      });
      expect(await seen).toBe('v');
      await consumer.disconnect();
    };
    const before = stamps();
    for (let i = 0; i < 3; i++) await cycle();
    expect(stamps()).toBe(before);
  });
});
