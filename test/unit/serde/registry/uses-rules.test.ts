import { usesRules } from '../../../../src/serde/registry/uses-rules';

// Apicurio (the local stack's registry) cannot store rules, so detection is proven here only.
describe('usesRules', () => {
  const rule = { name: 'r', type: 'CEL' };
  it('is false without a rule set or with empty/disabled rules', () => {
    expect(usesRules({})).toBe(false);
    expect(usesRules({ ruleSet: {} })).toBe(false);
    expect(usesRules({ ruleSet: { domainRules: [], migrationRules: [] } })).toBe(false);
    expect(usesRules({ ruleSet: { domainRules: [{ ...rule, disabled: true }] } })).toBe(false);
  });
  it.each(['migrationRules', 'domainRules', 'encodingRules'] as const)('is true with active %s', (kind) => {
    expect(usesRules({ ruleSet: { [kind]: [rule] } })).toBe(true);
  });
  it('is true for field-level encryption (an ENCRYPT domain rule)', () => {
    expect(usesRules({ ruleSet: { domainRules: [{ name: 'pii', type: 'ENCRYPT', tags: ['PII'] }] } })).toBe(
      true,
    );
  });
});
