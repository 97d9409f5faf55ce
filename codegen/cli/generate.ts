import * as path from 'node:path';
import { findConfigFile, loadConfig } from '../config/load-config';
import { resolveConfig } from '../config/resolve-config';
import type { ResolvedConfig } from '../config/config-types';
import { isEmptyDiff } from '../emit/atomic-write';
import type { ImportExtension } from '../emit/import-extension';
import { CodegenError, ExitCode } from '../errors';
import { runCommand, type CommandIo } from './command-io';
import { checkGenerated, generateProject, writeGenerated } from '../generate/generate-project';

export interface GenerateArgs {
  /** Config file (default: kgen.config.{json,mjs,cjs,ts} in the working folder). */
  readonly config?: string | undefined;
  /** Schema folder; overrides the config's `schemas`, or enables flag-only mode without a config. */
  readonly schemas?: string | undefined;
  /** Output folder; overrides the config's `output`. */
  readonly out?: string | undefined;
  /** Compare instead of writing: exit 1 and list the files that differ. */
  readonly check?: boolean | undefined;
  /** Overrides the config's `importExtension` (`none`, `.js`, `.ts` or `auto`). */
  readonly importExtension?: ImportExtension | 'auto' | undefined;
  /** Generate even from an empty schema folder (which removes every module of the previous output). */
  readonly allowEmpty?: boolean | undefined;
}

/** `kgen generate`; returns the exit code. */
export async function runGenerate(args: GenerateArgs, io: CommandIo): Promise<number> {
  return runCommand(io, async () => {
    const found = await configFor(args, io.cwd);
    const flagOnly = found.flagOnly;
    const config =
      args.importExtension !== undefined
        ? { ...found.config, importExtension: args.importExtension }
        : found.config;
    const result = generateProject(config, { useLock: !flagOnly, allowEmpty: args.allowEmpty === true });
    const shown = path.relative(io.cwd, config.outDir) || '.';
    if (args.check) {
      const diff = checkGenerated(config.outDir, result.files);
      if (isEmptyDiff(diff)) {
        io.stderr(`kgen: ${shown} is up to date (${result.files.length} files)`);
        return ExitCode.ok;
      }
      for (const [label, list] of [
        ['added', diff.added],
        ['changed', diff.changed],
        ['removed', diff.removed],
      ] as const)
        for (const f of list) io.stdout(`${label.padEnd(8)}${path.posix.join(shown, f)}`);
      io.stderr(`kgen: ${shown} is out of date; run kgen generate`);
      return ExitCode.drift;
    }
    const diff = writeGenerated(config.outDir, result.files);
    io.stderr(
      `kgen: ${result.files.length} files in ${shown} (${diff.added.length} added, ${diff.changed.length} changed, ${diff.removed.length} removed)`,
    );
    return ExitCode.ok;
  });
}

async function configFor(
  args: GenerateArgs,
  cwd: string,
): Promise<{ config: ResolvedConfig; flagOnly: boolean }> {
  const file = args.config ?? findConfigFile(cwd);
  if (file !== undefined) {
    const loaded = await loadConfig({ file, cwd });
    return {
      config: {
        ...loaded,
        ...(args.schemas !== undefined ? { schemaDir: path.resolve(cwd, args.schemas) } : {}),
        ...(args.out !== undefined ? { outDir: path.resolve(cwd, args.out) } : {}),
      },
      flagOnly: false,
    };
  }
  if (args.schemas === undefined || args.out === undefined)
    throw new CodegenError(
      'CONFIG_NOT_FOUND',
      `no kgen.config.json in ${cwd}: create one, or pass both --schemas <dir> and --out <dir>`,
    );
  // Flag-only mode: local files only, empty topic map (topics need a config).
  return {
    config: resolveConfig({ schemas: args.schemas, output: args.out }, { rootDir: cwd }),
    flagOnly: true,
  };
}
