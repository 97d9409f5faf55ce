import { checkCompatibility, isCompatible } from '../../../../codegen/governance/check-compatibility';
import { directionsOf, isTransitive, parseLevel } from '../../../../codegen/governance/levels';
import { findLine } from '../../../../codegen/governance/find-line';
import { parseSchema } from '../../../../codegen/governance/parse-schema';
import { CodegenError } from '../../../../codegen/errors';

const avro = (fields: unknown[]) =>
  parseSchema(
    { format: 'AVRO', text: JSON.stringify({ type: 'record', name: 'O', fields }), references: [] },
    'o',
  );

describe('levels', () => {
  it('parses names case-insensitively and rejects others as bad input', () => {
    expect(parseLevel('full_transitive')).toBe('FULL_TRANSITIVE');
    expect(() => parseLevel('SIDEWAYS')).toThrow(CodegenError);
    expect(directionsOf('NONE')).toEqual([]);
    expect(directionsOf('FORWARD_TRANSITIVE')).toEqual(['forward']);
    expect(directionsOf('FULL')).toEqual(['backward', 'forward']);
    expect([isTransitive('FULL'), isTransitive('BACKWARD_TRANSITIVE')]).toEqual([false, true]);
  });
});

describe('checkCompatibility', () => {
  const v1 = avro([{ name: 'a', type: 'int' }]);
  const v2 = avro([]);
  const next = avro([{ name: 'a', type: 'string', default: '' }]);

  it('non-transitive levels use the latest version, _TRANSITIVE levels every version', () => {
    const previous = [
      { label: 'v1', schema: v1 },
      { label: 'v2', schema: v2 },
    ];
    const run = (level: 'BACKWARD' | 'BACKWARD_TRANSITIVE') =>
      checkCompatibility({ file: 'o.avsc', next, previous, level, tsImpact: false });
    expect(run('BACKWARD')).toEqual([]);
    expect(run('BACKWARD_TRANSITIVE')).toEqual([
      {
        rule: 'TYPE_MISMATCH',
        level: 'error',
        file: 'o.avsc',
        path: 'O.a',
        message: 'reader type string cannot read writer type int (BACKWARD against v1)',
      },
    ]);
  });

  it('warnings do not make a change incompatible; NONE reports no errors', () => {
    const findings = checkCompatibility({
      file: 'o',
      next: v2,
      previous: [{ label: 'v1', schema: v1 }],
      level: 'NONE',
    });
    expect(findings.map((f) => [f.rule, f.level])).toEqual([['TS_FIELD_REMOVED', 'warning']]);
    expect(isCompatible(findings)).toBe(true);
  });

  it('a format change is an error', () => {
    const proto = parseSchema(
      { format: 'PROTOBUF', text: 'syntax = "proto3"; message O {}', references: [] },
      'p',
    );
    expect(
      checkCompatibility({
        file: 'o',
        next: proto,
        previous: [{ label: 'v1', schema: v1 }],
        level: 'BACKWARD',
      }).map((f) => f.rule),
    ).toEqual(['SCHEMA_TYPE_CHANGED']);
  });
});

describe('findLine', () => {
  it('finds the declaring line, falling back to the parent for removed elements', () => {
    const text = 'syntax = "proto3";\npackage shop;\n\nmessage Order {\n  string id = 1;\n}\n';
    expect(findLine(text, 'PROTOBUF', 'shop.Order.id')).toBe(5);
    expect(findLine(text, 'PROTOBUF', 'shop.Order.gone')).toBe(4);
    expect(findLine('{\n  "name": "x"\n}', 'AVRO', 'A.x[]')).toBe(2);
    expect(findLine('{}', 'AVRO', 'A.x')).toBeUndefined();
  });
});
