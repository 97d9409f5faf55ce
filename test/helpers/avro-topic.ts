import { avroSchema, stringSerde, type AvroCodecOptions } from 'kgen';

/** The plain-JS value mapping the integration tests use (numbers for longs and times, wrapped unions). */
const plainOptions: AvroCodecOptions = {
  long: 'number',
  unions: 'wrapped',
  timestamps: 'number',
  date: 'number',
  decimal: 'string',
};

/**
 * A topic with a string key and an Avro record value registered from `schema` (a record schema as JSON text),
 * as the typed-client integration tests declare theirs.
 */
export function stringKeyAvroTopic<V>(schema: string) {
  const { name, namespace } = JSON.parse(schema) as { name: string; namespace?: string };
  return {
    key: stringSerde,
    value: avroSchema<V>({
      name: namespace === undefined ? name : `${namespace}.${name}`,
      schema,
      references: [],
      options: plainOptions,
    }),
  };
}
