import { stackEnv, uniqueName } from '../../helpers/stack-env';
import { consumeUntilIdle } from '../../helpers/consume';
import {
  ProducerFencedError,
  TransactionAbortedError,
  TransactionalProducer,
} from '../../../src/producer/transaction';
import { producerDefaults } from '../../../src/producer/presets';
import { isKgenError } from '../../../src/errors';
import { createTopics, jsonSerde, kafkaFor } from './support';

jest.setTimeout(120_000);

describe('delivery: transactions', () => {
  const { brokers } = stackEnv();
  const kafka = kafkaFor(brokers);

  const txProducer = (transactionalId: string): TransactionalProducer =>
    new TransactionalProducer({
      transactionalId,
      serde: jsonSerde,
      createProducer: () =>
        kafka.producer({ ...producerDefaults, 'transactional.id': transactionalId, 'linger.ms': 0 }),
    });

  it('a committed transaction is visible to read_committed, an aborted one is not', async () => {
    const topic = uniqueName('dlv-tx');
    await createTopics(kafka, [topic]);
    const p = txProducer(uniqueName('dlv-txid'));
    await p.transaction(async (tx) => {
      await tx.send([
        { topic, key: 'a', value: { n: 1 } },
        { topic, key: 'b', value: { n: 2 } },
      ]);
    });
    const thrown = await p
      .transaction(async (tx) => {
        await tx.send({ topic, key: 'c', value: { n: 3 } });
        throw new Error('handler changed its mind');
      })
      .catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(TransactionAbortedError);
    expect((thrown as TransactionAbortedError).message).toMatch(/handler changed its mind/);
    const result = await p.transaction(async (tx) => {
      await tx.send({ topic, key: 'd', value: { n: 4 } });
      return 'done';
    });
    expect(result).toBe('done');
    await p.disconnect();

    const committed = await consumeUntilIdle(kafka, { topic, isolation: 'read_committed', expectAtLeast: 3 });
    expect(committed.map((m) => m.key?.toString())).toEqual(['a', 'b', 'd']);
    const uncommitted = await consumeUntilIdle(kafka, {
      topic,
      isolation: 'read_uncommitted',
      expectAtLeast: 4,
    });
    expect(uncommitted.map((m) => m.key?.toString())).toEqual(['a', 'b', 'c', 'd']);
  });

  it('a fenced producer gets a typed ProducerFencedError and its transaction stays invisible', async () => {
    const topic = uniqueName('dlv-fence');
    await createTopics(kafka, [topic]);
    const id = uniqueName('dlv-fence-id');
    const zombie = txProducer(id);
    await zombie.transaction(async (tx) => tx.send({ topic, key: 'z1', value: 1 }));
    const successor = txProducer(id);
    await successor.connect(); // initTransactions bumps the epoch: the zombie is fenced
    const thrown = await zombie
      .transaction(async (tx) => tx.send({ topic, key: 'z2', value: 2 }))
      .catch((e: unknown) => e);
    expect(isKgenError(thrown)).toBe(true);
    expect(thrown).toBeInstanceOf(ProducerFencedError);
    expect((thrown as ProducerFencedError).transactionalId).toBe(id);
    await successor.transaction(async (tx) => tx.send({ topic, key: 's1', value: 3 }));
    await successor.disconnect();
    await zombie.disconnect();

    const seen = await consumeUntilIdle(kafka, { topic, isolation: 'read_committed', expectAtLeast: 2 });
    expect(seen.map((m) => m.key?.toString())).toEqual(['z1', 's1']);
  });
});
