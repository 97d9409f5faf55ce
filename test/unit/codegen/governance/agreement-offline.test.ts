import { isCompatible } from '../../../../codegen/governance/check-compatibility';
import type { CompatLevel } from '../../../../codegen/governance/types';
import { AGREEMENT_CASES } from '../../../integration/compat/agreement-cases';
import { kgenFindings } from '../../../integration/compat/kgen-verdict';

// The registry-agreement table, offline: kgen's verdict per level is the registry's (or, where a quirk is
// documented, its opposite). The integration suite asks the real registry the same questions.
const rows = AGREEMENT_CASES.flatMap((c) =>
  (Object.entries(c.expect) as Array<[CompatLevel, boolean]>).map(
    ([level, registry]) => [`${c.format} ${level} ${c.name}`, c, level, registry] as const,
  ),
);

describe('kgen offline verdicts on the agreement table', () => {
  it('has at least 60 pairs across both formats', () => {
    expect(rows.length).toBeGreaterThanOrEqual(60);
    expect(rows.filter(([, c]) => c.format === 'AVRO').length).toBeGreaterThan(20);
    expect(rows.filter(([, c]) => c.format === 'PROTOBUF').length).toBeGreaterThan(20);
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
