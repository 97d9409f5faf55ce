import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnKgen } from '../../unit/codegen/governance/spawn-kgen';
import { stackEnv, uniqueName } from '../../helpers/stack-env';

jest.setTimeout(300_000);

// Issue 18: at level NONE, `kgen check --registry` exited 1 with "registry rejects the change at NONE: no
// details given by the registry" for a change the registry then registered. Apicurio's compatibility endpoint
// answers `is_compatible: false` at NONE when the subject has no level of its own (an explicit subject level NONE
// gets `true`); kgen's verdict at NONE is "compatible" whatever it says.
describe('kgen check --registry at level NONE (real registry, spawned CLI)', () => {
  const { registryUrl } = stackEnv();
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgen-none-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const kgen = (...args: string[]) => spawnKgen(dir, [...args, '--registry', registryUrl]);
  const record = (type: string) =>
    JSON.stringify({ type: 'record', name: 'Reading', namespace: 'com.acme', fields: [{ name: 'v', type }] });

  function schemaDir(name: string, subject: string, text: string): string {
    fs.mkdirSync(path.join(dir, name), { recursive: true });
    fs.writeFileSync(path.join(dir, name, `${subject}.avsc`), text);
    return name;
  }

  it('passes any change at NONE, as the registry that then registers it does', async () => {
    const subject = `${uniqueName('none')}-value`;
    expect(kgen('register', '--schemas', schemaDir('v1', subject, record('string'))).code).toBe(0);
    // The registry's default: no level on the subject, NONE globally (Apicurio's answer below needs both).
    const global = (await (await fetch(`${registryUrl}/config`)).json()) as { compatibilityLevel?: string };
    expect(global.compatibilityLevel).toBe('NONE');
    expect(kgen('compat', 'get', '--subject', subject).stdout).toContain('NONE');
    const v2 = schemaDir('v2', subject, record('int'));

    // The quirk this test is about: the registry's own endpoint says "incompatible" at NONE.
    const raw = await fetch(`${registryUrl}/compatibility/subjects/${subject}/versions/latest?verbose=true`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify({ schema: record('int') }),
    });
    expect(((await raw.json()) as { is_compatible?: boolean }).is_compatible).toBe(false);

    const check = kgen('check', '--schemas', v2, '--format', 'json');
    expect({ code: check.code, stderr: check.stderr }).toEqual({ code: 0, stderr: '' });
    const report = JSON.parse(check.stdout) as {
      compatible: boolean;
      findings: Array<{ rule: string; level: string }>;
    };
    expect(report.compatible).toBe(true);
    // The generated type changes (string → number): a warning, never an error.
    expect(report.findings).toEqual([expect.objectContaining({ rule: 'TS_TYPE_CHANGED', level: 'warning' })]);

    const register = kgen('register', '--schemas', v2);
    expect(register.code).toBe(0);
    expect(register.stdout).toMatch(new RegExp(`registered +${subject} v2`));
  });

  it('at BACKWARD, a rejection the registry gives no details for is explained by kgen rule ids', () => {
    const subject = `${uniqueName('backward')}-value`;
    expect(kgen('register', '--schemas', schemaDir('b1', subject, record('string'))).code).toBe(0);
    expect(kgen('compat', 'set', 'BACKWARD', '--subject', subject).code).toBe(0);
    const check = kgen('check', '--schemas', schemaDir('b2', subject, record('int')), '--format', 'json');
    expect(check.code).toBe(1);
    const report = JSON.parse(check.stdout) as {
      findings: Array<{ rule: string; level: string; message: string }>;
    };
    expect(report.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          rule: 'TYPE_MISMATCH',
          level: 'error',
          message: expect.stringContaining(`BACKWARD against ${subject} v1`) as string,
        }),
      ]),
    );
    expect(report.findings.map((f) => f.rule)).not.toContain('REGISTRY_INCOMPATIBLE');
  });
});
