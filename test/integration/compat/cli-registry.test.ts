import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FIXTURES, spawnKgen } from '../../unit/codegen/governance/spawn-kgen';
import { stackEnv, uniqueName } from '../../helpers/stack-env';

jest.setTimeout(300_000);

/** `kgen register`, `kgen check` (registry mode) and `kgen compat` through the real CLI against the real registry. */
describe('kgen register / check / compat against the real registry (spawned CLI)', () => {
  const { registryUrl } = stackEnv();
  const repo = path.resolve(__dirname, '../../..');
  const kgen = (...args: string[]) => spawnKgen(repo, [...args, '--registry', registryUrl]);
  const rel = (p: string) => path.relative(repo, p);

  async function get(p: string): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${registryUrl}${p}`);
    return { status: res.status, body: (await res.json()) as unknown };
  }

  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kgen-compat-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('register: --dry-run changes nothing; references first; a second run creates no version', async () => {
    const money = uniqueName('money');
    const orders = `${uniqueName('orders')}-value`;
    const dir = rel(path.join(FIXTURES, 'refs/avro'));
    const subjects = ['--subject', `common-money.avsc=${money}`, '--subject', `orders-value.avsc=${orders}`];

    const dry = kgen('register', '--schemas', dir, ...subjects, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout.split('\n').filter(Boolean)).toEqual([
      `would register ${money}  ${dir}/common-money.avsc`,
      `would register ${orders}  ${dir}/orders-value.avsc  references: com.acme.common.Money → ${money}@new`,
    ]);
    expect((await get(`/subjects/${money}/versions`)).status).toBe(404);
    expect((await get(`/subjects/${orders}/versions`)).status).toBe(404);

    const first = kgen('register', '--schemas', dir, ...subjects);
    expect(first.code).toBe(0);
    const lines = first.stdout.split('\n').filter(Boolean);
    expect(lines[0]).toMatch(new RegExp(`^registered +${money} v1 \\(id \\d+\\)`));
    expect(lines[1]).toMatch(
      new RegExp(`^registered +${orders} v1 .* references: com.acme.common.Money → ${money}@1$`),
    );
    const stored = (await get(`/subjects/${orders}/versions/1`)).body as { references?: unknown };
    expect(stored.references).toEqual([{ name: 'com.acme.common.Money', subject: money, version: 1 }]);

    const second = kgen('register', '--schemas', dir, ...subjects);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(new RegExp(`unchanged +${money} v1`));
    expect(second.stdout).toMatch(new RegExp(`unchanged +${orders} v1`));
    expect((await get(`/subjects/${money}/versions`)).body).toEqual([1]);
    expect((await get(`/subjects/${orders}/versions`)).body).toEqual([1]);

    // Protobuf imports become references too.
    const pm = uniqueName('pmoney');
    const pay = `${uniqueName('payments')}-value`;
    const pdir = rel(path.join(FIXTURES, 'refs/proto'));
    const proto = kgen(
      'register',
      '--schemas',
      pdir,
      '--subject',
      `money.proto=${pm}`,
      '--subject',
      `payments-value.proto=${pay}`,
    );
    expect(proto.code).toBe(0);
    expect(((await get(`/subjects/${pay}/versions/1`)).body as { references?: unknown }).references).toEqual([
      { name: 'money.proto', subject: pm, version: 1 },
    ]);
    // Apicurio's compatibility endpoint answers 422 for schemas with references: kgen's verdict stands in.
    // At the stack's default level NONE kgen does not ask the registry at all, so give the subject a level.
    expect(kgen('compat', 'set', 'BACKWARD', '--subject', pay).code).toBe(0);
    const check = kgen(
      'check',
      '--schemas',
      pdir,
      '--subject',
      `money.proto=${pm}`,
      '--subject',
      `payments-value.proto=${pay}`,
    );
    expect(check.code).toBe(0);
    expect(check.stdout).toContain(
      `warning  REGISTRY_CANNOT_CHECK  ${pay}  the registry cannot check schemas with references`,
    );
  });

  it('register never changes the level; an incompatible schema is rejected with exit 1 and no version', async () => {
    const subject = `${uniqueName('reg-level')}-value`;
    const write = (fields: unknown[]) =>
      fs.writeFileSync(
        path.join(tmp, 'orders-value.avsc'),
        JSON.stringify({ type: 'record', name: 'Order', namespace: 'com.acme', fields }),
      );
    const args = ['register', '--schemas', tmp, '--subject', `orders-value.avsc=${subject}`];
    write([{ name: 'id', type: 'string' }]);
    expect(kgen(...args).code).toBe(0);
    expect(kgen('compat', 'set', 'FORWARD', '--subject', subject).stdout).toBe(`${subject}: FORWARD\n`);

    write([
      { name: 'id', type: 'string' },
      { name: 'n', type: 'int' },
    ]); // FORWARD-compatible
    expect(kgen(...args).code).toBe(0);
    expect((await get(`/config/${subject}`)).body).toEqual({ compatibilityLevel: 'FORWARD' });

    write([{ name: 'id', type: 'int' }]); // breaks FORWARD
    const rejected = kgen(...args);
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toMatch(/incompatible/i);
    expect((await get(`/subjects/${subject}/versions`)).body).toEqual([1, 2]);
    expect((await get(`/config/${subject}`)).body).toEqual({ compatibilityLevel: 'FORWARD' });
  });

  it('check: registry verdict at the subject level, explained with kgen rule ids; exit 0 / 1 / 2', async () => {
    const subject = `${uniqueName('check')}-value`;
    const oldDir = rel(path.join(FIXTURES, 'old'));
    const subj = (s: string) => [
      '--subject',
      `orders-value.avsc=${s}`,
      '--subject',
      `payments-value.proto=${s}-p`,
    ];
    expect(kgen('register', '--schemas', oldDir, ...subj(subject)).code).toBe(0);
    expect(kgen('compat', 'set', 'BACKWARD', '--subject', subject).code).toBe(0);
    expect(kgen('compat', 'set', 'BACKWARD', '--subject', `${subject}-p`).code).toBe(0);

    const breaking = kgen(
      'check',
      '--schemas',
      rel(path.join(FIXTURES, 'breaking')),
      ...subj(subject),
      '--format',
      'json',
    );
    expect(breaking.code).toBe(1);
    const report = JSON.parse(breaking.stdout) as {
      compatible: boolean;
      findings: Array<{ rule: string; message: string }>;
    };
    expect(report.compatible).toBe(false);
    expect(report.findings.map((f) => f.rule)).toEqual(
      expect.arrayContaining([
        'TYPE_MISMATCH',
        'READER_FIELD_MISSING_DEFAULT_VALUE',
        'FIELD_SCALAR_KIND_CHANGED',
      ]),
    );
    expect(report.findings[0]?.message).toContain(`(BACKWARD against ${subject} v1)`);

    const ok = kgen('check', '--schemas', rel(path.join(FIXTURES, 'compatible')), ...subj(subject));
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('compatible: 2 schema(s) checked, 0 error(s)');

    // FULL makes the compatible change (enum symbol added) incompatible: --level overrides the subject's.
    const full = kgen(
      'check',
      '--schemas',
      rel(path.join(FIXTURES, 'compatible')),
      ...subj(subject),
      '--level',
      'FULL',
    );
    expect(full.code).toBe(1);
    expect(full.stdout).toContain('MISSING_ENUM_SYMBOLS');

    const unknown = kgen('check', '--schemas', oldDir, ...subj(uniqueName('nosuch')));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(
      /subject "nosuch-[^"]+": subject not found in the registry .*\[UNKNOWN_SUBJECT\]/,
    );
    expect(kgen('check', '--schemas', oldDir, ...subj(uniqueName('nosuch')), '--allow-new').code).toBe(0);
  });

  it('compat get/set for a subject; get for the global level; unknown subject exits 2', async () => {
    const subject = `${uniqueName('compat')}-value`;
    fs.writeFileSync(path.join(tmp, 's.avsc'), '"string"');
    expect(kgen('register', '--schemas', tmp, '--subject', `s.avsc=${subject}`).code).toBe(0);
    expect(kgen('compat', 'set', 'full_transitive', '--subject', subject).stdout).toBe(
      `${subject}: FULL_TRANSITIVE\n`,
    );
    expect(JSON.parse(kgen('compat', 'get', '--subject', subject, '--format', 'json').stdout)).toEqual({
      subject,
      level: 'FULL_TRANSITIVE',
      source: 'subject',
    });
    expect((await get(`/config/${subject}`)).body).toEqual({ compatibilityLevel: 'FULL_TRANSITIVE' });
    // The global level is shared by every test on this registry: read it, never set it here.
    const global = (await get('/config')).body as { compatibilityLevel: string };
    expect(kgen('compat', 'get').stdout).toBe(`global: ${global.compatibilityLevel}\n`);
    const missing = kgen('compat', 'get', '--subject', uniqueName('nosuch'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('[UNKNOWN_SUBJECT]');
    const bad = kgen('compat', 'set', 'SIDEWAYS', '--subject', subject);
    expect([bad.code, bad.stderr]).toEqual([
      2,
      expect.stringContaining('unknown compatibility level "SIDEWAYS"'),
    ]);
  });

  it('register: a missing reference stops the run before anything is written (exit 2)', async () => {
    const subject = `${uniqueName('missing-ref')}-value`;
    fs.writeFileSync(
      path.join(tmp, 'o.avsc'),
      JSON.stringify({ type: 'record', name: 'O', fields: [{ name: 'm', type: 'com.acme.Nope' }] }),
    );
    const r = kgen('register', '--schemas', tmp, '--subject', `o.avsc=${subject}`);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown Avro type "com.acme.Nope" (missing reference?) [MISSING_REFERENCE]');
    expect((await get(`/subjects/${subject}/versions`)).status).toBe(404);
  });

  it('register and check an .avdl: one subject per protocol type, references between them, the IDL line', async () => {
    const ns = uniqueName('idl').replace(/[^A-Za-z0-9]/g, '_');
    const order = `${uniqueName('idl-orders')}-value`;
    const protocol = (extra: string) =>
      `@namespace("${ns}")\nprotocol Shop {\n  record Address { string city; }\n  record Order {\n    string id;\n    Address ship_to;\n${extra}  }\n}\n`;
    const file = path.join(tmp, 'shop.avdl');
    const subjects = ['--subject', `shop.avdl#${ns}.Order=${order}`];
    fs.writeFileSync(file, protocol(''));
    const reg = kgen('register', '--schemas', rel(tmp), ...subjects);
    expect(reg.stderr).toBe('');
    expect(reg.code).toBe(0);
    expect(reg.stdout).toMatch(new RegExp(`registered +${ns}.Address v1`));
    expect(reg.stdout).toMatch(
      new RegExp(`registered +${order} v1 .* references: ${ns}.Address → ${ns}.Address@1`),
    );

    fs.writeFileSync(file, protocol('    string email;\n'));
    const check = kgen('check', '--schemas', rel(tmp), ...subjects, '--level', 'BACKWARD');
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(
      `${rel(file)}:7  error    READER_FIELD_MISSING_DEFAULT_VALUE  ${ns}.Order.email`,
    );
  });
});
