import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CodegenError } from '../errors';
import type { GeneratedFile } from '../model';

/** Files that differ between a folder and what would be written to it (paths relative, sorted). */
export interface FolderDiff {
  /** Would be created. */
  readonly added: readonly string[];
  /** Exist with other content. */
  readonly changed: readonly string[];
  /** Exist but would no longer be generated. */
  readonly removed: readonly string[];
}

export function isEmptyDiff(diff: FolderDiff): boolean {
  return diff.added.length + diff.changed.length + diff.removed.length === 0;
}

/** Every file under `dir`, relative with forward slashes, sorted; empty when `dir` does not exist. */
export function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else out.push(child);
    }
  };
  walk('');
  return out.sort();
}

/** Compares the folder with the files that would be written. */
export function diffFolder(dir: string, files: readonly GeneratedFile[]): FolderDiff {
  const onDisk = new Set(listFiles(dir));
  const added: string[] = [];
  const changed: string[] = [];
  for (const f of files) {
    if (!onDisk.has(f.path)) added.push(f.path);
    else if (fs.readFileSync(path.join(dir, f.path), 'utf8') !== f.content) changed.push(f.path);
    onDisk.delete(f.path);
  }
  return { added: added.sort(), changed: changed.sort(), removed: [...onDisk].sort() };
}

export interface ReplaceFolderOptions {
  /**
   * Whether an existing file may be replaced or deleted. The folder is swapped as a whole, so a file kgen did
   * not write (say, a hand-written module in the output folder) stops the write before anything changes.
   */
  readonly isOwned: (relativePath: string, content: string) => boolean;
  /** What the folder is, for the error message (e.g. "output folder"). */
  readonly label: string;
}

/**
 * Replaces `dir` with exactly `files`: everything is written to a fresh sibling folder first, which is then
 * swapped in with two renames. Any failure before the swap leaves the previous folder untouched. Returns the
 * diff; an unchanged folder is left alone (timestamps kept).
 */
export function replaceFolder(
  dir: string,
  files: readonly GeneratedFile[],
  options: ReplaceFolderOptions,
): FolderDiff {
  const target = path.resolve(dir);
  checkPaths(files);
  for (const rel of listFiles(target)) {
    if (!options.isOwned(rel, fs.readFileSync(path.join(target, rel), 'utf8')))
      throw new CodegenError(
        'OUTPUT_NOT_OWNED',
        `${options.label} contains ${rel}, which kgen did not write; refusing to replace the folder (move the file or choose another folder)`,
        { file: target },
      );
  }
  const diff = diffFolder(target, files);
  if (isEmptyDiff(diff) && fs.existsSync(target)) return diff;

  const parent = path.dirname(target);
  const base = path.basename(target);
  const suffix = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const staging = path.join(parent, `.${base}.kgen-new-${suffix}`);
  const previous = path.join(parent, `.${base}.kgen-old-${suffix}`);
  fs.mkdirSync(parent, { recursive: true });
  try {
    fs.mkdirSync(staging);
    for (const f of files) {
      const file = path.join(staging, f.path);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, f.content);
    }
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw new CodegenError(
      'WRITE_FAILED',
      `cannot write ${options.label}: ${(err as Error).message}`,
      {
        file: target,
      },
      { cause: err },
    );
  }
  const hadPrevious = fs.existsSync(target);
  if (hadPrevious) fs.renameSync(target, previous);
  try {
    fs.renameSync(staging, target);
  } catch (err) {
    if (hadPrevious) fs.renameSync(previous, target);
    fs.rmSync(staging, { recursive: true, force: true });
    throw new CodegenError(
      'WRITE_FAILED',
      `cannot replace ${options.label}: ${(err as Error).message}`,
      {
        file: target,
      },
      { cause: err },
    );
  }
  if (hadPrevious) fs.rmSync(previous, { recursive: true, force: true });
  return diff;
}

/** Writes one file via a temporary sibling and a rename, so readers never see half a file. */
export function writeFileAtomic(file: string, content: string): void {
  const tmp = `${file}.kgen-${process.pid}-${randomBytes(4).toString('hex')}`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    fs.writeFileSync(tmp, content);
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw new CodegenError(
      'WRITE_FAILED',
      `cannot write: ${(err as Error).message}`,
      { file },
      { cause: err },
    );
  }
}

/** Relative, normalized, unique paths only: a generator bug must not write outside the folder. */
function checkPaths(files: readonly GeneratedFile[]): void {
  const seen = new Set<string>();
  for (const f of files) {
    const normal = path.posix.normalize(f.path);
    if (
      normal !== f.path ||
      path.posix.isAbsolute(f.path) ||
      normal.startsWith('../') ||
      f.path.includes('\\')
    )
      throw new CodegenError(
        'INVALID_OUTPUT_PATH',
        `generated file path "${f.path}" is not a clean relative path`,
      );
    if (seen.has(f.path))
      throw new CodegenError('DUPLICATE_OUTPUT', `two generated files have the same path "${f.path}"`);
    seen.add(f.path);
  }
}
