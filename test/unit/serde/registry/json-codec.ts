// A tiny stand-in codec for unit tests: JSON payloads, "schema" = JSON list of field names with defaults.
import type { RegistryCodec } from '../../../../src/serde/registry/codec-factory';
import type { RegistrySchemaDescriptor } from '../../../../src/topics';

type Fields = Record<string, unknown>;

function fieldsOf(schema: string): Fields {
  const parsed = JSON.parse(schema) as { fields?: Fields };
  return parsed.fields ?? {};
}

/** Encodes objects as JSON; `accepts` = every field present; `resolving` projects to the reader's fields. */
export function jsonCodec(descriptor: RegistrySchemaDescriptor): RegistryCodec {
  const fields = fieldsOf(descriptor.schema);
  const accepts = (value: unknown): boolean =>
    typeof value === 'object' && value !== null && Object.keys(fields).every((f) => f in value);
  return {
    ...(descriptor.format === 'PROTOBUF' ? { messageIndexes: [1, 0] } : {}),
    encode(value) {
      if (!accepts(value)) throw new Error(`value lacks a field of ${descriptor.name}`);
      return Buffer.from(JSON.stringify(value));
    },
    decode: (payload) => JSON.parse(payload.toString()) as unknown,
    accepts,
    resolving(writer) {
      if (writer.schemaType !== descriptor.format) throw new Error('format differs');
      return (payload) => {
        const written = JSON.parse(payload.toString()) as Fields;
        return Object.fromEntries(
          Object.entries(fields).map(([f, dflt]) => [f, f in written ? written[f] : dflt]),
        );
      };
    },
  };
}
