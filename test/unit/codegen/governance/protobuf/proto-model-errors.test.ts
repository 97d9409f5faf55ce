import { buildProtoModel } from '../../../../../codegen/governance/protobuf/proto-model';
import { CodegenError } from '../../../../../codegen/errors';

// The compatibility checker parses with the generator's parser, so its errors point at file:line:col too.
function failure(run: () => unknown): CodegenError {
  try {
    run();
  } catch (err) {
    if (err instanceof CodegenError) return err;
    throw err;
  }
  throw new Error('expected a CodegenError');
}

describe('buildProtoModel errors carry positions', () => {
  it('an unknown field type: MISSING_REFERENCE at its line and column', () => {
    const text = 'syntax = "proto3";\npackage acme;\nmessage A {\n  Nope x = 1;\n}\n';
    const err = failure(() => buildProtoModel(text, 'schemas/a.proto'));
    expect(err.code).toBe('MISSING_REFERENCE');
    expect(err.format()).toBe(
      'schemas/a.proto:4:3: unknown type "Nope" in message acme.A [MISSING_REFERENCE]',
    );
  });

  it('a syntax error: SCHEMA_PARSE at its line and column', () => {
    const err = failure(() =>
      buildProtoModel('syntax = "proto3";\nmessage A {\n  int32 = 1;\n}\n', 'a.proto'),
    );
    expect(err.code).toBe('SCHEMA_PARSE');
    expect(err.location).toMatchObject({ file: 'a.proto', line: 3 });
    expect(err.location.column).toBeGreaterThan(0);
  });

  it('field names stay as written (snake_case), as the wire rules compare them', () => {
    const model = buildProtoModel('syntax = "proto3";\nmessage A {\n  int32 order_id = 1;\n}\n', 'a.proto');
    expect(model.messages.get('A')?.fields.map((f) => f.name)).toEqual(['order_id']);
  });
});
