import { CodegenError } from '../../../codegen/errors';
import { readSubjectFacts, registryFindings, type SubjectFact } from '../../../codegen/ops/registry-findings';
import type { ResolvedConfig } from '../../../codegen/config/config-types';

const fact = (over: Partial<SubjectFact>): SubjectFact => ({
  topic: 'orders',
  side: 'value',
  subject: 'orders-value',
  exists: true,
  level: 'BACKWARD',
  levelSource: 'subject',
  ...over,
});

describe('registryFindings', () => {
  it('nothing for a registered subject with its own level, on a topic the cluster has', () => {
    expect(registryFindings([fact({})], new Set(['orders']))).toEqual([]);
  });

  it('a missing subject and a missing topic are critical', () => {
    const f = registryFindings([fact({ exists: false, level: null, levelSource: null })], new Set());
    expect(f.map((x) => [x.rule, x.severity, x.subject])).toEqual([
      ['config.topic-missing', 'critical', 'topic orders'],
      ['registry.missing-subject', 'critical', 'subject orders-value'],
    ]);
  });

  it('level NONE is a warning; an inherited level is info', () => {
    expect(
      registryFindings([fact({ level: 'NONE', levelSource: 'global' })], new Set(['orders']))[0],
    ).toMatchObject({
      rule: 'registry.compatibility-none',
      severity: 'warning',
      fix: 'kgen compat set BACKWARD --subject orders-value',
    });
    expect(registryFindings([fact({ levelSource: 'global' })], new Set(['orders']))[0]).toMatchObject({
      rule: 'registry.compatibility-inherited',
      severity: 'info',
    });
  });
});

describe('readSubjectFacts', () => {
  const config = {
    topics: [
      {
        name: 'orders',
        key: { kind: 'string' },
        value: {
          kind: 'schema',
          strategy: 'TopicNameStrategy',
          subjects: [{ subject: 'orders-value', version: 'latest' }],
        },
      },
    ],
  } as unknown as ResolvedConfig;

  it('an unknown subject is a fact, not an error', async () => {
    const registry = {
      versions: async (): Promise<number[]> => {
        throw new CodegenError('UNKNOWN_SUBJECT', 'subject not found');
      },
      getLevelSource: async () => ({ level: 'BACKWARD', source: 'global' as const }),
    };
    expect(await readSubjectFacts(config, registry)).toEqual([
      {
        topic: 'orders',
        side: 'value',
        subject: 'orders-value',
        exists: false,
        level: null,
        levelSource: null,
      },
    ]);
  });

  it('an unreachable registry is thrown (bad input, exit 2)', async () => {
    const registry = {
      versions: async (): Promise<number[]> => {
        throw new CodegenError('REGISTRY_UNREACHABLE', 'registry down');
      },
      getLevelSource: async () => ({ level: 'BACKWARD', source: 'global' as const }),
    };
    await expect(readSubjectFacts(config, registry)).rejects.toThrow('registry down');
  });
});
