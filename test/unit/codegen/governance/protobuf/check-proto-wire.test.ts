import { checkProtoWire } from '../../../../../codegen/governance/protobuf/check-proto-wire';
import { buildProtoModel } from '../../../../../codegen/governance/protobuf/proto-model';

const proto = (body: string, pkg = 'shop') =>
  buildProtoModel(`syntax = "proto3";\npackage ${pkg};\n${body}`, 'x.proto');
const rules = (before: string, after: string) =>
  checkProtoWire(proto(before), proto(after)).map((f) => `${f.rule} ${f.path}`);

describe('checkProtoWire (before = writer, after = reader)', () => {
  it('names type changes with Confluent ids: kind, scalar group, named type, label', () => {
    const before =
      'message A {} message B {} message M { int32 a = 1; string b = 2; A c = 3; int32 d = 4; sint32 e = 5; }';
    const after =
      'message A {} message B {} message M { A a = 1; int64 b = 2; B c = 3; repeated int32 d = 4; sint64 e = 5; }';
    expect(rules(before, after)).toEqual([
      'FIELD_KIND_CHANGED shop.M.a',
      'FIELD_SCALAR_KIND_CHANGED shop.M.b',
      'FIELD_NAMED_TYPE_CHANGED shop.M.c',
      'FIELD_NUMERIC_LABEL_CHANGED shop.M.d',
      'FIELD_SCALAR_TYPE_CHANGED shop.M.e',
    ]);
  });

  it('requires removed fields to reserve number and name; flags reuse and dropped reservations', () => {
    expect(rules('message M { int32 a = 1; int32 b = 2; }', 'message M { int32 a = 1; }')).toEqual([
      'FIELD_REMOVED_WITHOUT_RESERVE shop.M.b',
    ]);
    expect(rules('message M { int32 b = 2; }', 'message M { reserved 2; reserved "b"; }')).toEqual([]);
    expect(rules('message M { reserved 2, 5 to 7; }', 'message M { int32 x = 6; reserved 2; }')).toEqual([
      'RESERVED_FIELD_REUSED shop.M.x',
      'RESERVED_FIELD_REMOVED shop.M',
    ]);
  });

  it('flags renames, renumbering, removed messages, enum value changes and oneof moves', () => {
    expect(
      rules('message M { int32 a = 1; int32 b = 2; }', 'message M { int32 x = 1; int32 b = 3; }'),
    ).toEqual(['FIELD_NAME_CHANGED shop.M.a', 'FIELD_NUMBER_CHANGED shop.M.b']);
    expect(
      rules('message M { int32 a = 1; } message N { int32 b = 1; }', 'message M { int32 a = 1; }'),
    ).toEqual(['MESSAGE_REMOVED shop.N']);
    expect(rules('enum E { A = 0; B = 1; C = 2; }', 'enum E { A = 0; X = 1; }')).toEqual([
      'ENUM_CONST_CHANGED shop.E.B',
      'ENUM_CONST_REMOVED shop.E.C',
    ]);
    expect(
      rules('message M { int32 a = 1; int32 b = 2; }', 'message M { oneof o { int32 a = 1; int32 b = 2; } }'),
    ).toEqual(['MULTIPLE_FIELDS_MOVED_TO_ONEOF shop.M.a', 'MULTIPLE_FIELDS_MOVED_TO_ONEOF shop.M.b']);
    expect(
      rules('message M { oneof o { int32 a = 1; int32 b = 2; } }', 'message M { oneof o { int32 a = 1; } }'),
    ).toEqual(['FIELD_REMOVED_WITHOUT_RESERVE shop.M.b', 'ONEOF_FIELD_REMOVED shop.M.b']);
  });

  it('ignores a package change on the wire (reported as a TypeScript-impact warning instead)', () => {
    expect(
      checkProtoWire(proto('message M { int32 a = 1; }', 'a'), proto('message M { int32 a = 1; }', 'b')),
    ).toEqual([]);
  });

  it('proto2: added required fields break readers of old data', () => {
    const p2 = (body: string) => buildProtoModel(`syntax = "proto2";\n${body}`, 'x.proto');
    expect(
      checkProtoWire(
        p2('message M { optional int32 a = 1; }'),
        p2('message M { optional int32 a = 1; required int32 b = 2; }'),
      ).map((f) => f.rule),
    ).toEqual(['REQUIRED_FIELD_ADDED']);
  });
});

describe('MESSAGE_REMOVED', () => {
  it("names the subject's (first) message when it is renamed", () => {
    const f = checkProtoWire(
      proto('message Order { int32 a = 1; }'),
      proto('message Purchase { int32 a = 1; }'),
    );
    expect(f).toEqual([
      {
        rule: 'MESSAGE_REMOVED',
        path: 'shop.Order',
        message: "the subject's message Order was removed or renamed",
      },
    ]);
  });
});

describe('services', () => {
  it('flags removed rpcs and changed signatures (the registry checks services too)', () => {
    const svc = (rpcs: string) => proto(`message M { int32 a = 1; }\nservice S {\n${rpcs}\n}`);
    expect(
      checkProtoWire(
        svc('rpc A (M) returns (M);\nrpc B (M) returns (M);'),
        svc('rpc A (M) returns (stream M);'),
      ).map((f) => [f.rule, f.message]),
    ).toEqual([
      ['RPC_SIGNATURE_CHANGED', 'rpc S.A changed (M) returns (M) → (M) returns (stream M)'],
      ['RPC_REMOVED', 'rpc S.B was removed'],
    ]);
  });
});
