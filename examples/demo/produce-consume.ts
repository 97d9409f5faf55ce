/**
 * The typed half of `npm run demo`: uses the code `kgen generate` just wrote into ./generated.
 * Compiled by the demo with `tsc -p examples/demo` before it runs, so the types are checked for real.
 */
import { createClient, isKgenError } from 'kgen';
import { topics, type Order, type OrderInput } from './generated';

const brokers = process.env['KAFKA_BROKERS'] ?? '127.0.0.1:19092';
const registryUrl = process.env['SCHEMA_REGISTRY_URL'] ?? 'http://127.0.0.1:18081/apis/ccompat/v7';
const count = 6;

async function main(): Promise<void> {
  const kafka = createClient({ brokers, registry: { url: registryUrl }, topics });
  await kafka.verify();
  console.log('demo: verify() — topic map matches the registry');

  const producer = await kafka.producer({ topics: ['demo-orders'] });
  const runId = Date.now().toString(36);
  for (let i = 0; i < count - 1; i++) {
    // `status` and `note` have defaults, so the producer input may leave them out.
    const order: OrderInput = {
      id: `${runId}-${i}`,
      customer: `customer-${i % 2}`,
      lines: [{ sku: 'SKU-1', qty: i + 1, price: '19.99' }],
      placedAt: new Date(),
    };
    void producer.send('demo-orders', { key: order.id, value: order });
  }
  // `send<Order>` checks at compile time that `Order` is what the topic carries (the full consumer shape).
  const last: Order = {
    id: `${runId}-last`,
    customer: 'vip',
    status: 'PAID',
    lines: [],
    placedAt: new Date(),
    note: 'gift',
  };
  void producer.send<Order>('demo-orders', { key: last.id, value: last });
  await producer.flush();
  await producer.disconnect();
  console.log(`demo: sent ${count} typed orders to demo-orders`);

  const consumer = await kafka.consumer({
    groupId: `demo-${runId}`,
    topics: ['demo-orders'],
    fromBeginning: true,
  });
  let seen = 0;
  await consumer.run({
    eachMessage: async (m) => {
      const o = m.value; // Order: every field present, defaults filled in
      if (!o.id.startsWith(runId)) return;
      const total = o.lines.reduce((sum, l) => sum + l.qty * Number(l.price), 0);
      console.log(
        `demo: received ${o.id} (${o.status}) for ${o.customer}: ${o.lines.length} line(s), total ${total.toFixed(2)}, placed ${o.placedAt.toISOString()}, note=${o.note}`,
      );
      seen++;
    },
  });
  const deadline = Date.now() + 30_000;
  while (seen < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  await consumer.disconnect();
  if (seen < count) throw new Error(`received ${seen} of ${count} orders`);
  console.log(`demo: consumed ${seen} typed orders — done`);
}

main().catch((err: unknown) => {
  console.error(isKgenError(err) ? `${err.code}: ${err.message}` : err);
  process.exit(1);
});
