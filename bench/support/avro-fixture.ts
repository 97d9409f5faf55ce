// The 7-field Avro record every serde impl encodes and decodes, registered once on the local registry.
import { SchemaRegistry as CsrRegistry } from '@kafkajs/confluent-schema-registry';
import {
  AvroDeserializer,
  AvroSerializer,
  SchemaRegistryClient,
  SerdeType,
} from '@confluentinc/schemaregistry';
import * as avsc from 'avsc';
import { avroSchema, createClient, defineTopics, stringSerde } from 'kgen';
import { createTopicDeserializer, createTopicSerializer, serdeContextOf } from 'kgen/serde';
import { registryUrl, unique } from './stack';

export interface BenchOrder {
  id: string;
  customerId: string;
  amount: number;
  quantity: number;
  currency: string;
  createdAt: number;
  express: boolean;
}

export const avroText = JSON.stringify({
  type: 'record',
  name: 'BenchOrder',
  namespace: 'bench',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'customerId', type: 'string' },
    { name: 'amount', type: 'double' },
    { name: 'quantity', type: 'int' },
    { name: 'currency', type: 'string' },
    { name: 'createdAt', type: 'long' },
    { name: 'express', type: 'boolean' },
  ],
});

export const sample: BenchOrder = {
  id: 'order-000123',
  customerId: 'customer-42',
  amount: 129.95,
  quantity: 3,
  currency: 'EUR',
  createdAt: 1_700_000_000_123,
  express: true,
};

/** Every Avro impl ready to run: serializers, deserializers, and one framed payload to decode. */
export async function avroImpls() {
  const topic = unique('bench-avro');
  const subject = `${topic}-value`;
  const official = new SchemaRegistryClient({ baseURLs: [registryUrl] });
  const id = await official.register(subject, { schemaType: 'AVRO', schema: avroText }, false);

  const type = avsc.Type.forSchema(JSON.parse(avroText) as avsc.Schema);
  const header = Buffer.from([0, 0, 0, 0, 0]);
  header.writeUInt32BE(id, 1);

  const topics = defineTopics({
    [topic]: {
      key: stringSerde,
      value: avroSchema<BenchOrder>({
        name: 'bench.BenchOrder',
        schema: avroText,
        references: [],
        options: {
          long: 'number',
          unions: 'wrapped',
          timestamps: 'number',
          date: 'number',
          decimal: 'bytes',
        },
      }),
    },
  });
  const kgen = createClient({ brokers: 'unused:9092', registry: { url: registryUrl }, topics });
  const kgenSerialize = await createTopicSerializer(
    serdeContextOf(kgen),
    topic,
    'value',
    topics[topic]!.value,
  );
  const kgenDeserialize = createTopicDeserializer(serdeContextOf(kgen), topic, 'value', topics[topic]!.value);

  const confluentSer = new AvroSerializer(official, SerdeType.VALUE, { useLatestVersion: true });
  // A client of its own, as in a consuming process (sharing the registering client's caches stalled it here).
  const confluentDe = new AvroDeserializer(
    new SchemaRegistryClient({ baseURLs: [registryUrl] }),
    SerdeType.VALUE,
    {},
  );
  const csr = new CsrRegistry({ host: registryUrl });

  const framed = Buffer.concat([header, type.toBuffer(sample)]);
  await kgenDeserialize(framed); // learn the writer id once, as a running consumer would have
  return { topic, id, type, header, framed, kgenSerialize, kgenDeserialize, confluentSer, confluentDe, csr };
}
