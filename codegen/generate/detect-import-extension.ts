import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { ImportExtension, ResolvedImportExtension } from '../emit/import-extension';
import { CodegenError } from '../errors';
import { parseJsonc } from './jsonc';

/** What decides the import extension, read from the project around the output folder. */
export interface ProjectModuleSettings {
  /** `"type"` of the nearest package.json (`commonjs` when absent or when there is none). */
  readonly packageType: 'module' | 'commonjs';
  /** Whether a tsconfig.json was found. */
  readonly hasTsconfig: boolean;
  /** `compilerOptions.module` / `moduleResolution` of that tsconfig (after `extends`), lower-cased. */
  readonly module?: string;
  readonly moduleResolution?: string;
  /** `allowImportingTsExtensions` or `rewriteRelativeImportExtensions` is on: `.ts` specifiers compile. */
  readonly tsExtensions: boolean;
}

// `module` values that imply `moduleResolution` node16/nodenext when it is not set.
const NODE_MODULES = ['node16', 'node18', 'node20', 'nodenext'];
const NODE_RESOLUTIONS = ['node16', 'nodenext'];

/**
 * The default rule (documented in the README, "Generated code in ES-module projects"):
 * - a CommonJS package (nearest package.json has no `"type": "module"`) → `none`;
 * - an ES-module package whose nearest tsconfig.json resolves like Node (`moduleResolution` node16/nodenext,
 *   or `module` node16/node18/node20/nodenext without one) → `.js`, or `.ts` when that tsconfig allows `.ts`
 *   specifiers (`allowImportingTsExtensions` / `rewriteRelativeImportExtensions`);
 * - an ES-module package without a tsconfig.json (Node runs the output as ES modules) → `.js`;
 * - an ES-module package whose tsconfig uses another resolution (bundler, node10) → `none`.
 */
export function importExtensionFor(settings: ProjectModuleSettings): ResolvedImportExtension {
  const pick = (extension: ImportExtension, why: string): ResolvedImportExtension => ({
    extension,
    reason: `auto: ${why}`,
  });
  if (settings.packageType !== 'module') return pick('none', 'CommonJS package');
  const esm = 'package.json "type": "module"';
  if (!settings.hasTsconfig) return pick('.js', `${esm}, no tsconfig.json`);
  const resolution =
    settings.moduleResolution ??
    (settings.module !== undefined && NODE_MODULES.includes(settings.module) ? settings.module : undefined);
  const nodeLike =
    resolution !== undefined && (NODE_RESOLUTIONS.includes(resolution) || NODE_MODULES.includes(resolution));
  if (!nodeLike) return pick('none', `${esm}, tsconfig.json moduleResolution ${resolution ?? 'default'}`);
  if (settings.tsExtensions)
    return pick('.ts', `${esm}, tsconfig.json ${resolution} with .ts import extensions allowed`);
  return pick('.js', `${esm}, tsconfig.json ${resolution}`);
}

/** Reads the nearest package.json and tsconfig.json at or above `outDir` and applies `importExtensionFor`. */
export function detectImportExtension(outDir: string): ResolvedImportExtension {
  return importExtensionFor(readProjectModuleSettings(outDir));
}

export function readProjectModuleSettings(outDir: string): ProjectModuleSettings {
  const packageJson = findUp(outDir, 'package.json');
  const pkg = packageJson ? readJson(packageJson) : undefined;
  const packageType = isRecord(pkg) && pkg['type'] === 'module' ? 'module' : 'commonjs';
  const tsconfig = findUp(outDir, 'tsconfig.json');
  if (!tsconfig) return { packageType, hasTsconfig: false, tsExtensions: false };
  const options = compilerOptions(tsconfig, new Set());
  const lower = (key: string): string | undefined =>
    typeof options[key] === 'string' ? (options[key] as string).toLowerCase() : undefined;
  const module = lower('module');
  const moduleResolution = lower('moduleResolution');
  return {
    packageType,
    hasTsconfig: true,
    ...(module !== undefined ? { module } : {}),
    ...(moduleResolution !== undefined ? { moduleResolution } : {}),
    tsExtensions:
      options['allowImportingTsExtensions'] === true || options['rewriteRelativeImportExtensions'] === true,
  };
}

function findUp(from: string, name: string): string | undefined {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, name);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** `compilerOptions` of a tsconfig with its `extends` chain applied (later entries and the file itself win). */
function compilerOptions(file: string, seen: Set<string>): Record<string, unknown> {
  if (seen.has(file)) fail(file, 'has an "extends" cycle');
  seen.add(file);
  const config = readJson(file);
  if (!isRecord(config)) fail(file, 'is not a JSON object');
  const bases = config['extends'] === undefined ? [] : [config['extends']].flat();
  let merged: Record<string, unknown> = {};
  for (const base of bases) {
    if (typeof base !== 'string') fail(file, '"extends" must be a string or an array of strings');
    merged = { ...merged, ...compilerOptions(resolveExtends(file, base), seen) };
  }
  const own = config['compilerOptions'];
  return isRecord(own) ? { ...merged, ...own } : merged;
}

function resolveExtends(file: string, base: string): string {
  const dir = path.dirname(file);
  if (base.startsWith('.') || path.isAbsolute(base)) {
    const target = path.resolve(dir, base);
    if (fs.existsSync(target) && fs.statSync(target).isFile()) return target;
    if (fs.existsSync(`${target}.json`)) return `${target}.json`;
    return fail(file, `extends "${base}", which does not exist`);
  }
  const require = createRequire(path.join(dir, 'tsconfig.json'));
  for (const candidate of [base, `${base}/tsconfig.json`, `${base}.json`]) {
    try {
      return require.resolve(candidate);
    } catch {
      // Try the next spelling TypeScript accepts.
    }
  }
  return fail(file, `extends "${base}", which cannot be resolved from ${dir}`);
}

function readJson(file: string): unknown {
  try {
    return parseJsonc(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    return fail(file, `cannot be read: ${(err as Error).message}`);
  }
}

function fail(file: string, what: string): never {
  throw new CodegenError(
    'PROJECT_SETTINGS',
    `${path.basename(file)} ${what} (kgen reads it to choose the import extension; set "importExtension" in the kgen config or pass --import-extension to skip this)`,
    { file },
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
