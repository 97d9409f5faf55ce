import { KafkaJS } from '@confluentinc/kafka-javascript';
import { stackEnv, uniqueName } from '../../helpers/stack-env';
import { consumeUntilIdle } from '../../helpers/consume';

// Smoke test: transactions work on the single-node broker (internal topics with RF 1 and min ISR 1).
describe('stack smoke: transactions', () => {
  const { brokers } = stackEnv();

  it('a read_committed consumer sees the committed transaction and not the aborted one', async () => {
    const topic = uniqueName('smoke-tx');
    const kafka = new KafkaJS.Kafka({ kafkaJS: { brokers: [brokers], logLevel: KafkaJS.logLevel.ERROR } });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }] });
    await admin.disconnect();

    const producer = kafka.producer({
      kafkaJS: { transactionalId: uniqueName('smoke-txid'), idempotent: true, maxInFlightRequests: 1 },
    });
    await producer.connect();

    const committed = await producer.transaction();
    await committed.send({ topic, messages: [{ value: 'committed-1' }, { value: 'committed-2' }] });
    await committed.commit();

    const aborted = await producer.transaction();
    await aborted.send({ topic, messages: [{ value: 'aborted-1' }] });
    await aborted.abort();

    const last = await producer.transaction();
    await last.send({ topic, messages: [{ value: 'committed-3' }] });
    await last.commit();
    await producer.disconnect();

    const values = (
      await consumeUntilIdle(kafka, { topic, isolation: 'read_committed', expectAtLeast: 3 })
    ).map((m) => m.value?.toString());
    expect(values).toEqual(['committed-1', 'committed-2', 'committed-3']);
  });
});
