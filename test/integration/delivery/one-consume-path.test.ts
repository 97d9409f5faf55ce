import { commitStrategies, createClient, defineTopics, isDecodeError } from 'kgen';
import { stringKeyAvroTopic } from '../../helpers/avro-topic';
import { stackEnv, uniqueName } from '../../helpers/stack-env';
import { createTopics, kafkaFor, waitFor } from './support';

jest.setTimeout(120_000);

interface Payment {
  id: string;
}
const paymentSchema = JSON.stringify({
  type: 'record',
  name: 'Payment',
  namespace: 'kgen.test.onepath',
  fields: [{ name: 'id', type: 'string' }],
});

/** What a consume path saw: decoded values, tombstone keys, and offsets of records it could not decode. */
interface Seen {
  values: string[];
  tombstones: unknown[];
  undecodable: string[];
}

// consumer.run() and client.runWithDelivery() decode through the consumer's one decoder under the same rules:
// a tombstone reaches onTombstone, an undecodable record reaches onDecodeError (which skips it here).
describe('one consume path: typed consumer and delivery runner see records alike', () => {
  const { brokers, registryUrl } = stackEnv();
  const raw = kafkaFor(brokers);

  it('a record, a tombstone and an undecodable record reach the same handlers in both paths', async () => {
    const topic = uniqueName('one-path') as 'payments';
    const topics = defineTopics({
      [topic]: stringKeyAvroTopic<Payment>(paymentSchema),
    });
    const client = createClient({
      brokers,
      registry: { url: registryUrl },
      topics,
      schemas: { autoRegister: true },
      logLevel: 'nothing',
    });
    await createTopics(raw, [topic], 1);
    const producer = await client.producer({ topics: [topic] });
    await producer.send(topic, [{ key: 'a', value: { id: 'a' } }]);
    await producer.disconnect();
    const plain = raw.producer();
    await plain.connect();
    await plain.send({
      topic,
      messages: [
        { key: 't', value: null },
        // Framed with schema id 1 but not Avro of it: undecodable.
        { key: 'x', value: Buffer.from([0, 0, 0, 0, 1, 9, 9]) },
      ],
    });
    await plain.disconnect();

    const expected: Seen = { values: ['a'], tombstones: ['t'], undecodable: ['2'] };
    const typed: Seen = { values: [], tombstones: [], undecodable: [] };
    const consumer = await client.consumer({
      groupId: uniqueName('one-path-typed'),
      topics: [topic],
      fromBeginning: true,
    });
    await consumer.run({
      eachMessage: async (m) => void typed.values.push(m.value.id),
      onTombstone: async (t) => void typed.tombstones.push(t.key),
      onDecodeError: (err, r) => {
        if (isDecodeError(err)) typed.undecodable.push(r.offset);
        return 'skip';
      },
    });

    const delivered: Seen = { values: [], tombstones: [], undecodable: [] };
    const consumer2 = await client.consumer({
      groupId: uniqueName('one-path-delivery'),
      topics: [topic],
      fromBeginning: true,
      autoCommit: false,
    });
    const run = await client.runWithDelivery(consumer2, {
      topics: [topic],
      strategy: commitStrategies.perBatch(),
      deadLetter: false,
      handle: async (m) => void delivered.values.push(m.value.id),
      onTombstone: async (t) => void delivered.tombstones.push(t.key),
      onDecodeError: (err, r) => {
        if (isDecodeError(err)) delivered.undecodable.push(r.offset);
        return 'skip';
      },
    });
    const count = (s: Seen): number => s.values.length + s.tombstones.length + s.undecodable.length;
    try {
      await waitFor(
        'both paths saw 3 records',
        async () => count(typed) >= 3 && count(delivered) >= 3,
        60_000,
      );
    } finally {
      await consumer.disconnect();
      await run.stop();
    }
    expect(typed).toEqual(expected);
    expect(delivered).toEqual(expected);
  });
});
