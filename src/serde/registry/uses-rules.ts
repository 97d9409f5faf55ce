import type { Rule, SchemaInfo } from '@confluentinc/schemaregistry';

function active(rules: readonly Rule[] | undefined): boolean {
  return (rules ?? []).some((r) => r.disabled !== true);
}

/**
 * Whether a registered schema carries data-contract rules (migration, domain — which includes field
 * encryption — or encoding rules). Such subjects go through the official serde, which runs the rules; kgen's
 * fast path does not. (Apicurio cannot store rules, so on the local stack this is only unit-tested.)
 */
export function usesRules(info: Pick<SchemaInfo, 'ruleSet'>): boolean {
  const set = info.ruleSet;
  if (set === undefined) return false;
  return active(set.migrationRules) || active(set.domainRules) || active(set.encodingRules);
}
