// proto-deserialize: Confluent-framed Protobuf decoding, msgs/s — kgen vs kafkajs-csr vs raw protobufjs.
import { unframe } from 'kgen';
import { measureAsync, measureSync, report, reportAll } from './support/measure';
import { protoImpls } from './support/proto-fixture';

export async function run(): Promise<void> {
  const f = await protoImpls();
  const raw = measureSync(() => f.type.decode(unframe(f.framed, true).payload));
  const kgen = measureSync(() => f.kgenDeserialize(f.framed));
  const csr = await measureAsync(() => f.csr.decode(f.framed));
  reportAll('proto-deserialize', [
    { impl: 'kgen', ...kgen },
    { impl: 'kafkajs-csr', ...csr },
    { impl: 'raw', ...raw, note: 'unframe + protobufjs decode (no conversion to plain objects)' },
  ]);
  report({
    bench: 'proto-deserialize',
    impl: 'confluent',
    msgs_per_s: 0,
    skipped:
      'the official ProtobufDeserializer fetches schemas in serialized-descriptor form, which Apicurio (the local registry) cannot return',
  });
}

if (require.main === module)
  run().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
