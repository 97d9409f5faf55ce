import { isCompatible } from '../../../../../codegen/governance/check-compatibility';
import { COMPAT_LEVELS, type CompatLevel } from '../../../../../codegen/governance/types';
import { JSON_CASES } from '../../../../integration/compat/json-agreement-cases';
import { kgenFindings } from '../../../../integration/compat/kgen-verdict';

// The JSON Schema registry-agreement table, offline: kgen's verdict per level is the registry's, or where a
// difference from Confluent's rules is documented, its opposite. The integration suite asks the real registry.
const rows = JSON_CASES.flatMap((c) =>
  (Object.entries(c.expect) as Array<[CompatLevel, boolean]>).map(
    ([level, registry]) => [`JSON ${level} ${c.name}`, c, level, registry] as const,
  ),
);

describe('kgen offline verdicts on the JSON Schema agreement table', () => {
  it('has at least 60 pairs over every level', () => {
    expect(rows.length).toBeGreaterThanOrEqual(60);
    const levels = new Set(rows.map(([, , level]) => level));
    expect([...levels].sort()).toEqual([...COMPAT_LEVELS].sort());
  });

  it.each(rows)('%s', (_name, c, level, registry) => {
    const findings = kgenFindings(c, level);
    const expected = c.kgenDiffers?.[level] ? !registry : registry;
    expect({ compatible: isCompatible(findings), rules: findings.map((f) => f.rule) }).toEqual({
      compatible: expected,
      rules: expected ? [] : expect.arrayContaining([expect.any(String)]),
    });
  });
});
