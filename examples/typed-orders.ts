/**
 * Typed produce and consume with a hand-written topic map (generated code exports the same `topics` value).
 * Run against the local stack: `npm run stack:up`, then `npx tsx examples/typed-orders.ts`.
 */
import { randomBytes } from 'node:crypto';
import { SchemaRegistryClient } from '@confluentinc/schemaregistry';
import { KafkaJS } from '@confluentinc/kafka-javascript';
import { avroSchema, createClient, defineTopics, isKgenError, stringSerde } from 'kgen';

interface Order {
  id: string;
  amount: number;
  placedAt: Date;
}

const brokers = process.env['KAFKA_BROKERS'] ?? '127.0.0.1:19092';
const registryUrl = process.env['SCHEMA_REGISTRY_URL'] ?? 'http://127.0.0.1:18081/apis/ccompat/v7';
const ordersTopic = `orders-${randomBytes(3).toString('hex')}`;

const orderSchema = JSON.stringify({
  type: 'record',
  name: 'Order',
  namespace: 'acme',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'amount', type: 'double' },
    { name: 'placedAt', type: { type: 'long', logicalType: 'timestamp-millis' } },
  ],
});

const topics = defineTopics({
  [ordersTopic]: {
    key: stringSerde,
    value: avroSchema<Order>({
      name: 'acme.Order',
      schema: orderSchema,
      references: [],
      options: { long: 'number', unions: 'wrapped', timestamps: 'date', date: 'date', decimal: 'string' },
    }),
  },
});

async function main(): Promise<void> {
  // Set-up a real service gets from `kgen register` and its topic provisioning.
  await new SchemaRegistryClient({ baseURLs: [registryUrl] }).register(
    `${ordersTopic}-value`,
    { schemaType: 'AVRO', schema: orderSchema },
    false,
  );
  const admin = new KafkaJS.Kafka({
    kafkaJS: { brokers: [brokers], logLevel: KafkaJS.logLevel.ERROR },
  }).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: ordersTopic, numPartitions: 3 }] });
  await admin.disconnect();

  const kafka = createClient({ brokers, registry: { url: registryUrl }, topics });
  await kafka.verify(); // throws a readable diff if the map and the registry disagree

  const producer = await kafka.producer({ topics: [ordersTopic] });
  for (let i = 0; i < 10; i++) {
    const order: Order = { id: `o-${i}`, amount: 10 + i, placedAt: new Date() };
    void producer.send<Order>(ordersTopic, { key: order.id, value: order, headers: { source: 'example' } });
  }
  await producer.flush(); // pipelined: all ten were in flight together
  await producer.disconnect();
  console.log(`sent 10 orders to ${ordersTopic}`);

  const consumer = await kafka.consumer({
    groupId: `billing-${ordersTopic}`,
    topics: [ordersTopic],
    fromBeginning: true,
  });
  let seen = 0;
  await consumer.run({
    eachMessage: async (m) => {
      console.log(
        `${m.topic}[${m.partition}]@${m.offset} ${m.key}: ${m.value.amount} at ${m.value.placedAt.toISOString()}`,
      );
      seen++;
    },
    onDecodeError: (err) => {
      console.error(`skipping ${err.topic}[${err.partition}]@${err.offset}: ${err.message}`);
      return 'skip';
    },
  });
  while (seen < 10) await new Promise((r) => setTimeout(r, 100));
  await consumer.disconnect();
}

main().catch((err: unknown) => {
  console.error(isKgenError(err) ? `${err.code}: ${err.message}` : err);
  process.exit(1);
});
