import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateProtobuf } from '../../../../codegen/protobuf';
import { compileGenerated } from './compile-generated';

const src = (p: string, text: string) => ({ format: 'PROTOBUF' as const, path: p, text, references: [] });

// Bundled well-known files read from text get a module only when a field uses one of their types; a file
// that merely declares custom options over descriptor.proto gets none, and its descriptor references nothing.
describe('modules for bundled well-known files', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgen-proto-wkt-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('custom options only: no descriptor module, no reference', () => {
    const out = generateProtobuf(
      [
        src(
          'acme/opts.proto',
          'syntax = "proto3";\npackage acme;\nimport "google/protobuf/descriptor.proto";\nextend google.protobuf.FieldOptions { string label = 50001; }\nmessage M { string x = 1 [(acme.label) = "X"]; }\n',
        ),
      ],
      {},
    );
    expect(out.files.map((f) => f.path)).toEqual(['acme/opts_pb.ts']);
    expect(out.files[0]!.content).toContain('const $references: readonly kgen.SchemaReference[] = [];');
    expect(out.files[0]!.content).toContain('  x: string;');
  });

  it('fields of descriptor/api/type messages: their modules are generated, imported and compile', () => {
    const out = generateProtobuf(
      [
        src(
          'acme/meta.proto',
          'syntax = "proto3";\npackage acme;\nimport "google/protobuf/descriptor.proto";\nimport "google/protobuf/api.proto";\nmessage Meta {\n  google.protobuf.FileDescriptorProto file = 1;\n  google.protobuf.Api api = 2;\n  google.protobuf.FieldDescriptorProto.Type kind = 3;\n}\n',
        ),
      ],
      {},
    );
    expect(out.files.map((f) => f.path)).toEqual([
      'acme/meta_pb.ts',
      'google/protobuf/api_pb.ts',
      'google/protobuf/descriptor_pb.ts',
      'google/protobuf/source_context_pb.ts',
      'google/protobuf/type_pb.ts',
    ]);
    const meta = out.files[0]!.content;
    expect(meta).toContain(
      "import * as google_protobuf_descriptor_pb from '../google/protobuf/descriptor_pb';",
    );
    expect(meta).toContain('  file?: google_protobuf_descriptor_pb.FileDescriptorProto;');
    expect(meta).toContain('  kind: google_protobuf_descriptor_pb.FieldDescriptorProto_Type | number;');
    expect(compileGenerated(out.files, dir).diagnostics).toEqual([]);
  }, 120_000);
});
