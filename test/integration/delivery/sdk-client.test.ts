import { DeliveryMetrics, Flow, commitStrategies, createClient, defineTopics } from 'kgen';
import { dlqHeaders } from 'kgen/delivery';
import { stringKeyAvroTopic } from '../../helpers/avro-topic';
import { stackEnv, uniqueName } from '../../helpers/stack-env';
import { consumeN, consumeUntilIdle } from '../../helpers/consume';
import { committedTotal, createTopics, headerString, kafkaFor, waitFor } from './support';

jest.setTimeout(120_000);

interface Payment {
  id: string;
  cents: number;
}
interface Invoice {
  paymentId: string;
  euros: number;
}
const paymentSchema = JSON.stringify({
  type: 'record',
  name: 'Payment',
  namespace: 'kgen.test.delivery',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'cents', type: 'long' },
  ],
});
const invoiceSchema = JSON.stringify({
  type: 'record',
  name: 'Invoice',
  namespace: 'kgen.test.delivery',
  fields: [
    { name: 'paymentId', type: 'string' },
    { name: 'euros', type: 'double' },
  ],
});

describe('delivery engines over the typed SDK client (Avro on the registry)', () => {
  const { brokers, registryUrl } = stackEnv();
  const raw = kafkaFor(brokers);

  function setup() {
    // Unique names at run time, distinct literal types at compile time (so the map types each topic).
    const payments = uniqueName('dlv-sdk-payments') as 'payments';
    const invoices = uniqueName('dlv-sdk-invoices') as 'invoices';
    const topics = defineTopics({
      [payments]: stringKeyAvroTopic<Payment>(paymentSchema),
      [invoices]: stringKeyAvroTopic<Invoice>(invoiceSchema),
    });
    const client = createClient({
      brokers,
      registry: { url: registryUrl },
      topics,
      schemas: { autoRegister: true },
      logLevel: 'nothing',
    });
    return { payments, invoices, topics, client };
  }

  it('client.pipeline() + Flow operators: typed EOS transform, undecodable input dead-lettered inside the transaction', async () => {
    const { payments, invoices, topics, client } = setup();
    await createTopics(raw, [payments, invoices, `${payments}.dlq`], 2);
    const producer = await client.producer({ topics: [payments] });
    await producer.send(
      payments,
      Array.from({ length: 100 }, (_, i) => ({
        key: `p${i}`,
        value: { id: `p${i}`, cents: i % 4 === 0 ? 0 : i * 100 },
      })),
    );
    await producer.disconnect();
    const junk = raw.producer();
    await junk.connect();
    await junk.send({
      topic: payments,
      messages: [{ key: 'junk', value: Buffer.from([0, 0, 0, 0, 1, 9, 9]) }],
    });
    await junk.disconnect();

    const groupId = uniqueName('dlv-sdk-eos');
    const metrics = new DeliveryMetrics();
    const transform = Flow.from(topics, [payments])
      .filter((r) => r.value.cents > 0)
      .map((r) => ({ paymentId: r.value.id, euros: r.value.cents / 100 }))
      .to(invoices, (inv) => ({ key: inv.paymentId, value: inv }));
    const pipeline = await client.pipeline({
      from: [payments],
      to: [invoices],
      groupId,
      transform,
      metrics,
    });
    await waitFor(
      'input committed',
      async () => (await committedTotal(raw, groupId, payments)) >= 101,
      60_000,
    );
    await pipeline.stop();

    const consumer = await client.consumer({
      groupId: uniqueName('dlv-sdk-read'),
      topics: [invoices],
      fromBeginning: true,
    });
    const got: Invoice[] = [];
    await consumer.run({ eachMessage: async (m) => void got.push(m.value) });
    await waitFor('75 invoices', async () => got.length >= 75, 30_000);
    await consumer.disconnect();
    expect(got).toHaveLength(75);
    expect(got.find((i) => i.paymentId === 'p7')).toEqual({ paymentId: 'p7', euros: 7 });
    expect(metrics.snapshot().deadLettered).toBe(1);
    const [dead] = await consumeN(raw, { topic: `${payments}.dlq`, count: 1, isolation: 'read_committed' });
    expect(dead!.value).toEqual(Buffer.from([0, 0, 0, 0, 1, 9, 9]));
    expect(headerString(dead!.headers?.[dlqHeaders.errorClass])).toBe('DecodeError');
  });

  it.each([
    ['n-or-t', commitStrategies.nOrT(5, 200)],
    ['manual', commitStrategies.manual(100)],
  ])(
    'client.runWithDelivery (%s) on a typed consumer: poison record retried then dead-lettered with its schema id; others handled',
    async (_name, strategy) => {
      const { payments, client } = setup();
      await createTopics(raw, [payments, `${payments}.dlq`], 1);
      const producer = await client.producer({ topics: [payments] });
      await producer.send(
        payments,
        Array.from({ length: 20 }, (_, i) => ({ key: `p${i}`, value: { id: `p${i}`, cents: i } })),
      );
      await producer.disconnect();
      const schemaId = (await client.registry.getLatestSchemaMetadata(`${payments}-value`)).id;

      const groupId = uniqueName('dlv-sdk-consume');
      const consumer = await client.consumer({
        groupId,
        topics: [payments],
        fromBeginning: true,
        autoCommit: false,
      });
      const handled: string[] = [];
      let poisonAttempts = 0;
      const run = await client.runWithDelivery(consumer, {
        topics: [payments],
        strategy,
        deadLetter: { retry: { retries: 2, initialDelayMs: 5 } },
        handle: async (m, ack) => {
          if (m.value.id === 'p5') {
            poisonAttempts++;
            throw new Error('p5 is poison');
          }
          handled.push(m.value.id);
          if (strategy.kind === 'manual') await ack();
        },
      });
      await waitFor(
        'all committed',
        async () => (await committedTotal(raw, groupId, payments)) >= 20,
        60_000,
      );
      await run.stop();
      expect(poisonAttempts).toBe(3);
      expect(handled).toHaveLength(19);
      const [dead] = await consumeN(raw, { topic: `${payments}.dlq`, count: 1 });
      expect(headerString(dead!.headers?.[dlqHeaders.valueSchemaId])).toBe(String(schemaId));
      expect(headerString(dead!.headers?.[dlqHeaders.offset])).toBe('5');
    },
  );

  it('client.transactionalProducer(): typed tx.send, committed visible, aborted invisible', async () => {
    const { invoices, client } = setup();
    await createTopics(raw, [invoices], 1);
    const tp = await client.transactionalProducer({
      transactionalId: uniqueName('dlv-sdk-tx'),
      topics: [invoices],
    });
    await tp.transaction(async (tx) =>
      tx.send({ topic: invoices, key: 'a', value: { paymentId: 'a', euros: 1 } }),
    );
    await tp
      .transaction(async (tx) => {
        await tx.send({ topic: invoices, key: 'b', value: { paymentId: 'b', euros: 2 } });
        throw new Error('changed my mind');
      })
      .catch(() => undefined);
    await tp.transaction(async (tx) =>
      tx.send({ topic: invoices, key: 'c', value: { paymentId: 'c', euros: 3 } }),
    );
    await tp.disconnect();
    const seen = await consumeUntilIdle(raw, {
      topic: invoices,
      isolation: 'read_committed',
      expectAtLeast: 2,
    });
    expect(seen.map((m) => m.key?.toString())).toEqual(['a', 'c']);
  });
});
