import * as fs from 'node:fs';
import * as path from 'node:path';
import { CodegenError } from '../errors';
import type { SourceSchema } from '../model';
import { fingerprint, parseLockFile, type LockedSchema, type LockFile } from '../registry/lock-file';
import { pulledSchemaPath } from '../registry/schema-paths';
import { readSchemaFolder } from '../schema-folder';

/**
 * Every `.avsc`/`.avdl`/`.proto` file under `dir` as generator sources (see readSchemaFolder). Folders in
 * `exclude` (absolute) are skipped, so a pull folder inside the schema folder is not read twice.
 */
export function readLocalSchemas(dir: string, exclude: readonly string[] = []): SourceSchema[] {
  return readSchemaFolder(dir, exclude).map(({ format, path: file, text }) => ({
    format,
    path: file,
    text,
    references: [],
  }));
}

/** Pulled schemas per the lock file, each checked against its fingerprint; undefined when there is no lock. */
export function readLockedSchemas(
  lockFile: string,
  pullDir: string,
): { lock: LockFile; sources: SourceSchema[] } | undefined {
  if (!fs.existsSync(lockFile)) return undefined;
  const lock = parseLockFile(fs.readFileSync(lockFile, 'utf8'), lockFile);
  // Protobuf imports resolve by path: a referenced file takes the name its importers use.
  const importName = new Map<string, string>();
  for (const s of lock.schemas)
    for (const r of s.references) {
      const k = `${r.subject}@${r.version}`;
      const prev = importName.get(k);
      if (prev === undefined || r.name < prev) importName.set(k, r.name);
    }
  const versions = new Map<string, number>();
  for (const s of lock.schemas) versions.set(s.subject, (versions.get(s.subject) ?? 0) + 1);
  const sources = lock.schemas.map((s): SourceSchema => {
    const file = path.join(pullDir, s.file);
    if (!fs.existsSync(file))
      throw new CodegenError(
        'LOCKED_SCHEMA_MISSING',
        `schema file ${s.file} listed in the lock file is missing (run kgen pull)`,
        {
          file: lockFile,
          subject: s.subject,
        },
      );
    const text = fs.readFileSync(file, 'utf8');
    if (fingerprint(text) !== s.fingerprint)
      throw new CodegenError(
        'LOCK_MISMATCH',
        `schema file does not match the fingerprint in ${path.basename(lockFile)} (edited after pull? run kgen pull)`,
        { file, subject: s.subject },
      );
    const named = s.schemaType === 'PROTOBUF' ? importName.get(`${s.subject}@${s.version}`) : undefined;
    return {
      format: s.schemaType,
      path: named ?? moduleSource(s, versions.get(s.subject) ?? 1),
      text,
      subject: s.subject,
      version: s.version,
      id: s.id,
      references: s.references,
    };
  });
  return { lock, sources };
}

/**
 * The source path a pulled schema is generated from, which names its module: `<subject>.avsc` when the lock
 * holds one version of the subject, `<subject>.v<version>.avsc` when it holds several.
 */
function moduleSource(s: LockedSchema, versionsOfSubject: number): string {
  const file = pulledSchemaPath(s.subject, s.version, s.schemaType); // `<escaped subject>/v<n>.<ext>`
  const slash = file.lastIndexOf('/');
  const subject = file.slice(0, slash);
  const ext = file.slice(file.lastIndexOf('.'));
  return versionsOfSubject > 1 ? `${subject}.v${s.version}${ext}` : `${subject}${ext}`;
}
