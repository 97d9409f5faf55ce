import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { TempProject } from './project';

const repo = path.resolve(__dirname, '../../../..');
const tsx = path.join(repo, 'node_modules/.bin/tsx');
const main = path.join(repo, 'codegen/cli/main.ts');

const ORDER = JSON.stringify({ type: 'record', name: 'Order', namespace: 'com.acme', fields: [] });

/** The real CLI entry point in a child process: exit codes and stream separation as a user sees them. */
describe('kgen CLI (spawned)', () => {
  let project: TempProject;
  beforeEach(() => {
    project = new TempProject();
  });
  afterEach(() => project.remove());

  const kgen = (...args: string[]) => {
    const r = spawnSync(tsx, [main, ...args], { cwd: project.dir, encoding: 'utf8', timeout: 60_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('loads a .mjs config, generates, then --check exits 0 / 1 with the stale file on stdout', () => {
    project.write({
      'kgen.config.mjs': "export default { schemas: 'schemas', output: 'gen' };\n",
      'schemas/order.avsc': ORDER,
    });
    const first = kgen('generate');
    expect(first.stderr).toContain('files in gen');
    expect(first.code).toBe(0);
    expect(kgen('generate', '--check').code).toBe(0);
    project.write({ 'schemas/refund.avsc': ORDER.replace('Order', 'Refund') });
    const stale = kgen('generate', '--check');
    expect(stale.code).toBe(1);
    expect(stale.stdout).toBe('added   gen/refund.ts\nchanged gen/index.ts\n');
  });

  it('loads a .ts config through tsx', () => {
    project.write({
      'kgen.config.ts': "const output: string = 'out';\nexport default { schemas: 'schemas', output };\n",
      'schemas/order.avsc': ORDER,
    });
    const r = kgen('generate');
    expect(r.stderr).toContain('files in out');
    expect(r.code).toBe(0);
    expect(project.exists('out/order.ts')).toBe(true);
  });

  it('bad config key: exit 2, one line on stderr, nothing on stdout', () => {
    project.write({ 'kgen.config.json': { output: 'gen', topcis: {} } });
    const r = kgen('generate');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/kgen\.config\.json at \$: unknown key "topcis" \(did you mean "topics"\?\)/),
    ]);
  });

  it('pull without a registry section: exit 2 naming $.registry', () => {
    project.write({ 'kgen.config.json': { topics: { orders: {} } } });
    const r = kgen('pull');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'kgen.config.json at $.registry: kgen pull needs --registry <url> or "registry"',
    );
  });
});
