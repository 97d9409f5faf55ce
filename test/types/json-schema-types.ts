// Type-level tests of generated JSON Schema types in the SDK: each `@ts-expect-error` line must fail to compile.
import { createClient, defineTopics, stringSerde } from 'kgen';
import { OrderSchema, type Order, type OrderInput } from '../golden/jsonschema/__golden__/default/order';
import { CategorySchema, type Category } from '../golden/jsonschema/__golden__/default/category';
import { AuditEventSchema } from '../golden/jsonschema/__golden__/default/audit-event';

const topics = defineTopics({
  orders: { key: stringSerde, value: OrderSchema },
  categories: { key: stringSerde, value: CategorySchema },
  audit: { key: stringSerde, value: AuditEventSchema },
});

export async function jsonSchemaTypeTests(): Promise<void> {
  const kafka = createClient({ brokers: 'b:9092', registry: { url: 'http://r' }, topics });
  const producer = await kafka.producer();
  const order: OrderInput = {
    id: 'o-1',
    placedAt: '2026-01-01T00:00:00Z',
    shipTo: { street: 's', city: 'c', country: 'DE' },
    total: { amount: 1 },
    lines: [{ sku: 'a', quantity: 1, unitPrice: { amount: 1 } }],
  };
  await producer.send('orders', { key: 'o-1', value: order });
  await producer.send('orders', { key: 'o-1', value: { ...order, payment: { kind: 'bank', iban: 'DE00' } } });
  await producer.send('orders', { key: 'o-1', value: { ...order, position: [1, 2, 'home'] } });
  await producer.send('categories', {
    key: 'c',
    value: { name: 'a', children: [{ name: 'b', anything: 1 }] },
  });
  await producer.send('audit', { key: 'e', value: { actor: 7, action: 'delete', range: [1, 2] } });

  // @ts-expect-error a string where the schema says number (total.amount)
  await producer.send('orders', { key: 'o-1', value: { ...order, total: { amount: '1' } } });
  // @ts-expect-error a value outside the enum
  await producer.send('orders', { key: 'o-1', value: { ...order, status: 'LOST' } });
  // @ts-expect-error a required property missing (placedAt)
  await producer.send('orders', { key: 'o-1', value: { ...order, placedAt: undefined } });
  // @ts-expect-error a closed object (additionalProperties: false) takes no unknown property
  await producer.send('orders', { key: 'o-1', value: { ...order, coupon: 'x' } });
  // @ts-expect-error a oneOf branch must match one variant (card needs last4)
  await producer.send('orders', { key: 'o-1', value: { ...order, payment: { kind: 'card', iban: 'DE00' } } });
  // @ts-expect-error a closed tuple (items: false) takes no fourth item
  await producer.send('orders', { key: 'o-1', value: { ...order, position: [1, 2, 'home', 4] } });
  // @ts-expect-error typed additionalProperties: attribute values are strings
  await producer.send('orders', { key: 'o-1', value: { ...order, attributes: { gift: true } } });
  // @ts-expect-error anyOf string | integer: not a boolean
  await producer.send('audit', { key: 'e', value: { actor: true, action: 'delete' } });

  const consumer = await kafka.consumer({ groupId: 'g', topics: ['orders', 'categories'] });
  await consumer.run({
    eachMessage: async (m) => {
      if (m.topic === 'orders') {
        const o: Order = m.value;
        // Defaults are filled in on consume: status is always there.
        const status: 'NEW' | 'PAID' | 'SHIPPED' = o.status;
        void status;
      }
      if (m.topic === 'categories') {
        const c: Category = m.value;
        // Recursion: children are categories too.
        const grandchild: string | undefined = c.children?.[0]?.children?.[0]?.name;
        void grandchild;
      }
    },
  });
  const consumed = {} as Order;
  // @ts-expect-error the consumer output is not the producer input with status left out
  const missingStatus: Order = { ...consumed, status: undefined };
  void missingStatus;
}
