import type { KgenClient } from '../../../src/client/create-client';
import { commitStrategies } from '../../../src/consumer/commit/strategy';
import { DeliveryConfigError, runWithDelivery } from '../../../src/delivery/run-with-delivery';
import type { TypedConsumer } from '../../../src/consumer/typed-consumer';
import type { TopicMap } from '../../../src/topics';

describe('runWithDelivery', () => {
  it('refuses a consumer that commits by itself (autoCommit), naming the topics and the fix', async () => {
    // Nothing may be touched before the refusal: a client and consumer that throw on any use prove it.
    const untouchable = new Proxy(
      {},
      {
        get: (_t, prop) => {
          throw new Error(`touched ${String(prop)}`);
        },
      },
    );
    const consumer = new Proxy({ autoCommit: true } as object, {
      get: (t, prop) => {
        if (prop === 'autoCommit') return true;
        throw new Error(`touched consumer.${String(prop)}`);
      },
    }) as TypedConsumer<TopicMap, string>;
    const run = runWithDelivery(untouchable as KgenClient<TopicMap>, consumer, {
      topics: ['orders'],
      strategy: commitStrategies.perBatch(),
      handle: async () => undefined,
    });
    await expect(run).rejects.toThrow(DeliveryConfigError);
    await expect(run).rejects.toThrow(/orders.*autoCommit is true.*autoCommit: false/);
  });
});
