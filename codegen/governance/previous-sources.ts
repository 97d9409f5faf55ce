import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { CodegenError } from '../errors';
import { NO_SCHEMA_FILES, refuseEmptyInput } from '../empty-input';
import { parseLockFile, type LockedSchema } from '../registry/lock-file';
import type { SchemaText } from './parse-schema';
import { GOVERNED_EXTENSIONS, readSchemaFolder } from '../schema-folder';
import { buildSchemaSet, transitiveDeps, type LocalSchema } from './schema-set';

/** One previous version of a schema, as text with its references. */
export interface PreviousText {
  readonly label: string;
  readonly schema: SchemaText;
}

/** Where `--against` points. */
export type AgainstSource =
  | { readonly kind: 'folder'; readonly dir: string; readonly shown: string }
  | { readonly kind: 'lock'; readonly file: string; readonly pullDir: string }
  | { readonly kind: 'git'; readonly ref: string };

function git(args: readonly string[], cwd: string): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 << 20,
  });
}

/**
 * `--against`: an existing folder, a lock file (`*.json`), or a git ref (`git:<ref>` or any ref git resolves).
 * Paths are relative to `cwd` (the command's working folder, not necessarily the process's).
 */
export function resolveAgainst(
  spec: string,
  schemasDir: string,
  pullDir?: string,
  cwd: string = process.cwd(),
): AgainstSource {
  if (spec.startsWith('git:')) return { kind: 'git', ref: spec.slice(4) };
  const abs = resolve(cwd, spec);
  if (existsSync(abs)) {
    if (statSync(abs).isDirectory()) return { kind: 'folder', dir: abs, shown: spec };
    const defaultPull = join(dirname(abs), 'kgen-schemas');
    return {
      kind: 'lock',
      file: abs,
      pullDir:
        pullDir !== undefined ? resolve(cwd, pullDir) : existsSync(defaultPull) ? defaultPull : dirname(abs),
    };
  }
  try {
    git(['rev-parse', '--verify', '--quiet', `${spec}^{commit}`], schemasDir);
    return { kind: 'git', ref: spec };
  } catch {
    throw new CodegenError(
      'AGAINST_NOT_FOUND',
      `--against "${spec}" is neither a folder, a lock file nor a git ref`,
      {
        file: spec,
      },
    );
  }
}

function textOf(s: LocalSchema, set: readonly LocalSchema[]): SchemaText {
  return {
    format: s.format,
    text: s.text,
    references: transitiveDeps(s, set).map((d) => [d.file, d.text] as const),
  };
}

/** The new side: each local schema's text with its references from the same set. */
export function localSchemaText(s: LocalSchema, set: readonly LocalSchema[]): SchemaText {
  return textOf(s, set);
}

/** Schema files under `dir` as they are at git `ref`. */
function readGitDir(ref: string, dir: string): Array<{ path: string; text: string }> {
  const absDir = resolve(dir);
  let top: string;
  try {
    top = git(['rev-parse', '--show-toplevel'], absDir).trim();
  } catch (err) {
    throw new CodegenError(
      'AGAINST_NOT_FOUND',
      `${dir} is not inside a git work tree`,
      { file: dir },
      { cause: err },
    );
  }
  const prefix = relative(top, absDir).split(sep).join('/');
  let listing: string;
  try {
    listing = git(['ls-tree', '-r', '--name-only', ref, '--', prefix || '.'], top);
  } catch (err) {
    throw new CodegenError('AGAINST_NOT_FOUND', `git ref "${ref}" not found`, { file: dir }, { cause: err });
  }
  return listing
    .split('\n')
    .filter((p) => p && GOVERNED_EXTENSIONS[extname(p)])
    .map((p) => ({
      path: prefix ? p.slice(prefix.length + 1) : p,
      text: git(['show', `${ref}:${p}`], top),
    }));
}

type LockEntry = LockedSchema;

/** The lock's entries, validated by the one lock-file reader `generate` uses too (errors name file and path). */
function readLock(file: string): readonly LockEntry[] {
  return parseLockFile(readFileSync(file, 'utf8'), file).schemas;
}

/** Lock-file versions of a subject (oldest first), each with its references resolved from the lock. */
function lockVersions(
  entries: readonly LockEntry[],
  subject: string,
  pullDir: string,
  lockFile: string,
): PreviousText[] {
  const read = (e: LockEntry): string => {
    const p = join(pullDir, e.file);
    if (!existsSync(p))
      throw new CodegenError('LOCK_FILE', `schema file ${e.file} of ${e.subject} v${e.version} is missing`, {
        file: lockFile,
      });
    return readFileSync(p, 'utf8');
  };
  const refsOf = (e: LockEntry, seen: Set<string>): Array<readonly [string, string]> => {
    const out: Array<readonly [string, string]> = [];
    for (const r of e.references) {
      const key = `${r.subject}@${r.version}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const dep = entries.find((x) => x.subject === r.subject && x.version === r.version);
      if (!dep) {
        throw new CodegenError(
          'MISSING_REFERENCE',
          `reference ${r.name} → ${r.subject} v${r.version} is not in the lock file`,
          {
            file: lockFile,
            subject: e.subject,
          },
        );
      }
      out.push(...refsOf(dep, seen), [r.name, read(dep)]);
    }
    return out;
  };
  return entries
    .filter((e) => e.subject === subject)
    .sort((a, b) => a.version - b.version)
    .map((e) => ({
      label: `${subject} v${e.version}`,
      schema: { format: e.schemaType, text: read(e), references: refsOf(e, new Set()) },
    }));
}

/** Previous versions for every new schema (by file); a file without a counterpart gets none. */
export function loadPrevious(
  source: AgainstSource,
  next: readonly LocalSchema[],
  schemasDir: string,
  subjects: ReadonlyMap<string, string>,
  allowEmpty?: boolean,
): Map<string, PreviousText[]> {
  const out = new Map<string, PreviousText[]>();
  // An empty previous side makes every schema "new", so the check would pass without comparing anything.
  const refuse = (what: string, file: string): void =>
    refuseEmptyInput(what, 'every schema would count as new and pass unchecked', { file }, allowEmpty);
  if (source.kind === 'lock') {
    const entries = readLock(source.file);
    if (entries.length === 0) refuse('the lock file lists no schema', source.file);
    for (const s of next) out.set(s.file, lockVersions(entries, s.subject, source.pullDir, source.file));
    return out;
  }
  const files =
    source.kind === 'folder'
      ? readSchemaFolder(source.dir, [], GOVERNED_EXTENSIONS)
      : readGitDir(source.ref, schemasDir);
  if (files.length === 0 && source.kind === 'folder')
    refuse(`${NO_SCHEMA_FILES} in ${source.shown}`, source.shown);
  if (files.length === 0 && source.kind === 'git')
    refuse(`${NO_SCHEMA_FILES} under ${schemasDir} at git ref "${source.ref}"`, schemasDir);
  const old = buildSchemaSet(files, subjects);
  const label = (f: string): string =>
    source.kind === 'folder' ? join(source.shown, f) : `${source.ref}:${f}`;
  for (const s of next) {
    const prev = old.find((o) => o.file === s.file);
    out.set(s.file, prev ? [{ label: label(prev.file), schema: textOf(prev, old) }] : []);
  }
  return out;
}
