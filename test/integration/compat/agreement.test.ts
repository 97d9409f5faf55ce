import { isCompatible } from '../../../codegen/governance/check-compatibility';
import type { CompatLevel } from '../../../codegen/governance/types';
import { stackEnv, uniqueName } from '../../helpers/stack-env';
import { AGREEMENT_CASES } from './agreement-cases';
import { kgenFindings } from './kgen-verdict';
import { registryVerdict } from './registry-verdict';

/**
 * Agreement: for every pair of the table and every level it lists, the REAL registry's verdict (Apicurio
 * ccompat, previous versions registered under a fresh subject, level set on the subject) equals the table,
 * and kgen's offline verdict equals the registry's — except documented quirks, where kgen is the opposite.
 */
describe('agreement: kgen offline verdict = real registry verdict', () => {
  const { registryUrl } = stackEnv();
  const counts = new Map<string, { pairs: number; agree: number; quirks: number }>();

  const rows = AGREEMENT_CASES.flatMap((c) =>
    (Object.entries(c.expect) as Array<[CompatLevel, boolean]>).map(
      ([level, expected]) => [`${c.format} ${level} ${c.name}`, c, level, expected] as const,
    ),
  );

  afterAll(() => {
    const lines = [...counts]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${k.padEnd(30)} pairs=${v.pairs} agree=${v.agree} documented-quirks=${v.quirks}`);
    const total = [...counts.values()].reduce((n, v) => n + v.pairs, 0);
    // Printed for the issue/README: pair counts per format and level.
    console.log(`agreement suite: ${total} pairs\n${lines.join('\n')}`);
  });

  it.each(rows)('%s', async (_name, c, level, expected) => {
    const subject = `${uniqueName(`agree-${c.format.toLowerCase()}`)}-value`;
    const registry = await registryVerdict(registryUrl, subject, c.format, c.previous, c.next, level);
    const kgen = isCompatible(kgenFindings(c, level, subject));
    const quirk = c.kgenDiffers?.[level];
    const key = `${c.format} ${level}`;
    const count = counts.get(key) ?? { pairs: 0, agree: 0, quirks: 0 };
    count.pairs++;
    if (quirk) count.quirks++;
    else if (kgen === registry) count.agree++;
    counts.set(key, count);
    expect({ registry, kgen }).toEqual({ registry: expected, kgen: quirk ? !expected : expected });
  });
});
