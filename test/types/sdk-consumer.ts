// Type-level tests of the typed consumer: narrowing by topic, and what must not compile.
import { createClient, type TypedMessage } from 'kgen';
import { topics, type Order, type Refund } from './sdk-fixtures';

type Expect<T extends true> = T;
type Equal<A, B> = (<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2 ? true : false;

export async function consumerTypeTests(): Promise<void> {
  const kafka = createClient({ brokers: 'b:9092', registry: { url: 'http://r' }, topics });
  const consumer = await kafka.consumer({ groupId: 'billing', topics: ['orders', 'refunds'] });
  await consumer.run({
    eachMessage: async (m) => {
      if (m.topic === 'orders') {
        const amount: number = m.value.amount;
        const key: string | null = m.key;
        void amount;
        void key;
        // @ts-expect-error an Order has no reason
        void m.value.reason;
      } else {
        type _ = Expect<Equal<typeof m.topic, 'refunds'>>;
        const reason: string = m.value.reason;
        void reason;
      }
      // @ts-expect-error not narrowed yet: the value may be a Refund
      void m.value.amount;
      // @ts-expect-error not a subscribed topic
      if (m.topic === 'shipments') return;
    },
  });
  await consumer.run({
    eachMessage: async () => undefined,
    onTombstone: async (t) => {
      if (t.topic === 'orders') {
        const key: string | null = t.key;
        void key;
      }
      // @ts-expect-error a tombstone has no value
      void t.value;
      // @ts-expect-error not a subscribed topic
      if (t.topic === 'shipments') return;
    },
  });
  await consumer.run({
    eachBatch: async (batch) => {
      if (batch.topic === 'refunds') for (const m of batch.messages) void m.value.reason;
      for (const t of batch.tombstones) {
        if (t.topic === 'orders') {
          const key: string | null = t.key;
          void key;
        }
        // @ts-expect-error a tombstone has no value, in batches too
        void t.value;
      }
    },
  });
  consumer.pause([{ topic: 'orders' }]);
  consumer.seek({ topic: 'refunds', partition: 0, offset: 0 });
  // @ts-expect-error pause only subscribed topics
  consumer.pause([{ topic: 'shipments' }]);
  // @ts-expect-error unknown topic in the subscription
  await kafka.consumer({ groupId: 'g', topics: ['ordrs'] });

  type PaymentsValue = TypedMessage<typeof topics, 'payments'>['value'];
  type _p = Expect<Equal<PaymentsValue, Order | Refund>>;
}
