// avro-serialize: Confluent-framed Avro encoding, msgs/s — kgen vs official serializer vs kafkajs-csr vs raw avsc.
import { frame } from 'kgen/serde';
import { measureAlternating, reportAll } from './support/measure';
import { avroImpls, sample } from './support/avro-fixture';

export async function run(): Promise<void> {
  const f = await avroImpls();
  reportAll(
    'avro-serialize',
    await measureAlternating([
      { impl: 'kgen', sync: () => f.kgenSerialize(sample) },
      { impl: 'confluent', async: () => f.confluentSer.serialize(f.topic, sample) },
      { impl: 'kafkajs-csr', async: () => f.csr.encode(f.id, sample) },
      {
        impl: 'raw',
        sync: () => frame(f.header, f.type.toBuffer(sample)),
        note: 'avsc toBuffer + 5-byte frame',
      },
    ]),
  );
}

if (require.main === module)
  run().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
