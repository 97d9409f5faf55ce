import * as path from 'node:path';
import type { ResolvedRegistry } from '../config/config-types';
import { loadConfig } from '../config/load-config';
import { CodegenError, ExitCode } from '../errors';
import { runCommand, type CommandIo } from './command-io';
import { pull } from '../registry/pull';
import { createRegistryReader } from '../registry/registry-reader';
import { writePull } from '../registry/write-pull';

export interface PullArgs {
  /** Config file (default: kgen.config.{json,mjs,cjs,ts} in the working folder). */
  readonly config?: string | undefined;
  /** Registry base URL overriding the config's `registry.url` (its auth and timeouts still apply). */
  readonly registry?: string | undefined;
}

/** `kgen pull`; returns the exit code. */
export async function runPull(args: PullArgs, io: CommandIo): Promise<number> {
  return runCommand(io, async () => {
    const config = await loadConfig({
      ...(args.config !== undefined ? { file: args.config } : {}),
      cwd: io.cwd,
    });
    // --registry replaces only the URL: a config's auth and timeout still apply (else none and 10 s, its defaults).
    const registry: ResolvedRegistry | undefined =
      args.registry !== undefined
        ? { auth: { type: 'none' }, timeoutMs: 10_000, ...config.registry, url: args.registry }
        : config.registry;
    if (!registry)
      throw new CodegenError(
        'CONFIG_INVALID',
        'kgen pull needs --registry <url> or "registry": { "url": ... } in the config',
        {
          ...(config.configFile !== undefined ? { file: config.configFile } : {}),
          path: '$.registry',
        },
      );
    const reader = createRegistryReader(registry, io.env, config.configFile);
    const result = await pull(config, reader, { onProgress: (line) => io.stderr(`kgen pull: ${line}`) });
    writePull(config, result);
    io.stderr(
      `kgen pull: wrote ${result.files.length} schema(s) to ${path.relative(io.cwd, config.pullDir) || '.'} and ${path.relative(io.cwd, config.lockFile)}`,
    );
    return ExitCode.ok;
  });
}
