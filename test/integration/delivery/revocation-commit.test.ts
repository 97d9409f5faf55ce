import { stackEnv, uniqueName } from '../../helpers/stack-env';
import { runConsumer, type ConsumerRun } from '../../../src/delivery/run-consumer';
import { commitStrategies } from '../../../src/consumer/commit/strategy';
import {
  committedTotal,
  connectedConsumer,
  createTopics,
  kafkaFor,
  produceNumbers,
  sleep,
  waitFor,
} from './support';

jest.setTimeout(120_000);

// README, delivery semantics: "Partitions being revoked get their finished records committed (acknowledged)
// before they are given up." A strategy that would not commit by itself (every-n with n far above the record
// count) shows it: only the revocation can commit, and the member that takes the partitions over reads nothing.
describe('delivery: commit on revocation', () => {
  const { brokers } = stackEnv();
  const kafka = kafkaFor(brokers);

  async function start(group: string, topic: string, handled: string[]): Promise<ConsumerRun> {
    return runConsumer({
      consumer: await connectedConsumer(kafka, group),
      topics: [topic],
      strategy: commitStrategies.everyN(1_000_000),
      handle: async (r) => void handled.push(r.key!.toString()),
    });
  }

  it('a member losing its partitions commits what it handled first: the new owner replays nothing', async () => {
    const topic = uniqueName('dlv-revoke');
    const group = uniqueName('dlv-revoke-group');
    await createTopics(kafka, [topic], 2);
    await produceNumbers(kafka, topic, 40);
    const first: string[] = [];
    const a = await start(group, topic, first);
    await waitFor('40 handled', async () => first.length >= 40, 60_000);
    await sleep(500);
    expect(await committedTotal(kafka, group, topic)).toBe(0); // the strategy alone commits nothing
    const second: string[] = [];
    const b = await start(group, topic, second);
    await waitFor(
      'the revocation commit',
      async () => (await committedTotal(kafka, group, topic)) >= 40,
      60_000,
    );
    await sleep(2000); // the second member has its partitions by now: it must not read them again
    await b.stop();
    await a.stop();
    expect(second).toEqual([]);
    expect(first).toHaveLength(40);
  });
});
