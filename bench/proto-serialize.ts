// proto-serialize: Confluent-framed Protobuf encoding, msgs/s — kgen vs official serializer vs kafkajs-csr vs raw protobufjs.
import { frame } from 'kgen/serde';
import { measureAlternating, reportAll } from './support/measure';
import { protoImpls, rawSample, sample } from './support/proto-fixture';

export async function run(): Promise<void> {
  const f = await protoImpls();
  reportAll(
    'proto-serialize',
    await measureAlternating([
      { impl: 'kgen', sync: () => f.kgenSerialize(sample) },
      {
        impl: 'confluent',
        async: () => f.confluentSer.serialize(f.confluentTopic, f.esMessage),
        note: 'protobuf-es message',
      },
      { impl: 'kafkajs-csr', async: () => f.csr.encode(f.id, rawSample) },
      {
        impl: 'raw',
        sync: () => frame(f.header, f.type.encode(rawSample).finish()),
        note: 'protobufjs encode + frame with message indexes',
      },
    ]),
  );
}

if (require.main === module)
  run().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
