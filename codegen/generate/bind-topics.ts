import { childPath } from '../config/config-node';
import { CodegenError } from '../errors';
import type { ResolvedTopic, ResolvedTopicSide } from '../config/config-types';
import type { EmittedSchema } from '../model';
import type { LockFile } from '../registry/lock-file';
import type { BoundSide, BoundTopic } from '../emit/topic-map';

/**
 * Links each configured topic side to the descriptor a generator emitted for it: by subject (pulled
 * schemas), or by record full name (record strategies, and local files, which have no subject).
 */
export function bindTopics(
  topics: readonly ResolvedTopic[],
  schemas: readonly EmittedSchema[],
  configFile: string | undefined,
): BoundTopic[] {
  const bySubject = new Map<string, EmittedSchema[]>();
  const byName = new Map<string, EmittedSchema[]>();
  for (const s of schemas) {
    // A Protobuf subject holds several messages; the first one declared is the subject's type.
    if (s.subject !== undefined) bySubject.set(s.subject, [...(bySubject.get(s.subject) ?? []), s]);
    byName.set(s.fullName, [...(byName.get(s.fullName) ?? []), s]);
  }
  const bind = (topic: ResolvedTopic, side: 'key' | 'value'): BoundSide => {
    const resolved: ResolvedTopicSide = topic[side];
    if (resolved.kind !== 'schema') return resolved;
    const where = {
      ...(configFile !== undefined ? { file: configFile } : {}),
      path: `${childPath('$.topics', topic.name)}.${side}`,
    };
    return {
      kind: 'schemas',
      schemas: resolved.subjects.map(({ subject, record }) => {
        // The topic's subject says which schema is meant, even when other subjects hold the same record.
        const inSubject = bySubject.get(subject) ?? [];
        const found = record === undefined ? inSubject[0] : inSubject.find((s) => s.fullName === record);
        if (found) return found;
        const named = record !== undefined ? byName.get(record) : undefined;
        if (named && named.length === 1) return named[0]!;
        if (named && named.length > 1)
          throw new CodegenError(
            'AMBIGUOUS_RECORD',
            `topic "${topic.name}": several schemas define ${record}`,
            {
              ...where,
              subject,
            },
          );
        throw new CodegenError(
          'TOPIC_SCHEMA_NOT_FOUND',
          `topic "${topic.name}" ${side}: no schema for subject "${subject}"${record ? ` or record ${record}` : ''} (run kgen pull, or check the subject name)`,
          { ...where, subject },
        );
      }),
    };
  };
  return topics.map((t) => ({
    name: t.name,
    key: bind(t, 'key'),
    value: bind(t, 'value'),
    ...(t.headers === undefined ? {} : { headers: t.headers }),
  }));
}

/**
 * With a lock file, every subject the config selects must be locked at the pinned version, so a config
 * edited after the last pull fails loudly instead of generating from stale schemas.
 */
export function checkLockCoversConfig(
  subjects: ReadonlyArray<
    { kind: 'subject'; subject: string; version: number | 'latest' } | { kind: 'pattern' }
  >,
  lock: LockFile,
  lockFile: string,
): void {
  for (const s of subjects) {
    if (s.kind !== 'subject') continue;
    const roots = lock.schemas.filter((l) => l.subject === s.subject && l.root);
    const ok = s.version === 'latest' ? roots.length > 0 : roots.some((l) => l.version === s.version);
    if (!ok)
      throw new CodegenError(
        'LOCK_STALE',
        `subject is selected by the config${s.version === 'latest' ? '' : ` at version ${s.version}`} but not locked${roots.length ? ` (locked: v${roots.map((r) => r.version).join(', v')})` : ''}; run kgen pull`,
        { file: lockFile, subject: s.subject },
      );
  }
}
