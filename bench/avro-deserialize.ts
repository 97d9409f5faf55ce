// avro-deserialize: Confluent-framed Avro decoding, msgs/s — kgen vs official deserializer vs kafkajs-csr vs raw avsc.
import { unframe } from 'kgen/serde';
import { measureAlternating, reportAll } from './support/measure';
import { avroImpls } from './support/avro-fixture';

export async function run(): Promise<void> {
  const f = await avroImpls();
  reportAll(
    'avro-deserialize',
    await measureAlternating([
      { impl: 'kgen', sync: () => f.kgenDeserialize(f.framed) },
      { impl: 'confluent', async: () => f.confluentDe.deserialize(f.topic, f.framed) },
      { impl: 'kafkajs-csr', async: () => f.csr.decode(f.framed) },
      {
        impl: 'raw',
        sync: () => f.type.fromBuffer(unframe(f.framed, false).payload),
        note: 'unframe + avsc fromBuffer',
      },
    ]),
  );
}

if (require.main === module)
  run().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
