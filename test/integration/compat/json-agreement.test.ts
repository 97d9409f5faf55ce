import { isCompatible } from '../../../codegen/governance/check-compatibility';
import type { CompatLevel } from '../../../codegen/governance/types';
import { stackEnv, uniqueName } from '../../helpers/stack-env';
import { JSON_CASES } from './json-agreement-cases';
import { kgenFindings } from './kgen-verdict';
import { registryVerdict } from './registry-verdict';

/**
 * JSON Schema agreement: for every pair of the table and every level it lists, the REAL registry's verdict
 * (Apicurio ccompat, `schemaType: JSON`, previous versions registered under a fresh subject, level set on the
 * subject, `POST /compatibility/subjects/{s}/versions[/latest]`) equals the table, and kgen's offline verdict
 * equals the registry's, except documented differences, where kgen follows Confluent's rules and is the opposite.
 */
describe('JSON Schema agreement: kgen offline verdict = real registry verdict', () => {
  const { registryUrl } = stackEnv();
  const counts = new Map<string, { pairs: number; agree: number; differences: number }>();

  const rows = JSON_CASES.flatMap((c) =>
    (Object.entries(c.expect) as Array<[CompatLevel, boolean]>).map(
      ([level, expected]) => [`JSON ${level} ${c.name}`, c, level, expected] as const,
    ),
  );

  afterAll(() => {
    const lines = [...counts]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(
        ([k, v]) =>
          `${k.padEnd(24)} pairs=${v.pairs} agree=${v.agree} documented-differences=${v.differences}`,
      );
    const total = [...counts.values()].reduce(
      (n, v) => ({
        pairs: n.pairs + v.pairs,
        agree: n.agree + v.agree,
        differences: n.differences + v.differences,
      }),
      { pairs: 0, agree: 0, differences: 0 },
    );
    // Printed for the README: pair counts per level.
    console.log(
      `JSON Schema agreement: ${total.pairs} pairs, ${total.agree} agree, ${total.differences} documented differences\n${lines.join('\n')}`,
    );
  });

  it.each(rows)('%s', async (_name, c, level, expected) => {
    const subject = `${uniqueName('agree-json')}-value`;
    const registry = await registryVerdict(registryUrl, subject, 'JSON', c.previous, c.next, level);
    const kgen = isCompatible(kgenFindings(c, level, subject));
    const difference = c.kgenDiffers?.[level];
    const key = `JSON ${level}`;
    const count = counts.get(key) ?? { pairs: 0, agree: 0, differences: 0 };
    count.pairs++;
    if (difference) count.differences++;
    else if (kgen === registry) count.agree++;
    counts.set(key, count);
    expect({ registry, kgen }).toEqual({ registry: expected, kgen: difference ? !expected : expected });
  });
});
