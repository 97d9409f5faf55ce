import type { SourceSchema } from '../../../../codegen/model';
import { generateProtobuf } from '../../../../codegen/protobuf';

const src = (path: string, text: string, extra: Partial<SourceSchema> = {}): SourceSchema => ({
  format: 'PROTOBUF',
  path,
  text,
  references: [],
  ...extra,
});

describe('generateProtobuf', () => {
  it('reports every message, top-level first, with its module and exports', () => {
    const out = generateProtobuf(
      [
        src(
          'a/b.proto',
          'syntax = "proto3";\npackage p;\nmessage First { message Inner {} }\nmessage Second {}\n',
          { subject: 'b-value' },
        ),
      ],
      {},
    );
    expect(out.schemas).toEqual([
      {
        format: 'PROTOBUF',
        fullName: 'p.First',
        subject: 'b-value',
        module: 'a/b_pb',
        descriptorExport: 'FirstSchema',
        typeExport: 'First',
        inputTypeExport: 'FirstInput',
      },
      {
        format: 'PROTOBUF',
        fullName: 'p.Second',
        subject: 'b-value',
        module: 'a/b_pb',
        descriptorExport: 'SecondSchema',
        typeExport: 'Second',
        inputTypeExport: 'SecondInput',
      },
      {
        format: 'PROTOBUF',
        fullName: 'p.First.Inner',
        subject: 'b-value',
        module: 'a/b_pb',
        descriptorExport: 'First_InnerSchema',
        typeExport: 'First_Inner',
        inputTypeExport: 'First_InnerInput',
      },
    ]);
    expect(out.files.map((f) => f.path)).toEqual(['a/b_pb.ts']);
  });

  it('names references by the importer’s registry reference, the imported subject, or the import path', () => {
    const out = generateProtobuf(
      [
        src(
          'x.proto',
          'syntax = "proto3";\nimport "dep/y.proto";\nimport "dep/z.proto";\nimport "w.proto";\nmessage X {}\n',
          {
            references: [{ name: 'dep/y.proto', subject: 'y-subject', version: 3 }],
          },
        ),
        src('dep/y.proto', 'syntax = "proto3";\nmessage Y {}\n'),
        src('dep/z.proto', 'syntax = "proto3";\nmessage Z {}\n', { subject: 'z-subject', version: 7 }),
        src('w.proto', 'syntax = "proto3";\nenum W { W_0 = 0; }\n'),
      ],
      {},
    );
    const x = out.files.find((f) => f.path === 'x_pb.ts')!.content;
    expect(x).toContain(
      "{ name: 'dep/y.proto', subject: 'y-subject', version: 3, schema: dep_y_pb.file_dep_y }",
    );
    expect(x).toContain(
      "{ name: 'dep/z.proto', subject: 'z-subject', version: 7, schema: dep_z_pb.file_dep_z }",
    );
    expect(x).toContain("{ name: 'w.proto', subject: 'w.proto', version: -1, schema: w_pb.file_w }");
    expect(x).toContain("import * as dep_y_pb from './dep/y_pb';");
    // A file with only enums still has a file descriptor for importers.
    expect(out.files.find((f) => f.path === 'w_pb.ts')!.content).toContain(
      'export const file_w = kgen.protobufSchema({',
    );
  });

  it('imports the module of a type reached through `import public`', () => {
    const out = generateProtobuf(
      [
        src('a.proto', 'syntax = "proto3";\nimport "b.proto";\nmessage A { C c = 1; }\n'),
        src('b.proto', 'syntax = "proto3";\nimport public "c.proto";\n'),
        src('c.proto', 'syntax = "proto3";\nmessage C {}\n'),
      ],
      {},
    );
    const a = out.files.find((f) => f.path === 'a_pb.ts')!.content;
    expect(a).toContain("import * as c_pb from './c_pb';");
    expect(a).toContain('c?: c_pb.C;');
  });

  it('generates two files that declare the same names (two versions of one subject) separately', () => {
    const v1 = 'syntax = "proto3";\npackage shop;\nmessage Order { string id = 1; }\n';
    const v2 = 'syntax = "proto3";\npackage shop;\nmessage Order { string id = 1; int64 total = 2; }\n';
    const out = generateProtobuf([src('orders/v1.proto', v1), src('orders/v2.proto', v2)], {});
    expect(out.files.map((f) => f.path)).toEqual(['orders/v1_pb.ts', 'orders/v2_pb.ts']);
    expect(out.files[1]!.content).toContain('total: bigint;');
  });

  it('suffixes message names that are TypeScript keywords', () => {
    const out = generateProtobuf(
      [src('k.proto', 'syntax = "proto3";\nmessage class { int32 n = 1; }\nmessage Uses { class c = 1; }\n')],
      {},
    );
    const k = out.files[0]!.content;
    expect(k).toContain('export interface class$ {');
    expect(k).toContain('c?: class$;');
  });

  it('suffixes names that would shadow globals the generated code uses', () => {
    const out = generateProtobuf(
      [
        src(
          'd.proto',
          'syntax = "proto3";\nmessage Date { int32 day = 1; }\nmessage Uses { Date d = 1; bytes b = 2; }\n',
        ),
      ],
      {},
    );
    const d = out.files[0]!.content;
    expect(d).toContain('export interface Date$ {');
    expect(d).toContain('d?: Date$;');
    expect(out.schemas[0]).toMatchObject({ typeExport: 'Date$', descriptorExport: 'Date$Schema' });
  });

  it('skips google/protobuf sources: they come from protobufjs', () => {
    const out = generateProtobuf(
      [src('google/protobuf/timestamp.proto', 'syntax = "proto3";\nthis is ignored\n')],
      {},
    );
    expect(out.files).toEqual([]);
  });
});
