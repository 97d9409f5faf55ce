// The 7-field order (as in the Avro bench) as a JSON Schema, registered once on the local registry.
import {
  JsonDeserializer,
  JsonSerializer,
  SchemaRegistryClient,
  SerdeType,
} from '@confluentinc/schemaregistry';
import { createClient, defineTopics, jsonSchema, stringSerde } from 'kgen';
import { createTopicDeserializer, createTopicSerializer, serdeContextOf } from 'kgen/serde';
import { createAjv } from '../../src/serde/json/drafts';
import { sample, type BenchOrder } from './avro-fixture';
import { registryUrl, unique } from './stack';

export const jsonText = JSON.stringify({
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'BenchOrder',
  type: 'object',
  properties: {
    id: { type: 'string' },
    customerId: { type: 'string' },
    amount: { type: 'number' },
    quantity: { type: 'integer' },
    currency: { type: 'string', enum: ['EUR', 'USD', 'GBP'] },
    createdAt: { type: 'integer' },
    express: { type: 'boolean' },
  },
  required: ['id', 'customerId', 'amount', 'quantity', 'currency', 'createdAt', 'express'],
  additionalProperties: false,
});

export { sample };

/** Every JSON impl ready to run: serializers, deserializers, the raw validator and one framed payload. */
export async function jsonImpls() {
  const topic = unique('bench-json');
  const subject = `${topic}-value`;
  const official = new SchemaRegistryClient({ baseURLs: [registryUrl] });
  const id = await official.register(subject, { schemaType: 'JSON', schema: jsonText }, false);
  const header = Buffer.from([0, 0, 0, 0, 0]);
  header.writeUInt32BE(id, 1);
  // The raw impl's validator: compiled like kgen's (same Ajv class and options).
  const validate = createAjv('draft-07', { strictNumbers: true }).compile(JSON.parse(jsonText) as object);

  const topics = defineTopics({
    [topic]: {
      key: stringSerde,
      value: jsonSchema<BenchOrder>({
        name: 'BenchOrder',
        schema: jsonText,
        references: [],
        options: { dateTime: 'string', validateOnConsume: true },
      }),
    },
  });
  const kgen = createClient({ brokers: 'unused:9092', registry: { url: registryUrl }, topics });
  const ctx = serdeContextOf(kgen);
  const kgenSerialize = await createTopicSerializer(ctx, topic, 'value', topics[topic]!.value);
  const kgenDeserialize = createTopicDeserializer(ctx, topic, 'value', topics[topic]!.value);
  const confluentSer = new JsonSerializer(official, SerdeType.VALUE, {
    useLatestVersion: true,
    validate: true,
  });
  // A client of its own, as in a consuming process.
  const confluentDe = new JsonDeserializer(
    new SchemaRegistryClient({ baseURLs: [registryUrl] }),
    SerdeType.VALUE,
    {
      validate: true,
    },
  );
  const framed = Buffer.concat([header, Buffer.from(JSON.stringify(sample), 'utf8')]);
  await kgenDeserialize(framed); // learn the writer id once, as a running consumer would have
  return { topic, id, header, framed, validate, kgenSerialize, kgenDeserialize, confluentSer, confluentDe };
}
