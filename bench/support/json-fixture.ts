// The 7-field order (as in the Avro bench) as a JSON Schema, registered once on the local registry.
import {
  JsonDeserializer,
  JsonSerializer,
  SchemaRegistryClient,
  SerdeType,
} from '@confluentinc/schemaregistry';
import { createClient, defineTopics, jsonSchema, stringSerde } from 'kgen';
import { createTopicDeserializer, createTopicSerializer, serdeContextOf } from 'kgen/serde';
import { registryRequestDefaults } from '../../src/client/registry-options';
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

// With a request timeout and retries: a registry request occasionally stalls on the loaded machine, and the
// official client's default waits forever (the bench then hangs).
const officialConfig = () => ({
  baseURLs: [registryUrl],
  createAxiosDefaults: registryRequestDefaults(5_000),
  maxRetries: 3,
  retriesWaitMs: 200,
});

/** Every JSON impl ready to run: serializers, deserializers, the raw validator and one framed payload. */
export async function jsonImpls() {
  const topic = unique('bench-json');
  const subject = `${topic}-value`;
  const official = new SchemaRegistryClient(officialConfig());
  const id = await official.register(subject, { schemaType: 'JSON', schema: jsonText }, false);
  const header = Buffer.from([0, 0, 0, 0, 0]);
  header.writeUInt32BE(id, 1);
  // The raw impls' validators, compiled as kgen compiles its own (same Ajv class and options): on send as is,
  // on consume with `useDefaults` (kgen fills defaults in on consume).
  const validate = createAjv('draft-07', { strictNumbers: true }).compile(JSON.parse(jsonText) as object);
  const validateRead = createAjv('draft-07', { strictNumbers: true, useDefaults: true }).compile(
    JSON.parse(jsonText) as object,
  );

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
  const confluentDe = new JsonDeserializer(new SchemaRegistryClient(officialConfig()), SerdeType.VALUE, {
    validate: true,
  });
  const framed = Buffer.concat([header, Buffer.from(JSON.stringify(sample), 'utf8')]);
  await kgenDeserialize(framed); // learn the writer id once, as a running consumer would have
  return {
    topic,
    id,
    header,
    framed,
    validate,
    validateRead,
    kgenSerialize,
    kgenDeserialize,
    confluentSer,
    confluentDe,
  };
}
