// avro-deserialize: Confluent-framed Avro decoding, msgs/s — kgen vs official deserializer vs kafkajs-csr vs raw avsc.
import { unframe } from 'kgen';
import { measureAsync, measureSync, reportAll } from './support/measure';
import { avroImpls } from './support/avro-fixture';

export async function run(): Promise<void> {
  const f = await avroImpls();
  const raw = measureSync(() => f.type.fromBuffer(unframe(f.framed, false).payload));
  const kgen = measureSync(() => f.kgenDeserialize(f.framed));
  const confluent = await measureAsync(() => f.confluentDe.deserialize(f.topic, f.framed));
  const csr = await measureAsync(() => f.csr.decode(f.framed));
  reportAll('avro-deserialize', [
    { impl: 'kgen', ...kgen },
    { impl: 'confluent', ...confluent },
    { impl: 'kafkajs-csr', ...csr },
    { impl: 'raw', ...raw, note: 'unframe + avsc fromBuffer' },
  ]);
}

if (require.main === module)
  run().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
