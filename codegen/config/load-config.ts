import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodegenError } from '../errors';
import type { ResolvedConfig } from './config-types';
import { parseJson } from './parse-json';
import { resolveConfig } from './resolve-config';

/** Looked for, in this order, when no path is given. */
export const CONFIG_FILE_NAMES = [
  'kgen.config.json',
  'kgen.config.mjs',
  'kgen.config.cjs',
  'kgen.config.ts',
] as const;

export interface LoadConfigOptions {
  /** Config file path; when omitted, the first of `CONFIG_FILE_NAMES` found in `cwd`. */
  readonly file?: string;
  /** Folder to search and to resolve `file` against. Default `process.cwd()`. */
  readonly cwd?: string;
}

/** The config file to use, or undefined when none exists (flag-only mode). */
export function findConfigFile(cwd: string): string | undefined {
  return CONFIG_FILE_NAMES.map((n) => path.join(cwd, n)).find((f) => fs.existsSync(f));
}

/** Reads, validates and resolves a config file. Throws `CodegenError` naming the file and JSON path. */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<ResolvedConfig> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const file = options.file !== undefined ? path.resolve(cwd, options.file) : findConfigFile(cwd);
  if (file === undefined)
    throw new CodegenError('CONFIG_NOT_FOUND', `no config file (${CONFIG_FILE_NAMES.join(', ')}) in ${cwd}`);
  const raw = await readConfigValue(file);
  return resolveConfig(raw, { file, rootDir: path.dirname(file) });
}

async function readConfigValue(file: string): Promise<unknown> {
  const ext = path.extname(file);
  if (!fs.existsSync(file)) throw new CodegenError('CONFIG_NOT_FOUND', 'config file not found', { file });
  try {
    if (ext === '.json') return parseJson(fs.readFileSync(file, 'utf8'), file);
    if (ext === '.cjs') return defaultExport(createRequire(file)(file));
    if (ext === '.mjs' || ext === '.js') return defaultExport(await import(pathToFileURL(file).href));
    if (ext === '.ts' || ext === '.mts' || ext === '.cts') return defaultExport(loadTypeScript(file));
  } catch (err) {
    if (err instanceof CodegenError) throw err;
    throw new CodegenError(
      'CONFIG_LOAD',
      `cannot load config: ${(err as Error).message}`,
      { file },
      { cause: err },
    );
  }
  throw new CodegenError('CONFIG_LOAD', `unsupported config file extension "${ext}"`, { file });
}

/** `.ts` configs go through tsx's CommonJS API when tsx is installed (kgen does not depend on it). */
function loadTypeScript(file: string): unknown {
  type TsxApi = { require: (id: string, from: string) => unknown };
  // The project's own tsx first, then the one next to kgen.
  for (const from of [file, __filename]) {
    let api: TsxApi;
    try {
      api = createRequire(from)('tsx/cjs/api') as TsxApi;
    } catch {
      continue;
    }
    return api.require(file, __filename);
  }
  throw new CodegenError('CONFIG_LOAD', 'a .ts config needs the "tsx" package installed; use .json or .mjs', {
    file,
  });
}

function defaultExport(mod: unknown): unknown {
  if (typeof mod === 'object' && mod !== null && 'default' in mod) {
    const inner = (mod as { default: unknown }).default;
    // A CommonJS-compiled module may wrap its default export twice.
    return typeof inner === 'object' && inner !== null && 'default' in inner
      ? (inner as { default: unknown }).default
      : inner;
  }
  return mod;
}
