// Type-level tests of the typed producer: each `@ts-expect-error` line must fail to compile.
import { createClient } from 'kgen';
import { topics, type Order, type Refund, type Shipment } from './sdk-fixtures';

export async function producerTypeTests(): Promise<void> {
  const kafka = createClient({ brokers: 'b:9092', registry: { url: 'http://r' }, topics });
  const producer = await kafka.producer();
  const order: Order = { id: 'o-1', amount: 12 };
  const refund: Refund = { orderId: 'o-1', reason: 'damaged' };

  await producer.send('orders', { key: order.id, value: order });
  await producer.send<Order>('orders', { key: order.id, value: order });
  await producer.send('orders', [{ value: order }, { key: 'k', value: order, headers: { trace: 'x' } }]);
  await producer.send('shipments', { key: Buffer.from('k'), value: { trackingId: 't' } satisfies Shipment });
  // A topic with two record types takes either, and `send<T>` accepts each variant.
  await producer.send('payments', { key: 'p', value: refund });
  await producer.send<Refund>('payments', { key: 'p', value: refund });

  // @ts-expect-error wrong value type for the topic
  await producer.send('orders', { key: 'o-1', value: refund });
  // @ts-expect-error unknown topic
  await producer.send('order', { key: 'o-1', value: order });
  // @ts-expect-error misspelt field
  await producer.send('orders', { key: 'o-1', value: { id: 'o-1', amonut: 12 } });
  // @ts-expect-error the explicit type must be the topic's value type
  await producer.send<Refund>('orders', { key: 'o-1', value: refund });
  // @ts-expect-error the explicit type argument must match the value given
  await producer.send<Order>('orders', { key: 'o-1', value: refund });
  // @ts-expect-error wrong key type (string key topic)
  await producer.send('orders', { key: 42, value: order });
  // @ts-expect-error bytes keys must be Buffers
  await producer.send('shipments', { key: 'k', value: { trackingId: 't' } });
  // @ts-expect-error header values are strings or Buffers
  await producer.send('orders', { value: order, headers: { n: 1 } });
  // produce(): the promise-free path, typed exactly like send.
  producer.produce('orders', { key: order.id, value: order });
  producer.produce<Order>('orders', { key: order.id, value: order, headers: { trace: 'x' } });
  producer.produce('payments', { key: 'p', value: refund });
  const nothing: void = producer.produce('orders', { value: order });
  void nothing;
  // @ts-expect-error wrong value type for the topic
  producer.produce('orders', { key: 'o-1', value: refund });
  // @ts-expect-error unknown topic
  producer.produce('order', { key: 'o-1', value: order });
  // @ts-expect-error misspelt field
  producer.produce('orders', { key: 'o-1', value: { id: 'o-1', amonut: 12 } });
  // @ts-expect-error the explicit type must be the topic's value type
  producer.produce<Refund>('orders', { key: 'o-1', value: refund });
  // @ts-expect-error wrong key type (string key topic)
  producer.produce('orders', { key: 42, value: order });
  // @ts-expect-error one record at a time (arrays go to send)
  producer.produce('orders', [{ value: order }]);
  // @ts-expect-error returns nothing to await
  await producer.produce('orders', { value: order }).then(() => undefined);
  await producer.tombstone('orders', 'o-1', { headers: { reason: 'gdpr' } });
  await producer.tombstone('shipments', Buffer.from('k'));
  // @ts-expect-error a tombstone's key has the topic's key type
  await producer.tombstone('orders', 42);
  // @ts-expect-error unknown topic
  await producer.tombstone('order', 'o-1');
}
