import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkRegistry } from '../../../../codegen/governance/run-check';
import type { CompatRegistry, RegistryVerdict } from '../../../../codegen/governance/registry-api';
import type { CompatLevel } from '../../../../codegen/governance/types';

// How `kgen check --registry` combines the registry's verdict with kgen's own rules, over a fake registry (the
// real-registry behaviour is in test/integration/compat/check-level-none.test.ts).

const record = (type: string): string =>
  JSON.stringify({ type: 'record', name: 'Reading', namespace: 'com.acme', fields: [{ name: 'v', type }] });

/** A registry holding one version of `orders-value` at `level`, whose endpoint answers `verdict`. */
function fakeRegistry(level: CompatLevel, registered: string, verdict: RegistryVerdict) {
  const asked: CompatLevel[] = [];
  const registry = {
    url: 'http://registry.test',
    versions: () => Promise.resolve([1]),
    getLevel: () => Promise.resolve(level),
    schema: (subject: string, version: number) =>
      Promise.resolve({ subject, version, format: 'AVRO', schema: registered, references: [] }),
    lookup: () => Promise.resolve(undefined),
    testCompatibility: (_s: string, _i: unknown, at: CompatLevel) => {
      asked.push(at);
      return Promise.resolve(verdict);
    },
  };
  return { registry: registry as unknown as CompatRegistry, asked };
}

describe('checkRegistry verdicts', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgen-verdict-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const check = (next: string, registry: CompatRegistry) => {
    fs.writeFileSync(path.join(dir, 'orders-value.avsc'), next);
    return checkRegistry(registry, { schemasDir: dir, cwd: dir });
  };

  it('at NONE the change is compatible, whatever the compatibility endpoint says (it is not asked)', async () => {
    const { registry, asked } = fakeRegistry('NONE', record('string'), { compatible: false, messages: [] });
    const { report } = await check(record('int'), registry);
    expect(report.compatible).toBe(true);
    expect(report.findings.filter((f) => f.level === 'error')).toEqual([]);
    expect(asked).toEqual([]);
  });

  it("a rejection without details is explained by kgen's own rules at the subject's level", async () => {
    const { registry } = fakeRegistry('BACKWARD', record('string'), { compatible: false, messages: [] });
    const { report } = await check(record('int'), registry);
    expect(report.compatible).toBe(false);
    expect(report.findings).toEqual(
      expect.arrayContaining([expect.objectContaining({ rule: 'TYPE_MISMATCH', level: 'error' })]),
    );
    expect(report.findings.map((f) => f.rule)).not.toContain('REGISTRY_INCOMPATIBLE');
  });

  it('when kgen finds nothing either, the finding says so and names the versions it compared', async () => {
    const { registry } = fakeRegistry('BACKWARD', record('string'), { compatible: false, messages: [] });
    const { report } = await check(record('string'), registry);
    expect(report.compatible).toBe(false);
    expect(report.findings).toEqual([
      {
        rule: 'REGISTRY_INCOMPATIBLE',
        level: 'error',
        file: 'orders-value.avsc',
        path: 'orders-value',
        message:
          "registry rejects the change at BACKWARD: the registry gives no details, and kgen's own BACKWARD rules find no breaking change against orders-value v1",
      },
    ]);
  });

  it("the registry's reasons are shown when it gives them", async () => {
    const { registry } = fakeRegistry('BACKWARD', record('string'), {
      compatible: false,
      messages: ['reader v: int vs string'],
    });
    const { report } = await check(record('string'), registry);
    expect(report.findings[0]?.message).toBe(
      'registry rejects the change at BACKWARD: reader v: int vs string',
    );
  });
});
