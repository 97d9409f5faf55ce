import { execFileSync } from 'node:child_process';
import { runCheck } from '../../../../codegen/cli/check';
import { runGenerate } from '../../../../codegen/cli/generate';
import { runPull } from '../../../../codegen/cli/pull';
import { runRegister } from '../../../../codegen/cli/register';
import { spawnKgen } from '../governance/spawn-kgen';
import { TempProject } from './project';

// Empty inputs are refused (issue 18): an empty schema folder made `generate` delete every module and exit 0,
// and `check --against <empty dir>` report "compatible". Each command now exits 2 with one line naming the
// empty input, unless --allow-empty says it is intended.

const ORDER = JSON.stringify({
  type: 'record',
  name: 'Order',
  namespace: 'com.acme',
  fields: [{ name: 'id', type: 'string' }],
});
const UNREACHABLE = 'http://127.0.0.1:1'; // nothing may be sent: refusal happens before any request

describe('empty inputs', () => {
  let project: TempProject;
  beforeEach(() => {
    project = new TempProject().write({
      'schemas/orders-value.avsc': ORDER,
      'empty/README.md': 'no schemas',
    });
  });
  afterEach(() => project.remove());

  const oneLine = (r: { code: number; stderr: string[] }, code: number, pattern: RegExp): void => {
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code, stderr: [expect.stringMatching(pattern)] });
  };

  describe('generate', () => {
    const generate = (args: Parameters<typeof runGenerate>[0]) => project.run((io) => runGenerate(args, io));

    it('refuses an empty --schemas folder and keeps the previous output', async () => {
      expect((await generate({ schemas: 'schemas', out: 'gen' })).code).toBe(0);
      const before = project.tree('gen');
      expect(Object.keys(before)).toContain('orders-value.ts');
      oneLine(
        await generate({ schemas: 'empty', out: 'gen' }),
        2,
        /^kgen: .*\/empty: no schemas to generate from \(no \.avsc, \.avdl or \.proto file in .*\/empty\); generating would leave .*\/gen without any schema module\. .*--allow-empty .*\[EMPTY_INPUT\]$/,
      );
      expect(project.tree('gen')).toEqual(before);
      expect((await generate({ schemas: 'empty', out: 'gen', check: true })).code).toBe(2);
    });

    it('--allow-empty generates from an empty folder on purpose', async () => {
      expect((await generate({ schemas: 'schemas', out: 'gen' })).code).toBe(0);
      const r = await generate({ schemas: 'empty', out: 'gen', allowEmpty: true });
      expect(r.code).toBe(0);
      expect(Object.keys(project.tree('gen'))).toEqual(['index.ts', 'topics.ts']);
    });

    it('refuses a config with neither schemas nor a lock file', async () => {
      project.write({ 'kgen.config.json': { output: 'gen', topics: { logs: { value: 'string' } } } });
      oneLine(
        await generate({}),
        2,
        /no schemas to generate from \(no lock file .*kgen\.lock\.json\).*\[EMPTY_INPUT\]$/,
      );
      expect((await generate({ allowEmpty: true })).code).toBe(0);
    });

    it('names a schema folder that does not exist', async () => {
      oneLine(
        await generate({ schemas: 'nope', out: 'gen' }),
        2,
        /\/nope: schema folder not found \[SCHEMA_DIR_NOT_FOUND\]$/,
      );
    });

    it('spawned CLI: exit 2, one line, nothing removed; --allow-empty goes ahead', () => {
      expect(spawnKgen(project.dir, ['generate', '--schemas', 'schemas', '--out', 'gen']).code).toBe(0);
      const before = project.tree('gen');
      const r = spawnKgen(project.dir, ['generate', '--schemas', 'empty', '--out', 'gen']);
      expect(r.code).toBe(2);
      expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/\[EMPTY_INPUT\]$/)]);
      expect(project.tree('gen')).toEqual(before);
      const allowed = spawnKgen(project.dir, [
        'generate',
        '--schemas',
        'empty',
        '--out',
        'gen',
        '--allow-empty',
      ]);
      expect(allowed.code).toBe(0);
      expect(Object.keys(project.tree('gen'))).toEqual(['index.ts', 'topics.ts']);
    });
  });

  describe('check', () => {
    const check = (args: Parameters<typeof runCheck>[0]) => project.run((io) => runCheck(args, io));

    it('refuses an empty --against folder (it made every schema "new" and the check pass)', async () => {
      oneLine(
        await check({ schemas: 'schemas', against: 'empty' }),
        2,
        /^kgen: empty: no \.avsc, \.avdl or \.proto file in empty; every schema would count as new and pass unchecked\. .*--allow-empty .*\[EMPTY_INPUT\]$/,
      );
      const allowed = await check({ schemas: 'schemas', against: 'empty', allowEmpty: true });
      expect(allowed.code).toBe(0);
    });

    it('refuses an empty --schemas folder, offline and against a registry', async () => {
      oneLine(
        await check({ schemas: 'empty', against: 'schemas' }),
        2,
        /a check of nothing would pass.*\[EMPTY_INPUT\]$/,
      );
      oneLine(
        await check({ schemas: 'empty', registry: UNREACHABLE }),
        2,
        /a check of nothing would pass.*\[EMPTY_INPUT\]$/,
      );
      expect((await check({ schemas: 'empty', against: 'schemas', allowEmpty: true })).code).toBe(0);
    });

    it('refuses a lock file without schemas', async () => {
      project.write({ 'kgen.lock.json': { lockfileVersion: 1, registry: UNREACHABLE, schemas: [] } });
      oneLine(
        await check({ schemas: 'schemas', against: 'kgen.lock.json' }),
        2,
        /the lock file lists no schema.*\[EMPTY_INPUT\]$/,
      );
    });

    it('refuses a git ref without schema files under the folder', async () => {
      const git = (...args: string[]) => execFileSync('git', args, { cwd: project.dir, stdio: 'pipe' });
      git('init', '-q');
      git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '--allow-empty', '-m', 'empty');
      oneLine(await check({ schemas: 'schemas', against: 'HEAD' }), 2, /at git ref "HEAD".*\[EMPTY_INPUT\]$/);
    });

    it('names an --against that does not exist', async () => {
      oneLine(await check({ schemas: 'schemas', against: 'nope' }), 2, /\[AGAINST_NOT_FOUND\]$/);
    });
  });

  describe('register and pull', () => {
    it('register refuses an empty folder and a missing one', async () => {
      const register = (args: Parameters<typeof runRegister>[0]) =>
        project.run((io) => runRegister(args, io));
      oneLine(
        await register({ schemas: 'empty', registry: UNREACHABLE }),
        2,
        /there is nothing to register.*\[EMPTY_INPUT\]$/,
      );
      oneLine(
        await register({ schemas: 'nope', registry: UNREACHABLE }),
        2,
        /schema folder not found \[SCHEMA_DIR_NOT_FOUND\]$/,
      );
      const allowed = await register({
        schemas: 'empty',
        registry: UNREACHABLE,
        allowEmpty: true,
        dryRun: true,
      });
      expect(allowed.code).toBe(0);
    });

    it('pull refuses a config that selects no subject', async () => {
      project.write({ 'kgen.config.json': { registry: { url: UNREACHABLE } } });
      oneLine(await project.run((io) => runPull({}, io)), 2, /no subjects selected.*\[NOTHING_TO_PULL\]$/);
      expect(project.exists('kgen.lock.json')).toBe(false);
    });
  });
});
