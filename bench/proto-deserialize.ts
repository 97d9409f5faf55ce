// proto-deserialize: Confluent-framed Protobuf decoding, msgs/s — kgen vs kafkajs-csr vs raw protobufjs.
import { unframe } from 'kgen/serde';
import { measureAlternating, report, reportAll } from './support/measure';
import { protoImpls } from './support/proto-fixture';

export async function run(): Promise<void> {
  const f = await protoImpls();
  reportAll(
    'proto-deserialize',
    await measureAlternating([
      { impl: 'kgen', sync: () => f.kgenDeserialize(f.framed) },
      { impl: 'kafkajs-csr', async: () => f.csr.decode(f.framed) },
      {
        impl: 'raw',
        sync: () => f.type.decode(unframe(f.framed, true).payload),
        note: 'unframe + protobufjs decode (no conversion to plain objects)',
      },
    ]),
  );
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
