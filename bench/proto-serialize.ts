// proto-serialize: Confluent-framed Protobuf encoding, msgs/s — kgen vs official serializer vs kafkajs-csr vs raw protobufjs.
import { frame } from 'kgen';
import { measureAsync, measureSync, reportAll } from './support/measure';
import { protoImpls, rawSample, sample } from './support/proto-fixture';

export async function run(): Promise<void> {
  const f = await protoImpls();
  const raw = measureSync(() => frame(f.header, f.type.encode(rawSample).finish()));
  const kgen = measureSync(() => f.kgenSerialize(sample));
  const confluent = await measureAsync(() => f.confluentSer.serialize(f.confluentTopic, f.esMessage));
  const csr = await measureAsync(() => f.csr.encode(f.id, rawSample));
  reportAll('proto-serialize', [
    { impl: 'kgen', ...kgen },
    { impl: 'confluent', ...confluent, note: 'protobuf-es message' },
    { impl: 'kafkajs-csr', ...csr },
    { impl: 'raw', ...raw, note: 'protobufjs encode + frame with message indexes' },
  ]);
}

if (require.main === module)
  run().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
