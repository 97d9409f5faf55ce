// json-deserialize: Confluent-framed JSON Schema decoding (validated), msgs/s — kgen vs official deserializer vs raw.
import { measureAlternating, reportAll } from './support/measure';
import { jsonImpls } from './support/json-fixture';

export async function run(): Promise<void> {
  const f = await jsonImpls();
  reportAll(
    'json-deserialize',
    await measureAlternating([
      { impl: 'kgen', sync: () => f.kgenDeserialize(f.framed) },
      { impl: 'confluent', async: () => f.confluentDe.deserialize(f.topic, f.framed) },
      {
        impl: 'raw',
        sync: () => {
          const value: unknown = JSON.parse(f.framed.subarray(5).toString('utf8'));
          if (!f.validateRead(value)) throw new Error('invalid');
          return value;
        },
        note: 'JSON.parse after the 5-byte frame + same compiled Ajv validator (useDefaults, as kgen on consume)',
      },
    ]),
  );
}

if (require.main === module)
  run().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
