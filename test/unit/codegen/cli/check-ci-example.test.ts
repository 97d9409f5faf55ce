import { execFileSync, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { TempProject } from './project';

jest.setTimeout(300_000);

const repo = path.resolve(__dirname, '../../../..');
const script = path.join(repo, 'examples/ci-check/check-schemas.sh');
const kgen = `${path.join(repo, 'node_modules/.bin/tsx')} ${path.join(repo, 'codegen/cli/main.ts')}`;

const order = (fields: unknown[]) =>
  JSON.stringify({ type: 'record', name: 'Order', namespace: 'com.acme', fields }, null, 2);

/** The demo CI gate of examples/ci-check in a throw-away repository: a "main" commit, then a pull request. */
describe('examples/ci-check/check-schemas.sh', () => {
  let project: TempProject;
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=ci', ...args], {
      cwd: project.dir,
      stdio: 'ignore',
    });
  const gate = () => {
    const r = spawnSync('bash', [script], {
      cwd: project.dir,
      encoding: 'utf8',
      env: { ...process.env, KGEN: kgen, BASE_REF: 'main', SCHEMAS_DIR: 'schemas', GITHUB_BASE_REF: '' },
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  beforeEach(() => {
    project = new TempProject();
    project.write({ 'schemas/orders-value.avsc': order([{ name: 'id', type: 'string' }]) });
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-qm', 'main');
    git('checkout', '-q', '-b', 'pr');
  });
  afterEach(() => project.remove());

  it('fails a breaking change with an annotation on the offending line', () => {
    project.write({
      'schemas/orders-value.avsc': order([
        { name: 'id', type: 'string' },
        { name: 'email', type: 'string' },
      ]),
    });
    git('commit', '-qam', 'add email without default');
    const r = gate();
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      '::error file=schemas/orders-value.avsc,line=11,title=READER_FIELD_MISSING_DEFAULT_VALUE::com.acme.Order.email: field "email" is not in the writer schema and has no default (BACKWARD against main:orders-value.avsc)',
    );
    expect(r.stdout).toContain('::error title=Breaking schema change::');
  });

  it('passes a compatible change', () => {
    project.write({
      'schemas/orders-value.avsc': order([
        { name: 'id', type: 'string' },
        { name: 'email', type: 'string', default: '' },
      ]),
    });
    git('commit', '-qam', 'add email with default');
    const r = gate();
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('kgen check: compatible (0 error(s))');
    expect(r.stdout).not.toContain('::error');
  });
});
