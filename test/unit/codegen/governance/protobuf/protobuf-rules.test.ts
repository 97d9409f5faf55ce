import { checkCompatibility, isCompatible } from '../../../../../codegen/governance/check-compatibility';
import { parseSchema } from '../../../../../codegen/governance/parse-schema';

const proto = (fields: string) =>
  parseSchema(
    { format: 'PROTOBUF', text: `syntax = "proto3";\nmessage M {\n${fields}\n}`, references: [] },
    'm.proto',
  );

describe('protobufRules', () => {
  const previous = [{ label: 'v1', schema: proto('int32 a = 1; string b = 2; string c = 3;') }];
  const next = proto('int64 a = 1; string renamed = 2;');
  const run = (protobufRules?: 'strict' | 'confluent') =>
    checkCompatibility({
      file: 'm.proto',
      next,
      previous,
      level: 'BACKWARD',
      tsImpact: false,
      ...(protobufRules ? { protobufRules } : {}),
    });

  it('strict (default): renames, same-group type changes and unreserved removals are errors', () => {
    expect(run().map((f) => [f.rule, f.level])).toEqual([
      ['FIELD_SCALAR_TYPE_CHANGED', 'error'],
      ['FIELD_NAME_CHANGED', 'error'],
      ['FIELD_REMOVED_WITHOUT_RESERVE', 'error'],
    ]);
  });

  it("confluent: what Confluent's diff accepts becomes a warning; wire-breaking changes stay errors", () => {
    const findings = run('confluent');
    expect(findings.map((f) => f.level)).toEqual(['warning', 'warning', 'warning']);
    expect(findings[0]?.message).toContain("compatible under Confluent's rules");
    expect(isCompatible(findings)).toBe(true);
    const wire = checkCompatibility({
      file: 'm.proto',
      next: proto('string a = 1;'),
      previous: [{ label: 'v1', schema: proto('int32 a = 1;') }],
      level: 'BACKWARD',
      protobufRules: 'confluent',
    });
    expect(wire.map((f) => [f.rule, f.level])).toEqual([['FIELD_SCALAR_KIND_CHANGED', 'error']]);
  });
});
