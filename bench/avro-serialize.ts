// avro-serialize: Confluent-framed Avro encoding, msgs/s — kgen vs official serializer vs kafkajs-csr vs raw avsc.
import { frame } from 'kgen';
import { measureAsync, measureSync, reportAll } from './support/measure';
import { avroImpls, sample } from './support/avro-fixture';

export async function run(): Promise<void> {
  const f = await avroImpls();
  const raw = measureSync(() => frame(f.header, f.type.toBuffer(sample)));
  const kgen = measureSync(() => f.kgenSerialize(sample));
  const confluent = await measureAsync(() => f.confluentSer.serialize(f.topic, sample));
  const csr = await measureAsync(() => f.csr.encode(f.id, sample));
  reportAll('avro-serialize', [
    { impl: 'kgen', ...kgen },
    { impl: 'confluent', ...confluent },
    { impl: 'kafkajs-csr', ...csr },
    { impl: 'raw', ...raw, note: 'avsc toBuffer + 5-byte frame' },
  ]);
}

if (require.main === module)
  run().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
