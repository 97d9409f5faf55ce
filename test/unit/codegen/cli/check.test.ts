import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { FIXTURES, spawnKgen } from '../governance/spawn-kgen';
import { TempProject } from './project';

jest.setTimeout(300_000);

const repo = path.resolve(__dirname, '../../../..');
const fixture = (name: string) => path.relative(repo, path.join(FIXTURES, name));
const kgen = (...args: string[]) => spawnKgen(repo, args);

const ORDER = {
  type: 'record',
  name: 'Order',
  namespace: 'com.acme',
  fields: [{ name: 'id', type: 'string' }],
};

describe('kgen check --schemas --against <folder> (spawned CLI)', () => {
  it('reports every finding of a breaking change with rule, file:line and path, exit 1', () => {
    const r = kgen('check', '--schemas', fixture('breaking'), '--against', fixture('old'));
    expect(r.code).toBe(1);
    for (const rule of [
      'TYPE_MISMATCH',
      'READER_FIELD_MISSING_DEFAULT_VALUE',
      'MISSING_ENUM_SYMBOLS',
      'FIELD_SCALAR_KIND_CHANGED',
      'FIELD_REMOVED_WITHOUT_RESERVE',
      'TS_ENUM_SYMBOL_REMOVED',
    ]) {
      expect(r.stdout).toContain(rule);
    }
    expect(r.stdout).toContain(
      'test/fixtures/compat/breaking/orders-value.avsc:8  error    READER_FIELD_MISSING_DEFAULT_VALUE  com.acme.Order.email',
    );
    expect(r.stdout).toMatch(/INCOMPATIBLE: 2 schema\(s\) checked, 5 error\(s\), 3 warning\(s\)/);
    expect(r.stdout).not.toContain('\u001b['); // no colour when stdout is not a TTY
  });

  it('passes a compatible change (warnings only), exit 0', () => {
    const r = kgen('check', '--schemas', fixture('compatible'), '--against', fixture('old'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('TS_FIELD_RENAMED');
    expect(r.stdout).toContain('TS_NUMBER_TO_BIGINT');
    expect(r.stdout).toMatch(/compatible: 2 schema\(s\) checked, 0 error\(s\), 2 warning\(s\)/);
  });

  it('--format json prints exactly one object with the documented keys', () => {
    const r = kgen(
      'check',
      '--schemas',
      fixture('breaking'),
      '--against',
      fixture('old'),
      '--format',
      'json',
    );
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { compatible: boolean; findings: Array<Record<string, unknown>> };
    expect(Object.keys(out)).toEqual(['compatible', 'findings']);
    expect(out.compatible).toBe(false);
    expect(out.findings).toHaveLength(8);
    for (const f of out.findings)
      expect(Object.keys(f)).toEqual(['rule', 'level', 'file', 'path', 'message']);
    expect(out.findings[0]).toEqual({
      rule: 'TYPE_MISMATCH',
      level: 'error',
      file: 'test/fixtures/compat/breaking/orders-value.avsc',
      path: 'com.acme.Order.qty',
      message: expect.stringContaining('reader type string cannot read writer type int (BACKWARD against'),
    });
  });

  it('--format github prints workflow annotations with file and line', () => {
    const r = kgen(
      'check',
      '--schemas',
      fixture('breaking'),
      '--against',
      fixture('old'),
      '--format',
      'github',
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      '::error file=test/fixtures/compat/breaking/orders-value.avsc,line=7,title=TYPE_MISMATCH::com.acme.Order.qty: ',
    );
    expect(r.stdout).toContain(
      '::warning file=test/fixtures/compat/breaking/payments-value.proto,line=4,title=TS_FIELD_REMOVED::',
    );
  });

  it('--format junit prints one failing test case per broken file', () => {
    const r = kgen(
      'check',
      '--schemas',
      fixture('breaking'),
      '--against',
      fixture('old'),
      '--format',
      'junit',
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('<testsuites name="kgen check" tests="2" failures="2">');
    expect(r.stdout).toContain('<failure message="3 incompatible change(s)" type="incompatible">');
  });

  it('--level decides: NONE passes, FULL adds the FORWARD findings', () => {
    expect(
      kgen('check', '--schemas', fixture('breaking'), '--against', fixture('old'), '--level', 'none').code,
    ).toBe(0);
    const full = kgen(
      'check',
      '--schemas',
      fixture('breaking'),
      '--against',
      fixture('old'),
      '--level',
      'FULL',
      '--format',
      'json',
    );
    const rules = (JSON.parse(full.stdout) as { findings: Array<{ message: string }> }).findings.map(
      (f) => f.message,
    );
    expect(rules.some((m) => m.includes('(FORWARD against'))).toBe(true);
  });
});

describe('kgen check offline against a lock file and a git ref (spawned CLI)', () => {
  let project: TempProject;
  beforeEach(() => {
    project = new TempProject();
  });
  afterEach(() => project.remove());
  const run = (...args: string[]) => spawnKgen(project.dir, args);

  it('uses every locked version of the subject for _TRANSITIVE levels', () => {
    const v1 = { ...ORDER, fields: [...ORDER.fields, { name: 'qty', type: 'int' }] };
    const v2 = ORDER;
    const next = { ...ORDER, fields: [...ORDER.fields, { name: 'qty', type: 'string', default: '' }] };
    const entry = (version: number) => ({
      subject: 'orders-value',
      version,
      id: version,
      schemaType: 'AVRO',
      fingerprint: `sha256:${'0'.repeat(64)}`,
      file: `orders-value/v${version}.avsc`,
      root: true,
      references: [],
    });
    project.write({
      'kgen.lock.json': { lockfileVersion: 1, registry: 'http://x', schemas: [entry(1), entry(2)] },
      'kgen-schemas/orders-value/v1.avsc': v1,
      'kgen-schemas/orders-value/v2.avsc': v2,
      'schemas/orders-value.avsc': next,
    });
    expect(run('check', '--schemas', 'schemas', '--against', 'kgen.lock.json').code).toBe(0);
    const r = run(
      'check',
      '--schemas',
      'schemas',
      '--against',
      'kgen.lock.json',
      '--level',
      'BACKWARD_TRANSITIVE',
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'TYPE_MISMATCH  com.acme.Order.qty  reader type string cannot read writer type int (BACKWARD against orders-value v1)',
    );
  });

  it('config mode: schemas folder, lock file and subjects (by record name) come from kgen.config.json', () => {
    const entry = {
      subject: 'orders-v',
      version: 1,
      id: 1,
      schemaType: 'AVRO',
      fingerprint: `sha256:${'0'.repeat(64)}`,
      file: 'orders-v/v1.avsc',
      root: true,
      references: [],
    };
    project.write({
      'kgen.config.json': {
        schemas: 'local',
        pullDir: 'pulled',
        lockFile: 'locks/kgen.lock.json',
        topics: { orders: { value: { subject: 'orders-v', record: 'com.acme.Order' } } },
      },
      'locks/kgen.lock.json': { lockfileVersion: 1, registry: 'http://x', schemas: [entry] },
      'pulled/orders-v/v1.avsc': ORDER,
      'local/order.avsc': { ...ORDER, fields: [...ORDER.fields, { name: 'n', type: 'int' }] },
    });
    const r = run('check', '--against', 'lock');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'local/order.avsc:11  error    READER_FIELD_MISSING_DEFAULT_VALUE  com.acme.Order.n  field "n" is not in the writer schema and has no default (BACKWARD against orders-v v1)',
    );
    expect(run('check', '--against', 'lock', '--level', 'FORWARD').code).toBe(0);
  });

  it('compares with the same files at a git ref', () => {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: project.dir, stdio: 'ignore' });
    project.write({ 'schemas/orders-value.avsc': ORDER });
    git('init', '-q');
    git('-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-qm', 'base', '--allow-empty');
    git('add', '.');
    git('-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-qm', 'v1');
    project.write({
      'schemas/orders-value.avsc': { ...ORDER, fields: [...ORDER.fields, { name: 'x', type: 'int' }] },
    });
    const r = run('check', '--schemas', 'schemas', '--against', 'HEAD', '--format', 'json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      compatible: false,
      findings: [
        expect.objectContaining({ rule: 'READER_FIELD_MISSING_DEFAULT_VALUE', path: 'com.acme.Order.x' }),
      ],
    });
    expect(run('check', '--schemas', 'schemas', '--against', 'git:HEAD', '--level', 'FORWARD').code).toBe(0);
  });
});

describe('kgen check: bad input exits 2 with a clear message (spawned CLI)', () => {
  let project: TempProject;
  beforeEach(() => {
    project = new TempProject();
  });
  afterEach(() => project.remove());
  const run = (...args: string[]) => spawnKgen(project.dir, args);

  it('unparsable Avro schema', () => {
    project.write({ 'new/a.avsc': '{ "type": "record", ', 'old/a.avsc': ORDER });
    const r = run('check', '--schemas', 'new', '--against', 'old');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/kgen: new\/a\.avsc: invalid Avro schema JSON: .* \[SCHEMA_PARSE\]/);
  });

  it('unparsable Protobuf schema', () => {
    project.write({
      'new/p.proto': 'syntax = "proto3";\nmessage {',
      'old/p.proto': 'syntax = "proto3";\nmessage P {}',
    });
    const r = run('check', '--schemas', 'new', '--against', 'old');
    expect(r.code).toBe(2);
    // One Protobuf parser for generate and check: the error points at file:line:col.
    expect(r.stderr).toMatch(
      /kgen: new\/p\.proto:2:9: invalid Protobuf schema: syntax error: .* \[SCHEMA_PARSE\]/,
    );
  });

  it('invalid Avro schema (bad default)', () => {
    project.write({
      'new/a.avsc': { ...ORDER, fields: [{ name: 'n', type: 'int', default: 'x' }] },
      'old/a.avsc': ORDER,
    });
    const r = run('check', '--schemas', 'new', '--against', 'old');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/new\/a\.avsc: invalid Avro schema: .*\[SCHEMA_INVALID\]/);
  });

  it('missing reference (Avro named type and Protobuf import)', () => {
    project.write({
      'new/a.avsc': { ...ORDER, fields: [{ name: 'm', type: 'com.acme.Money' }] },
      'old/a.avsc': ORDER,
    });
    const avro = run('check', '--schemas', 'new', '--against', 'old');
    expect(avro.code).toBe(2);
    expect(avro.stderr).toContain(
      'new/a.avsc: unknown Avro type "com.acme.Money" (missing reference?) [MISSING_REFERENCE]',
    );
    project.write({
      'p/new/p.proto': 'syntax = "proto3";\nimport "money.proto";\nmessage P { Money m = 1; }',
      'p/old/p.proto': 'syntax = "proto3";\nmessage P {}',
    });
    const proto = run('check', '--schemas', 'p/new', '--against', 'p/old');
    expect(proto.code).toBe(2);
    expect(proto.stderr).toContain(
      'p/new/p.proto:2:1: import "money.proto" not found: no file or registry reference has that name [MISSING_REFERENCE]',
    );
  });

  it('references resolve from sibling files', () => {
    const money = {
      type: 'record',
      name: 'Money',
      namespace: 'com.acme',
      fields: [{ name: 'c', type: 'long' }],
    };
    const order = { ...ORDER, fields: [{ name: 'm', type: 'com.acme.Money' }] };
    project.write({
      'new/money.avsc': money,
      'new/order.avsc': order,
      'old/money.avsc': money,
      'old/order.avsc': order,
    });
    expect(run('check', '--schemas', 'new', '--against', 'old').code).toBe(0);
  });

  it('unreachable registry', () => {
    project.write({ 'new/a.avsc': ORDER });
    const r = run('check', '--schemas', 'new', '--registry', 'http://127.0.0.1:9/apis/ccompat/v7');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /schema registry at http:\/\/127\.0\.0\.1:9\/apis\/ccompat\/v7 is unreachable .*\[REGISTRY_UNREACHABLE\]/,
    );
  });

  it('unknown level, missing folder, unknown --against, no registry', () => {
    project.write({ 'new/a.avsc': ORDER, 'old/a.avsc': ORDER });
    expect(run('check', '--schemas', 'new', '--against', 'old', '--level', 'SIDEWAYS').stderr).toContain(
      'unknown compatibility level "SIDEWAYS"',
    );
    const missing = run('check', '--schemas', 'nope', '--against', 'old');
    expect([missing.code, missing.stderr]).toEqual([
      2,
      expect.stringContaining('nope: schema folder not found [SCHEMA_DIR_NOT_FOUND]'),
    ]);
    const against = run('check', '--schemas', 'new', '--against', 'no-such-ref');
    expect([against.code, against.stderr]).toEqual([
      2,
      expect.stringContaining('is neither a folder, a lock file nor a git ref'),
    ]);
    const noRegistry = run('check', '--schemas', 'new');
    expect([noRegistry.code, noRegistry.stderr]).toEqual([
      2,
      expect.stringContaining('no registry: pass --registry'),
    ]);
  });
});

describe('kgen check / register / compat: bad flags exit 2 (spawned CLI)', () => {
  it('names the flag and the accepted values', () => {
    const r = (args: string[]) => {
      const out = spawnKgen(repo, args);
      return [out.code, out.stderr.trim()];
    };
    expect(r(['check', '--schemas', 'x', '--format', 'xml'])).toEqual([
      2,
      'kgen: --format must be one of text, json, github, junit [BAD_FLAG]',
    ]);
    expect(r(['check', '--schemas', 'x', '--protobuf-rules', 'loose'])).toEqual([
      2,
      'kgen: --protobuf-rules must be one of strict, confluent [BAD_FLAG]',
    ]);
    expect(r(['check', '--schemas', 'x', '--subject', 'nonsense'])).toEqual([
      2,
      'kgen: --subject expects <file>=<subject>, got "nonsense" [BAD_FLAG]',
    ]);
    expect(r(['compat', 'frob'])).toEqual([
      2,
      'kgen: unknown action "frob" (expected get or set) [BAD_FLAG]',
    ]);
  });
});
