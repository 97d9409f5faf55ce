import { checkCompatibility } from '../../../codegen/governance/check-compatibility';
import { parseSchema } from '../../../codegen/governance/parse-schema';
import type { CompatLevel, Finding } from '../../../codegen/governance/types';
import type { AgreementCase } from './agreement-cases';

/** kgen's offline findings for one agreement pair at one level (errors only: no TypeScript-impact warnings). */
export function kgenFindings(c: AgreementCase, level: CompatLevel, file = 'next'): Finding[] {
  const parse = (text: string, where: string) =>
    parseSchema({ format: c.format, text, references: [] }, where);
  return checkCompatibility({
    file,
    next: parse(c.next, 'next'),
    previous: c.previous.map((t, i) => ({ label: `v${i + 1}`, schema: parse(t, `v${i + 1}`) })),
    level,
    tsImpact: false,
  });
}
