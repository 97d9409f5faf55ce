import { BrokerError, createClient, defineTopics } from '../../../src';

// No broker needed: librdkafka validates the configuration when the producer is created, before connecting.
describe("the typed client's producers start from producerDefaults", () => {
  const client = createClient({
    brokers: '127.0.0.1:1',
    registry: { url: 'http://127.0.0.1:1' },
    topics: defineTopics({}),
    logLevel: 'nothing',
  });

  it('are idempotent by default: acks=1 contradicts that and is refused', async () => {
    const err: unknown = await client.producer({ config: { acks: 1 } }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(BrokerError);
    expect(String(err)).toMatch(/idempotence/i);
  });
});
