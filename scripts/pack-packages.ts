/**
 * Builds and packs the two published packages from this one tree:
 * - `kgen`: the runtime SDK (`dist/src`), with only the runtime's dependencies (the root package.json);
 * - `kgen-cli`: the `kgen` command and codegen API (`dist/codegen` plus the `dist/src` modules it shares),
 *   with the manifest in `packages/kgen-cli/package.json`.
 * Usage: `npm run pack:packages -- [out folder, default dist/packages]`. Prints the tarball paths.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const repo = path.resolve(__dirname, '..');

export interface PackedPackages {
  /** Tarball of the runtime package `kgen`. */
  readonly runtime: string;
  /** Tarball of `kgen-cli`. */
  readonly cli: string;
}

/** Cleans `dist/`, builds, and writes both tarballs to `outDir`. */
export function packPackages(outDir: string): PackedPackages {
  // A clean build: files of deleted sources must not ship.
  fs.rmSync(path.join(repo, 'dist'), { recursive: true, force: true });
  run('npm', ['run', '-s', 'build'], repo);
  fs.mkdirSync(outDir, { recursive: true });
  const runtime = npmPack(repo, outDir);
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'kgen-cli-stage-'));
  try {
    for (const file of ['package.json', 'README.md'])
      fs.copyFileSync(path.join(repo, 'packages/kgen-cli', file), path.join(stage, file));
    for (const dir of ['bin', 'dist/src', 'dist/codegen'])
      fs.cpSync(path.join(repo, dir), path.join(stage, dir), { recursive: true });
    return { runtime, cli: npmPack(stage, outDir) };
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

function npmPack(dir: string, outDir: string): string {
  const out = run('npm', ['pack', '--json', '--pack-destination', path.resolve(outDir)], dir);
  const [info] = JSON.parse(out) as Array<{ filename: string }>;
  return path.resolve(outDir, info!.filename);
}

function run(command: string, args: readonly string[], cwd: string): string {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (r.status !== 0)
    throw new Error(`${command} ${args.join(' ')} in ${cwd} failed (${r.status}):\n${r.stderr}${r.stdout}`);
  return r.stdout;
}

if (require.main === module) {
  const packed = packPackages(path.resolve(process.argv[2] ?? path.join(repo, 'dist/packages')));
  console.log(packed.runtime);
  console.log(packed.cli);
}
