// json-serialize: Confluent-framed JSON Schema encoding (validated), msgs/s — kgen vs official serializer vs raw.
import { frame } from 'kgen/serde';
import { measureAlternating, reportAll } from './support/measure';
import { jsonImpls, sample } from './support/json-fixture';

export async function run(): Promise<void> {
  const f = await jsonImpls();
  reportAll(
    'json-serialize',
    await measureAlternating([
      { impl: 'kgen', sync: () => f.kgenSerialize(sample) },
      { impl: 'confluent', async: () => f.confluentSer.serialize(f.topic, sample) },
      {
        impl: 'raw',
        sync: () => {
          if (!f.validate(sample)) throw new Error('invalid');
          return frame(f.header, Buffer.from(JSON.stringify(sample), 'utf8'));
        },
        note: 'same compiled Ajv validator + JSON.stringify + 5-byte frame',
      },
    ]),
  );
}

if (require.main === module)
  run().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
