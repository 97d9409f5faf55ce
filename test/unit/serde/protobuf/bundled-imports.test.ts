import { protobufSchema, type ProtobufCodecOptions } from '../../../../src/topics';
import { createProtobufCodec } from '../../../../src/serde/protobuf';
import { isBundledImport } from '../../../../src/serde/protobuf/build-root';

/** Every file of Google's well-known set, which a registry resolves without a reference. */
const WELL_KNOWN = [
  'any',
  'api',
  'compiler/plugin',
  'descriptor',
  'duration',
  'empty',
  'field_mask',
  'source_context',
  'struct',
  'timestamp',
  'type',
  'wrappers',
].map((f) => `google/protobuf/${f}.proto`);

const OPTIONS: ProtobufCodecOptions = { int64: 'bigint', enums: 'string', timestamp: 'message' };

const OPTIONS_FILE = `syntax = "proto3";
package acme;
import "google/protobuf/descriptor.proto";
import "google/protobuf/api.proto";
import "google/protobuf/type.proto";
import "google/protobuf/source_context.proto";
import "google/protobuf/compiler/plugin.proto";
extend google.protobuf.FieldOptions { string label = 50001; }
extend google.protobuf.MessageOptions { bool audited = 50002; }
message Tagged {
  option (acme.audited) = true;
  string name = 1 [(acme.label) = "Name"];
  google.protobuf.Api api = 2;
  google.protobuf.SourceContext context = 3;
  google.protobuf.FieldDescriptorProto.Type kind = 4;
}
`;

describe('bundled google/protobuf imports in the runtime codec', () => {
  it.each(WELL_KNOWN)('%s resolves without files or references', (path) => {
    expect(isBundledImport(path)).toBe(true);
    const schema = `syntax = "proto3";\npackage x;\nimport "${path}";\nmessage M { string s = 1; }\n`;
    const codec = createProtobufCodec(
      protobufSchema({ name: 'x.M', fileName: 'x.proto', schema, references: [], options: OPTIONS }),
    );
    expect(codec.decode(codec.encode({ s: 'ok' }))).toEqual({ s: 'ok' });
  });

  it('custom options over descriptor.proto and fields of api/type/descriptor messages round-trip', () => {
    const codec = createProtobufCodec(
      protobufSchema({
        name: 'acme.Tagged',
        fileName: 'acme.proto',
        schema: OPTIONS_FILE,
        references: [],
        options: OPTIONS,
      }),
    );
    const value = {
      name: 'n',
      api: {
        name: 'svc',
        methods: [],
        options: [],
        version: 'v1',
        sourceContext: { fileName: 'a.proto' },
        mixins: [],
        syntax: 'SYNTAX_PROTO3',
        edition: '',
      },
      context: { fileName: 'b.proto' },
      kind: 'TYPE_STRING',
    };
    // Api.edition (field 8) is in Google's current api.proto, not in the copy protobufjs ships.
    const bytes = codec.encode({ ...value, api: { ...value.api, edition: '2023' } });
    expect(codec.decode(bytes)).toEqual({ ...value, api: { ...value.api, edition: '2023' } });
  });
});
