import type { ResolvedConfig } from '../config/config-types';
import { CodegenError } from '../errors';
import type { Finding } from '../../src/ops/doctor-rules';

/** What doctor learns about one subject the config names. */
export interface SubjectFact {
  readonly topic: string;
  readonly side: 'key' | 'value';
  readonly subject: string;
  /** False when the registry does not know the subject. */
  readonly exists: boolean;
  readonly level: string | null;
  readonly levelSource: 'subject' | 'global' | null;
}

/** The registry operations doctor needs (a `CompatRegistry`, or a fake in unit tests). */
export interface SubjectRegistry {
  versions(subject: string): Promise<number[]>;
  getLevelSource(subject?: string): Promise<{ level: string; source: 'subject' | 'global' }>;
}

/** Reads every subject the config's topics name. A registry that cannot be reached throws (exit 2). */
export async function readSubjectFacts(
  config: ResolvedConfig,
  registry: SubjectRegistry,
): Promise<SubjectFact[]> {
  const out: SubjectFact[] = [];
  for (const topic of config.topics)
    for (const side of ['key', 'value'] as const) {
      const s = topic[side];
      if (s.kind !== 'schema') continue;
      for (const { subject } of s.subjects) {
        const exists = await registry.versions(subject).then(
          (v) => v.length > 0,
          (err: unknown) => {
            if (err instanceof CodegenError && err.code === 'UNKNOWN_SUBJECT') return false;
            throw err;
          },
        );
        const level = exists ? await registry.getLevelSource(subject) : null;
        out.push({
          topic: topic.name,
          side,
          subject,
          exists,
          level: level?.level ?? null,
          levelSource: level?.source ?? null,
        });
      }
    }
  return out;
}

/** Pure: a missing subject is critical (producers and consumers of the topic fail); NONE is a warning. */
export function registryFindings(
  facts: readonly SubjectFact[],
  clusterTopics: ReadonlySet<string>,
): Finding[] {
  const out: Finding[] = [];
  for (const topic of new Set(facts.map((f) => f.topic)))
    if (!clusterTopics.has(topic))
      out.push({
        rule: 'config.topic-missing',
        severity: 'critical',
        subject: `topic ${topic}`,
        message: 'the config names this topic but the cluster does not have it',
        fix: `create it (kafka-topics --create --topic ${topic} --replication-factor 3) or remove it from the config`,
      });
  for (const f of facts) {
    const subject = `subject ${f.subject}`;
    if (!f.exists) {
      out.push({
        rule: 'registry.missing-subject',
        severity: 'critical',
        subject,
        message: `the ${f.side} of topic ${f.topic} uses this subject but the registry does not have it`,
        fix: 'kgen register --schemas <dir> (or let a producer auto-register it)',
      });
      continue;
    }
    if (f.level === 'NONE')
      out.push({
        rule: 'registry.compatibility-none',
        severity: 'warning',
        subject,
        message: `compatibility level NONE${f.levelSource === 'global' ? ' (inherited from the global level)' : ''}: any schema change is accepted`,
        fix: `kgen compat set BACKWARD --subject ${f.subject}`,
      });
    else if (f.levelSource === 'global')
      out.push({
        rule: 'registry.compatibility-inherited',
        severity: 'info',
        subject,
        message: `no level of its own: the global ${f.level ?? '?'} applies, and changes with it`,
        fix: `kgen compat set ${f.level ?? 'BACKWARD'} --subject ${f.subject}`,
      });
  }
  return out;
}
