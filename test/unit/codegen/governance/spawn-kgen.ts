import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const repo = path.resolve(__dirname, '../../../..');
const tsx = path.join(repo, 'node_modules/.bin/tsx');
const main = path.join(repo, 'codegen/cli/main.ts');

export const FIXTURES = path.join(repo, 'test/fixtures/compat');

/** Runs the real CLI (`tsx codegen/cli/main.ts ...`) in `cwd`: exit code and both streams as a user sees them. */
export function spawnKgen(
  cwd: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(tsx, [main, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, FORCE_COLOR: '0', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
