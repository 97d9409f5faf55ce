import * as path from 'node:path';
import type { ResolvedConfig } from '../config/config-types';
import { GENERATED_MARKER } from '../emit/header';
import { diffFolder, replaceFolder, type FolderDiff } from '../emit/atomic-write';
import type { GeneratedFile, SourceSchema } from '../model';
import type { ResolvedImportExtension } from '../emit/import-extension';
import { checkLockCoversConfig } from './bind-topics';
import { detectImportExtension } from './detect-import-extension';
import { formatGenerators } from './format-generators';
import { generate, type BoundGenerator, type GenerateResult } from './generate';
import { NO_SCHEMA_FILES, refuseEmptyInput } from '../empty-input';
import { readLocalSchemas, readLockedSchemas } from './read-sources';

export interface GenerateProjectOptions {
  /** Read pulled schemas via the lock file (default true; flag-only mode reads local files only). */
  readonly useLock?: boolean;
  /** Replace the format generators (tests, custom formats). */
  readonly generators?: Partial<Record<SourceSchema['format'], BoundGenerator>>;
  /** Generate even when no schema is found (the output then holds only an empty topic map and index). */
  readonly allowEmpty?: boolean;
}

/**
 * Reads the sources a config names (local schema folder and/or pulled schemas + lock) and generates every
 * output file in memory. Nothing is written; see `writeGenerated` / `checkGenerated`.
 */
export function generateProject(
  config: ResolvedConfig,
  options: GenerateProjectOptions = {},
): GenerateResult {
  const sources: SourceSchema[] = [];
  const shown = new Map<string, string>();
  const rel = (abs: string): string => posixRelative(config.rootDir, abs);
  const looked: string[] = [];
  if (options.useLock ?? true) {
    const locked = readLockedSchemas(config.lockFile, config.pullDir);
    looked.push(`${locked ? 'no schema in' : 'no'} lock file ${config.lockFile}`);
    if (locked) {
      checkLockCoversConfig(config.subjects, locked.lock, config.lockFile);
      for (const s of locked.sources) {
        const entry = locked.lock.schemas.find((l) => l.subject === s.subject && l.version === s.version);
        shown.set(s.path, rel(path.join(config.pullDir, entry?.file ?? s.path)));
        sources.push(s);
      }
    }
  }
  if (config.schemaDir !== undefined) {
    looked.push(`${NO_SCHEMA_FILES} in ${config.schemaDir}`);
    for (const s of readLocalSchemas(config.schemaDir, [config.pullDir, config.outDir])) {
      shown.set(s.path, rel(path.join(config.schemaDir, s.path)));
      sources.push(s);
    }
  }
  if (sources.length === 0) {
    refuseEmptyInput(
      `no schemas to generate from (${looked.join(', ')})`,
      `generating would leave ${config.outDir} without any schema module`,
      { file: config.schemaDir ?? config.configFile ?? config.rootDir },
      options.allowEmpty,
    );
  }
  // Generated text depends on the inputs only, never on where kgen ran: the config file by its name, or in
  // flag-only mode (rootDir = the working folder) the schema folder as seen from the output folder.
  const headerSources = [
    config.configFile
      ? path.basename(config.configFile)
      : posixRelative(config.outDir, config.schemaDir ?? config.rootDir),
  ];
  return generate({
    sources,
    topics: config.topics,
    generators: options.generators ?? formatGenerators(config),
    ...(config.configFile !== undefined ? { configFile: config.configFile } : {}),
    headerSources,
    displayPath: (p) => shown.get(p) ?? p,
    importExtension: resolveImportExtension(config),
  });
}

/** The config's (or `--import-extension`'s) choice, or the one the project around the output folder implies. */
export function resolveImportExtension(config: ResolvedConfig): ResolvedImportExtension {
  return config.importExtension === 'auto'
    ? detectImportExtension(config.outDir)
    : { extension: config.importExtension, reason: 'explicit' };
}

function posixRelative(from: string, to: string): string {
  return path.relative(from, to).split(path.sep).join('/') || '.';
}

/** Only files kgen generated (they start with its marker) may be replaced or removed. */
function isGenerated(_path: string, content: string): boolean {
  return content.startsWith(GENERATED_MARKER);
}

/** Writes the output folder atomically (see `replaceFolder`); returns what changed. */
export function writeGenerated(outDir: string, files: readonly GeneratedFile[]): FolderDiff {
  return replaceFolder(outDir, files, { isOwned: isGenerated, label: `output folder ${outDir}` });
}

/** What `writeGenerated` would change; all lists empty when the output is up to date. */
export function checkGenerated(outDir: string, files: readonly GeneratedFile[]): FolderDiff {
  return diffFolder(outDir, files);
}
