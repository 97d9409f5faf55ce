import * as path from 'node:path';
import { findConfigFile, loadConfig } from '../config/load-config';
import type { ResolvedConfig } from '../config/config-types';
import { CodegenError } from '../errors';
import type * as RegistryApi from '../governance/registry-api';
import type { CompatRegistry } from '../governance/registry-api';
import { registryCredentials } from '../registry/registry-credentials';
import { buildSchemaSet } from '../governance/schema-set';
import { readSchemaFolder } from '../schema-folder';

// Loaded only by a command that talks to the registry: its client takes most of a second to load, and
// `check --against` never needs it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const registryApi = (): typeof RegistryApi => require('../governance/registry-api');

/** Options `check` and `register` share. */
export interface SchemaSetArgs {
  /** Config file; by default kgen.config.* in the working folder when `--schemas` is not given. */
  readonly config?: string | undefined;
  /** Folder of local schemas (overrides the config's `schemas`). */
  readonly schemas?: string | undefined;
  /** Registry base URL (overrides the config's `registry.url`). */
  readonly registry?: string | undefined;
  /** `file=subject` overrides. */
  readonly subject?: readonly string[] | undefined;
}

/** The config when one is named, or when no `--schemas` flag is given and one exists in `cwd`. */
export async function optionalConfig(args: SchemaSetArgs, cwd: string): Promise<ResolvedConfig | undefined> {
  if (args.config !== undefined) return loadConfig({ file: args.config, cwd });
  if (args.schemas === undefined && findConfigFile(cwd) !== undefined) return loadConfig({ cwd });
  return undefined;
}

export function schemasDirOf(args: SchemaSetArgs, config: ResolvedConfig | undefined, cwd: string): string {
  if (args.schemas !== undefined) return path.resolve(cwd, args.schemas);
  if (config?.schemaDir) return config.schemaDir;
  throw new CodegenError(
    'CONFIG_INVALID',
    'no schemas: pass --schemas <dir> or set "schemas" in the config',
    {
      ...(config?.configFile ? { file: config.configFile, path: '$.schemas' } : {}),
    },
  );
}

/**
 * File → subject: `--subject file=subject` flags first, then the config's topics (a side naming a `record`
 * maps the local file whose main type has that full name); other files use their base name.
 */
export function subjectOverrides(
  args: SchemaSetArgs,
  config: ResolvedConfig | undefined,
  schemasDir: string,
): Map<string, string> {
  const out = new Map<string, string>();
  if (config) {
    const set = buildSchemaSet(readSchemaFolder(schemasDir));
    for (const topic of config.topics) {
      for (const side of [topic.key, topic.value]) {
        if (side.kind !== 'schema') continue;
        for (const s of side.subjects) {
          const file = s.record ? set.find((x) => x.mainType === s.record)?.file : undefined;
          if (file) out.set(file, s.subject);
        }
      }
    }
  }
  for (const pair of args.subject ?? []) {
    const eq = pair.lastIndexOf('=');
    if (eq <= 0 || eq === pair.length - 1) {
      throw new CodegenError('BAD_FLAG', `--subject expects <file>=<subject>, got "${pair}"`);
    }
    out.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  return out;
}

/** The registry from `--registry` or the config (credentials from the environment variables it names). */
export function registryOf(
  args: SchemaSetArgs,
  config: ResolvedConfig | undefined,
  env: NodeJS.ProcessEnv,
): CompatRegistry {
  if (args.registry !== undefined)
    return new (registryApi().CompatRegistry)(args.registry, undefined, {
      timeoutMs: config?.registry?.timeoutMs,
    });
  const reg = config?.registry;
  if (!reg) {
    throw new CodegenError(
      'CONFIG_INVALID',
      'no registry: pass --registry <url> or set "registry" in the config',
      {
        ...(config?.configFile ? { file: config.configFile, path: '$.registry' } : {}),
      },
    );
  }
  const auth = registryCredentials(reg, env, config?.configFile);
  return new (registryApi().CompatRegistry)(reg.url, auth, { timeoutMs: reg.timeoutMs });
}
