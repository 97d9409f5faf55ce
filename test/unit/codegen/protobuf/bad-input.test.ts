import { CodegenError } from '../../../../codegen/errors';
import type { SourceSchema } from '../../../../codegen/model';
import { generateProtobuf } from '../../../../codegen/protobuf';

function src(path: string, text: string, subject?: string): SourceSchema {
  return { format: 'PROTOBUF', path, text, references: [], ...(subject ? { subject } : {}) };
}

function failure(sources: SourceSchema[], options: Record<string, unknown> = {}): CodegenError {
  try {
    generateProtobuf(sources, options);
  } catch (err) {
    expect(err).toBeInstanceOf(CodegenError);
    return err as CodegenError;
  }
  throw new Error('expected generateProtobuf to throw');
}

describe('generateProtobuf bad input', () => {
  it('reports a syntax error with file, line and column', () => {
    const err = failure([
      src('a/broken.proto', 'syntax = "proto3";\nmessage A {\n  int32 x = 1\n}\n', 'broken-value'),
    ]);
    expect(err.code).toBe('PROTO_SYNTAX');
    expect(err.location).toEqual({ file: 'a/broken.proto', subject: 'broken-value', line: 4, column: 1 });
    expect(err.format()).toMatch(
      /^a\/broken\.proto:4:1 subject "broken-value": syntax error: illegal token '}'/,
    );
  });

  it('reports a missing import at the import statement', () => {
    const err = failure([src('a.proto', 'syntax = "proto3";\n\nimport "b/missing.proto";\nmessage A {}\n')]);
    expect(err.code).toBe('PROTO_MISSING_IMPORT');
    expect(err.location).toEqual({ file: 'a.proto', line: 3, column: 1 });
    expect(err.message).toMatch(/import "b\/missing.proto" not found/);
  });

  it('reports an unknown type where the field uses it', () => {
    const err = failure([
      src('a.proto', 'syntax = "proto3";\npackage p;\nmessage A {\n  string id = 1;\n  Missing m = 2;\n}\n'),
    ]);
    expect(err.code).toBe('PROTO_UNKNOWN_TYPE');
    expect(err.location).toEqual({ file: 'a.proto', line: 5, column: 3 });
    expect(err.message).toMatch(/unknown type "Missing" in message p\.A/);
  });

  it('reports a name declared twice in the proto', () => {
    const err = failure([
      src('a.proto', 'syntax = "proto3";\nmessage A {}\nenum E { X = 0; }\nmessage A {}\n'),
    ]);
    expect(err.code).toBe('PROTO_NAME_CONFLICT');
    expect(err.location).toMatchObject({ file: 'a.proto', line: 4, column: 1 });
  });

  it('reports fields whose camelCase names clash', () => {
    const err = failure([
      src('a.proto', 'syntax = "proto3";\nmessage A {\n  string foo_bar = 1;\n  string fooBar = 2;\n}\n'),
    ]);
    expect(err.code).toBe('PROTO_NAME_CONFLICT');
    expect(err.location).toEqual({ file: 'a.proto', line: 4, column: 10 });
  });

  it('reports TypeScript names that would clash (Outer_Inner vs a nested Inner)', () => {
    const text = 'syntax = "proto3";\nmessage Outer {\n  message Inner {}\n}\nmessage Outer_Inner {}\n';
    const err = failure([src('a.proto', text)]);
    expect(err.code).toBe('PROTO_NAME_CONFLICT');
    expect(err.location).toEqual({ file: 'a.proto', line: 5, column: 1 });
    expect(err.message).toMatch(
      /Outer_Inner would be emitted as Outer_Inner, which is already the TypeScript name of Outer\.Inner/,
    );
  });

  it('reports an input type name that clashes with a message', () => {
    const err = failure([src('a.proto', 'syntax = "proto3";\nmessage Order {}\nmessage OrderInput {}\n')]);
    expect(err.code).toBe('PROTO_NAME_CONFLICT');
    expect(err.location).toEqual({ file: 'a.proto', line: 3, column: 1 });
  });

  it('reports an import cycle', () => {
    const err = failure([
      src('a.proto', 'syntax = "proto3";\nimport "b.proto";\nmessage A {}\n'),
      src('b.proto', 'syntax = "proto3";\nimport "a.proto";\nmessage B {}\n'),
    ]);
    expect(err.code).toBe('PROTO_IMPORT_CYCLE');
    expect(err.location).toEqual({ file: 'b.proto', line: 2, column: 1 });
  });

  it('rejects unknown options and values', () => {
    expect(failure([], { int64: 'number' }).message).toMatch(/"int64" must be one of "bigint", "string"/);
    expect(failure([], { longs: 'bigint' }).message).toMatch(/unknown option "longs"/);
  });
});

describe('generateProtobuf property names', () => {
  it('reports fields whose JSON names coincide (field_0 and field0)', () => {
    const err = failure([
      src(
        'a.proto',
        'syntax = "proto3";\nmessage Other { int32 field0 = 1; }\nmessage A {\n  string field_0 = 1;\n  string field0 = 2;\n}\n',
      ),
    ]);
    expect(err.code).toBe('PROTO_NAME_CONFLICT');
    expect(err.message).toMatch(/field0 and field_0 in A are both the property field0/);
    expect(err.location).toEqual({ file: 'a.proto', line: 5, column: 10 });
  });
});
