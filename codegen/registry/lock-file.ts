import { createHash } from 'node:crypto';
import { CodegenError } from '../errors';
import { ConfigNode } from '../config/config-node';
import { parseJson } from '../config/parse-json';
import type { RegistryReference } from './registry-reference';

/** One pulled schema version, pinned. */
export interface LockedSchema {
  readonly subject: string;
  readonly version: number;
  readonly id: number;
  readonly schemaType: 'AVRO' | 'PROTOBUF' | 'JSON';
  /** `sha256:<hex>` of the schema text exactly as stored in `file`. */
  readonly fingerprint: string;
  /** Path of the schema text relative to the pull folder, forward slashes. */
  readonly file: string;
  readonly references: readonly RegistryReference[];
  /** True when the config selected this subject (false when pulled only because another schema references it). */
  readonly root: boolean;
}

/** `kgen.lock.json`: what `kgen pull` fetched, so `kgen generate` is reproducible offline. */
export interface LockFile {
  readonly lockfileVersion: 1;
  /** Registry base URL the schemas came from (never with credentials). */
  readonly registry: string;
  /** Sorted by subject, then version. */
  readonly schemas: readonly LockedSchema[];
}

export function fingerprint(text: string): string {
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}

/** Stable text: sorted entries, fixed key order, trailing newline. */
export function serializeLockFile(lock: LockFile): string {
  const schemas = [...lock.schemas]
    .sort((a, b) => compare(a.subject, b.subject) || a.version - b.version)
    .map((s) => ({
      subject: s.subject,
      version: s.version,
      id: s.id,
      schemaType: s.schemaType,
      fingerprint: s.fingerprint,
      file: s.file,
      root: s.root,
      references: [...s.references]
        .sort((a, b) => compare(a.name, b.name))
        .map((r) => ({ name: r.name, subject: r.subject, version: r.version })),
    }));
  return `${JSON.stringify({ lockfileVersion: 1, registry: lock.registry, schemas }, null, 2)}\n`;
}

/** Parses and validates a lock file; errors name the file and JSON path. */
export function parseLockFile(text: string, file: string): LockFile {
  const root = new ConfigNode(parseJson(text, file), '$', file);
  const get = root.object(['lockfileVersion', 'registry', 'schemas']);
  if (get('lockfileVersion').value !== 1)
    get('lockfileVersion').fail(
      `unsupported lock file version ${JSON.stringify(get('lockfileVersion').value)}`,
    );
  const schemas = get('schemas')
    .array()
    .map((node): LockedSchema => {
      const s = node.object([
        'subject',
        'version',
        'id',
        'schemaType',
        'fingerprint',
        'file',
        'root',
        'references',
      ]);
      const fp = s('fingerprint').string();
      if (!/^sha256:[0-9a-f]{64}$/.test(fp)) s('fingerprint').fail('expected "sha256:<64 hex digits>"');
      return {
        subject: s('subject').string(),
        version: s('version').positiveInteger(),
        id: nonNegativeInteger(s('id')),
        schemaType: s('schemaType').oneOf(['AVRO', 'PROTOBUF', 'JSON'] as const),
        fingerprint: fp,
        file: s('file').string(),
        root: boolean(s('root')),
        references: s('references')
          .array()
          .map((r) => {
            const ref = r.object(['name', 'subject', 'version']);
            return {
              name: ref('name').string(),
              subject: ref('subject').string(),
              version: ref('version').positiveInteger(),
            };
          }),
      };
    });
  const lock: LockFile = { lockfileVersion: 1, registry: get('registry').string(), schemas };
  checkReferencesLocked(lock, file);
  return lock;
}

function boolean(node: ConfigNode): boolean {
  if (typeof node.value !== 'boolean') node.fail(`expected true or false, got ${JSON.stringify(node.value)}`);
  return node.value;
}

function nonNegativeInteger(node: ConfigNode): number {
  const v = node.value;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
    node.fail(`expected an id, got ${JSON.stringify(v)}`);
  return v;
}

/** Every reference must point at a locked entry, or generation would need the registry. */
function checkReferencesLocked(lock: LockFile, file: string): void {
  const have = new Set(lock.schemas.map((s) => `${s.subject}@${s.version}`));
  lock.schemas.forEach((s, i) => {
    s.references.forEach((r, j) => {
      if (!have.has(`${r.subject}@${r.version}`))
        throw new CodegenError(
          'MISSING_REFERENCE',
          `reference "${r.name}" points at subject "${r.subject}" version ${r.version}, which is not in the lock file (run kgen pull)`,
          { file, subject: s.subject, path: `$.schemas[${i}].references[${j}]` },
        );
    });
  });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
