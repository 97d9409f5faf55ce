// Schemas, descriptors and helpers shared by the SDK integration tests (real broker + registry).
import { KafkaJS } from '@confluentinc/kafka-javascript';
import {
  avroSchema,
  createClient,
  defineTopics,
  protobufSchema,
  type AvroCodecOptions,
  type AvroSchemaDescriptor,
  type TopicMap,
  type TopicName,
  type TypedConsumer,
  type TypedMessage,
} from 'kgen';
import { uniqueName } from '../../helpers/stack-env';

export const avroOptions: AvroCodecOptions = {
  long: 'bigint',
  unions: 'wrapped',
  timestamps: 'date',
  date: 'string',
  decimal: 'string',
};

export interface OrderKey {
  id: string;
}
export interface Order {
  id: string;
  amount: number;
  quantity: bigint;
  placedAt: Date;
  note: string | null;
}
export interface OrderV2 extends Order {
  channel: string;
}
export interface Refund {
  orderId: string;
  reason: string;
}

export const orderKeySchema = JSON.stringify({
  type: 'record',
  name: 'OrderKey',
  namespace: 'acme',
  fields: [{ name: 'id', type: 'string' }],
});
const orderFields = [
  { name: 'id', type: 'string' },
  { name: 'amount', type: 'double' },
  { name: 'quantity', type: 'long' },
  { name: 'placedAt', type: { type: 'long', logicalType: 'timestamp-millis' } },
  { name: 'note', type: ['null', 'string'], default: null },
];
export const orderSchemaV1 = JSON.stringify({
  type: 'record',
  name: 'Order',
  namespace: 'acme',
  fields: orderFields,
});
export const orderSchemaV2 = JSON.stringify({
  type: 'record',
  name: 'Order',
  namespace: 'acme',
  fields: [...orderFields, { name: 'channel', type: 'string', default: 'web' }],
});
export const refundSchema = JSON.stringify({
  type: 'record',
  name: 'Refund',
  namespace: 'acme',
  fields: [
    { name: 'orderId', type: 'string' },
    { name: 'reason', type: 'string' },
  ],
});

export function avro<T>(
  name: string,
  schema: string,
  extra: { subject?: string; id?: number } = {},
): AvroSchemaDescriptor<T> {
  return avroSchema<T>({ name, schema, references: [], options: avroOptions, ...extra });
}

export interface Reading {
  sensorId: string;
  celsius: number;
  seq: bigint;
  tags: string[];
}
export const readingProto = `syntax = "proto3";
package sdk.telemetry;

message Header {
  string source = 1;
}

message Reading {
  string sensor_id = 1;
  double celsius = 2;
  int64 seq = 3;
  repeated string tags = 4;
}
`;
export const readingDescriptor = protobufSchema<Reading>({
  name: 'sdk.telemetry.Reading',
  fileName: 'sdk/telemetry/reading.proto',
  schema: readingProto,
  references: [],
  options: { int64: 'bigint', enums: 'string', timestamp: 'date' },
});

export function order(i: number): Order {
  return {
    id: `o-${i}`,
    amount: i + 0.5,
    quantity: BigInt(i) * 1_000_000_000_000n,
    placedAt: new Date(1_700_000_000_000 + i),
    note: i % 2 ? `n${i}` : null,
  };
}

export function rawKafka(brokers: string): KafkaJS.Kafka {
  return new KafkaJS.Kafka({ kafkaJS: { brokers: [brokers], logLevel: KafkaJS.logLevel.ERROR } });
}

export async function createTopic(brokers: string, topic: string, partitions = 1): Promise<void> {
  const admin = rawKafka(brokers).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }] });
  await admin.disconnect();
}

/** A fresh topic with Avro `OrderKey` keys and `Order` values, and a client for it that auto-registers. */
export async function orderTopic(brokers: string, registryUrl: string, prefix: string, partitions: number) {
  const topic = uniqueName(prefix);
  await createTopic(brokers, topic, partitions);
  const topics = defineTopics({
    [topic]: {
      key: avro<OrderKey>('acme.OrderKey', orderKeySchema),
      value: avro<Order>('acme.Order', orderSchemaV1),
    },
  } as const);
  const kafka = createClient({
    brokers,
    registry: { url: registryUrl },
    topics,
    schemas: { autoRegister: true },
  });
  return { topic, kafka };
}

/** Runs `consumer` until `count` messages arrived (or fails after `timeoutMs`), then disconnects it. */
export async function collect<T extends TopicMap, N extends TopicName<T>>(
  consumer: TypedConsumer<T, N>,
  count: number,
  timeoutMs = 30_000,
): Promise<Array<TypedMessage<T, N>>> {
  const got: Array<TypedMessage<T, N>> = [];
  await consumer.run({
    eachMessage: async (m) => {
      got.push(m);
    },
  });
  const deadline = Date.now() + timeoutMs;
  while (got.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  await consumer.disconnect();
  if (got.length < count) throw new Error(`expected ${count} messages, got ${got.length}`);
  return got;
}
