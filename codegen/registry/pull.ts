import { CodegenError } from '../errors';
import type { ResolvedConfig, VersionPin } from '../config/config-types';
import { fingerprint, type LockFile, type LockedSchema } from './lock-file';
import type { FetchedSchema, RegistryReader } from './registry-reader';
import { pulledSchemaPath } from './schema-paths';

/** Result of a pull, before anything is written: the schema files (relative to the pull folder) and the lock. */
export interface PullResult {
  readonly files: ReadonlyArray<{ readonly path: string; readonly content: string }>;
  readonly lock: LockFile;
}

export interface PullOptions {
  /** Progress lines for humans (the CLI prints them on stderr). */
  readonly onProgress?: (line: string) => void;
  /** Concurrent registry requests. Default 8. */
  readonly concurrency?: number;
}

/**
 * Fetches the selected subjects and, transitively, every schema they reference. Pure apart from the
 * registry reads: returns what to write; `writePull` writes it.
 */
export async function pull(
  config: Pick<ResolvedConfig, 'subjects'>,
  registry: RegistryReader,
  options: PullOptions = {},
): Promise<PullResult> {
  const progress = options.onProgress ?? (() => undefined);
  const roots = await selectRoots(config.subjects, registry, progress);
  const fetched = new Map<string, FetchedSchema>();
  const rootKeys = new Set<string>();
  let done = 0;
  const fetchOne = async (
    subject: string,
    version: VersionPin,
    referencedBy?: { subject: string; name: string },
  ): Promise<FetchedSchema> => {
    try {
      const schema = await registry.getSchema(subject, version);
      done++;
      progress(
        `fetched ${subject} v${schema.version} (id ${schema.id})${referencedBy ? ` ← ${referencedBy.subject}` : ''} [${done}]`,
      );
      return schema;
    } catch (err) {
      if (
        referencedBy &&
        err instanceof CodegenError &&
        (err.code === 'UNKNOWN_SUBJECT' || err.code === 'UNKNOWN_VERSION')
      )
        throw new CodegenError(
          'MISSING_REFERENCE',
          `reference "${referencedBy.name}" → subject "${subject}" version ${version} is not in registry ${registry.url}`,
          { subject: referencedBy.subject },
          { cause: err },
        );
      throw err;
    }
  };

  progress(`pulling ${roots.length} subject(s) from ${registry.url}`);
  let frontier = await pool(roots, options.concurrency ?? 8, (r) => fetchOne(r.subject, r.version));
  for (const s of frontier) {
    rootKeys.add(key(s));
    fetched.set(key(s), s);
  }
  // Breadth-first over references; each subject version is fetched once however often it is referenced.
  while (frontier.length > 0) {
    const wanted = new Map<
      string,
      { subject: string; version: number; by: { subject: string; name: string } }
    >();
    for (const s of frontier)
      for (const r of s.references) {
        const k = `${r.subject}@${r.version}`;
        if (!fetched.has(k) && !wanted.has(k))
          wanted.set(k, { subject: r.subject, version: r.version, by: { subject: s.subject, name: r.name } });
      }
    frontier = await pool([...wanted.values()], options.concurrency ?? 8, (w) =>
      fetchOne(w.subject, w.version, w.by),
    );
    for (const s of frontier) fetched.set(key(s), s);
  }

  const schemas: LockedSchema[] = [...fetched.values()].map((s) => ({
    subject: s.subject,
    version: s.version,
    id: s.id,
    schemaType: s.schemaType,
    fingerprint: fingerprint(s.schema),
    file: pulledSchemaPath(s.subject, s.version, s.schemaType),
    references: s.references,
    root: rootKeys.has(key(s)),
  }));
  const files = [...fetched.values()]
    .map((s) => ({ path: pulledSchemaPath(s.subject, s.version, s.schemaType), content: s.schema }))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
  progress(
    `pulled ${schemas.length} schema(s) (${rootKeys.size} selected, ${schemas.length - rootKeys.size} by reference)`,
  );
  return { files, lock: { lockfileVersion: 1, registry: registry.url, schemas } };
}

async function selectRoots(
  selectors: ResolvedConfig['subjects'],
  registry: RegistryReader,
  progress: (line: string) => void,
): Promise<Array<{ subject: string; version: VersionPin }>> {
  const roots = new Map<string, VersionPin>();
  for (const s of selectors)
    if (s.kind === 'subject' && !roots.has(s.subject)) roots.set(s.subject, s.version);
  const patterns = selectors.filter((s) => s.kind === 'pattern');
  if (patterns.length > 0) {
    const all = (await registry.listSubjects()).sort();
    progress(`registry has ${all.length} subject(s)`);
    for (const p of patterns) {
      const re = new RegExp(p.pattern);
      const matched = all.filter((subject) => re.test(subject));
      if (matched.length === 0)
        throw new CodegenError(
          'UNKNOWN_SUBJECT',
          `pattern /${p.pattern}/ matches no subject in registry ${registry.url}`,
        );
      for (const subject of matched) if (!roots.has(subject)) roots.set(subject, 'latest');
    }
  }
  if (roots.size === 0)
    throw new CodegenError(
      'NOTHING_TO_PULL',
      'no subjects selected: add "subjects" or "topics" to the config',
    );
  return [...roots].map(([subject, version]) => ({ subject, version }));
}

function key(s: { subject: string; version: number }): string {
  return `${s.subject}@${s.version}`;
}

/** Maps with at most `limit` calls in flight; results keep input order. */
async function pool<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
