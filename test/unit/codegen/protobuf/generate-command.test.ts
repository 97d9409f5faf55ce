import { runGenerate } from '../../../../codegen/cli/generate';
import { TempProject } from '../cli/project';

const GOOD = 'syntax = "proto3";\npackage shop;\nmessage Order { string id = 1; }\n';

/**
 * Bad Protobuf input through `kgen generate`: exit code 2, one line naming file:line:col and the problem,
 * and the previous output left as it was.
 */
describe('kgen generate: Protobuf input', () => {
  let project: TempProject;
  beforeEach(() => {
    project = new TempProject();
    project.write({
      'kgen.config.json': { schemas: 'schemas', output: 'gen' },
      'schemas/shop/order.proto': GOOD,
    });
  });
  afterEach(() => project.remove());

  async function expectRejected(files: Record<string, string | object>, expected: RegExp): Promise<void> {
    expect((await project.run((io) => runGenerate({}, io))).code).toBe(0);
    const before = project.tree('gen');
    expect(Object.keys(before)).toContain('shop/order_pb.ts');
    project.write(files);
    const result = await project.run((io) => runGenerate({}, io));
    expect(result.stderr).toHaveLength(1);
    expect(result.stderr[0]).toMatch(expected);
    expect(result.code).toBe(2);
    expect(project.tree('gen')).toEqual(before);
  }

  it('generates a module per .proto file', async () => {
    expect((await project.run((io) => runGenerate({}, io))).code).toBe(0);
    expect(project.read('gen/shop/order_pb.ts')).toContain('export interface Order {');
  });

  it('syntax error → file:line:col', () =>
    expectRejected(
      { 'schemas/bad.proto': 'syntax = "proto3";\nmessage A {\n  int32 x = 1\n}\n' },
      /^kgen: schemas\/bad\.proto:4:1: syntax error: illegal token '}', ';' expected \[PROTO_SYNTAX\]$/,
    ));

  it('missing import → the import statement', () =>
    expectRejected(
      { 'schemas/bad.proto': 'syntax = "proto3";\nimport "shop/nope.proto";\nmessage A {}\n' },
      /^kgen: schemas\/bad\.proto:2:1: import "shop\/nope\.proto" not found.*\[PROTO_MISSING_IMPORT\]$/,
    ));

  it('unknown type → the field using it', () =>
    expectRejected(
      { 'schemas/bad.proto': 'syntax = "proto3";\npackage b;\nmessage A {\n  shop.Ordr o = 1;\n}\n' },
      /^kgen: schemas\/bad\.proto:4:3: unknown type "shop\.Ordr" in message b\.A \[PROTO_UNKNOWN_TYPE\]$/,
    ));

  it('conflicting names → the second declaration', () =>
    expectRejected(
      { 'schemas/bad.proto': 'syntax = "proto3";\nmessage A { message B {} }\nmessage A_B {}\n' },
      /^kgen: schemas\/bad\.proto:3:1: conflicting names: A_B would be emitted as A_B.*\[PROTO_NAME_CONFLICT\]$/,
    ));

  it('bad protobuf option → the config', () =>
    expectRejected(
      { 'kgen.config.json': { schemas: 'schemas', output: 'gen', protobuf: { int64: 'number' } } },
      /"int64" must be one of "bigint", "string"/,
    ));
});
