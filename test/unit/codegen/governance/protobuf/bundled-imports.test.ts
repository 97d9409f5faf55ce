import { buildProtoModel } from '../../../../../codegen/governance/protobuf/proto-model';

// `kgen check` reads the same bundled well-known files as generate and the runtime: a file declaring custom
// options over descriptor.proto, or using api/type messages, is checked without any reference.
describe('compat model: bundled google/protobuf imports', () => {
  it.each(['descriptor', 'api', 'type', 'source_context', 'compiler/plugin'])('%s.proto', (file) => {
    const text = `syntax = "proto3";
package acme;
import "google/protobuf/${file}.proto";
import "google/protobuf/descriptor.proto";
extend google.protobuf.FieldOptions { string label = 50001; }
message M { string s = 1 [(acme.label) = "S"]; }
`;
    expect([...buildProtoModel(text, 'acme.proto').messages.keys()]).toEqual(['M']);
  });
});
