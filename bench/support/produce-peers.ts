// The Node peers of the produce bench that do not run on librdkafka: @platformatic/kafka (avsc + the 5-byte
// Confluent header) and KafkaJS + @kafkajs/confluent-schema-registry. Same records, same broker, idempotent
// with acks=all like kgen's defaults, each on its fastest idiomatic path: awaited batches.
import './promise-with-resolvers';
import { SchemaRegistry as CsrRegistry } from '@kafkajs/confluent-schema-registry';
import { SchemaRegistryClient } from '@confluentinc/schemaregistry';
import { Producer as PlatformaticProducer, stringSerializer } from '@platformatic/kafka';
import * as avsc from 'avsc';
import { Kafka, logLevel } from 'kafkajs';
import { avroText, sample, type BenchOrder } from './avro-fixture';
import { benchTopic, keyOf } from './kafka-fixture';
import { brokers, registryUrl } from './stack';

/** Records per awaited send of the batch-based peers. */
export const PEER_BATCH = Number(process.env['BENCH_PEER_BATCH'] ?? 1000);

/** A fresh topic (value subject registered) and its schema id. */
async function topicWithId(prefix: string): Promise<{ topic: string; id: number }> {
  const { topic } = await benchTopic(prefix);
  // Registering the same schema again returns its id.
  const id = await new SchemaRegistryClient({ baseURLs: [registryUrl] }).register(
    `${topic}-value`,
    { schemaType: 'AVRO', schema: avroText },
    false,
  );
  return { topic, id };
}

/** avsc encoding behind the Confluent frame: magic byte 0, 4-byte big-endian schema id, Avro body. */
function framedAvro(id: number): (order?: BenchOrder) => Buffer | undefined {
  const type = avsc.Type.forSchema(JSON.parse(avroText) as avsc.Schema);
  return (order) => {
    if (order === undefined) return undefined;
    const body = type.toBuffer(order);
    const out = Buffer.allocUnsafe(5 + body.length);
    out[0] = 0;
    out.writeUInt32BE(id, 1);
    body.copy(out, 5);
    return out;
  };
}

/** @platformatic/kafka with avsc serializers: awaited sends of {@link PEER_BATCH} records. */
export async function platformatic(messages: number): Promise<number> {
  const { topic, id } = await topicWithId('bench-produce-plt');
  const producer = new PlatformaticProducer<string, BenchOrder, string, string>({
    clientId: 'kgen-bench',
    bootstrapBrokers: [brokers],
    idempotent: true,
    acks: -1,
    serializers: { key: stringSerializer, value: framedAvro(id) },
  });
  await producer.metadata({ topics: [topic] }); // connected before the clock starts, as the others are
  const start = performance.now();
  for (let i = 0; i < messages; i += PEER_BATCH) {
    const batch = [];
    for (let j = i; j < Math.min(messages, i + PEER_BATCH); j++)
      batch.push({ topic, key: keyOf(j), value: { ...sample, quantity: j } });
    await producer.send({ messages: batch });
  }
  const seconds = (performance.now() - start) / 1000;
  await producer.close();
  return messages / seconds;
}

/** KafkaJS 2.2 with @kafkajs/confluent-schema-registry's encode: awaited sends of {@link PEER_BATCH} records. */
export async function kafkajsCsr(messages: number): Promise<number> {
  const { topic, id } = await topicWithId('bench-produce-kjs');
  const registry = new CsrRegistry({ host: registryUrl });
  const kafka = new Kafka({ clientId: 'kgen-bench', brokers: [brokers], logLevel: logLevel.ERROR });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const start = performance.now();
  for (let i = 0; i < messages; i += PEER_BATCH) {
    const batch: Array<Promise<{ key: string; value: Buffer }>> = [];
    for (let j = i; j < Math.min(messages, i + PEER_BATCH); j++)
      batch.push(registry.encode(id, { ...sample, quantity: j }).then((value) => ({ key: keyOf(j), value })));
    await producer.send({ topic, acks: -1, messages: await Promise.all(batch) });
  }
  const seconds = (performance.now() - start) / 1000;
  await producer.disconnect();
  return messages / seconds;
}
