import type { Client, SchemaMetadata } from '@confluentinc/schemaregistry';
import { KgenError } from '../errors';
import { describeError, registryErrorCode, type SerdeRole } from '../serde/registry/errors';
import { schemaInfoOf } from '../serde/registry/resolve-schema-id';
import { subjectOf } from '../serde/registry/subject-name';
import type { RegistrySchemaDescriptor, TopicMap } from '../topics';
import { lineDiff, prettySchema, sameSchemaText } from './line-diff';
import { schemaTextOf } from '../serde/registry/writer-schemas';

/** Kinds of disagreement between the topic map and the registry. */
export type VerifyProblemKind =
  | 'SUBJECT_MISSING'
  | 'VERSION_MISSING'
  | 'VERSION_SCHEMA_DIFFERS'
  | 'ID_MISMATCH'
  | 'INCOMPATIBLE'
  | 'REGISTRY_ERROR';

/** One disagreement, with the facts to fix it. */
export interface VerifyProblem {
  /** What kind of disagreement this is. */
  readonly kind: VerifyProblemKind;
  /** The topic whose descriptor disagrees. */
  readonly topic: string;
  /** Whether the key or the value descriptor disagrees. */
  readonly role: SerdeRole;
  /** The registry subject compared. */
  readonly subject: string;
  /** What is wrong, in one line. */
  readonly message: string;
  /** Line diff (`- registry`, `+ local`) when schema texts differ. */
  readonly diff?: string;
}

/** What `client.verify()` found. */
export interface VerifyReport {
  /** Subjects checked. */
  readonly checked: readonly string[];
  /** Every disagreement found; empty when the map matches the registry. */
  readonly problems: readonly VerifyProblem[];
}

/** The topic map disagrees with the registry; `problems` lists every difference, `message` reads as a diff. */
export class VerifyError extends KgenError {
  /** Every disagreement found. */
  readonly problems: readonly VerifyProblem[];
  constructor(problems: readonly VerifyProblem[]) {
    const lines = problems.map((p) => {
      const head = `✗ ${p.topic} ${p.role} (subject "${p.subject}"): ${p.message}`;
      return p.diff === undefined ? head : `${head}\n${p.diff.replace(/^/gm, '    ')}`;
    });
    super('SCHEMA_MISMATCH', `the topic map does not match the schema registry:\n${lines.join('\n')}`);
    this.problems = problems;
  }
}

interface Target {
  readonly topic: string;
  readonly role: SerdeRole;
  readonly subject: string;
  readonly descriptor: RegistrySchemaDescriptor;
}

function targetsOf(topics: TopicMap): Target[] {
  const out: Target[] = [];
  for (const [topic, d] of Object.entries(topics)) {
    for (const role of ['key', 'value'] as const) {
      const s = d[role];
      if (s.format === 'AVRO' || s.format === 'PROTOBUF')
        out.push({ topic, role, subject: subjectOf(topic, role, s), descriptor: s });
      else if (s.format === 'ONE_OF')
        for (const v of s.variants)
          out.push({ topic, role, subject: subjectOf(topic, role, v, true), descriptor: v });
    }
  }
  return out;
}

async function checkOne(registry: Client, t: Target): Promise<VerifyProblem[]> {
  const at = { topic: t.topic, role: t.role, subject: t.subject };
  const problems: VerifyProblem[] = [];
  let latest: SchemaMetadata;
  try {
    latest = await registry.getLatestSchemaMetadata(t.subject);
  } catch (err) {
    const code = registryErrorCode(err);
    const missing = code === 40401 || code === 40400;
    return [
      {
        ...at,
        kind: missing ? 'SUBJECT_MISSING' : 'REGISTRY_ERROR',
        message: missing ? 'subject does not exist in the registry' : describeError(err),
      },
    ];
  }
  const { version, id } = t.descriptor;
  if (version !== undefined) {
    try {
      const pinned = await registry.getSchemaMetadata(t.subject, version, true);
      const pinnedText = schemaTextOf(pinned, t.subject);
      if (!sameSchemaText(pinnedText, t.descriptor.schema))
        problems.push({
          ...at,
          kind: 'VERSION_SCHEMA_DIFFERS',
          message: `version ${version} in the registry is not the local schema`,
          diff: lineDiff(prettySchema(pinnedText), prettySchema(t.descriptor.schema)),
        });
      if (id !== undefined && pinned.id !== id)
        problems.push({
          ...at,
          kind: 'ID_MISMATCH',
          message: `version ${version} has id ${pinned.id}, the map pins ${id}`,
        });
    } catch (err) {
      problems.push({
        ...at,
        kind: 'VERSION_MISSING',
        message: `pinned version ${version}: ${describeError(err)}`,
      });
    }
  } else if (id !== undefined) {
    try {
      const byId = await registry.getBySubjectAndId(t.subject, id);
      const byIdText = schemaTextOf(byId, t.subject);
      if (!sameSchemaText(byIdText, t.descriptor.schema))
        problems.push({
          ...at,
          kind: 'ID_MISMATCH',
          message: `schema id ${id} is not the local schema`,
          diff: lineDiff(prettySchema(byIdText), prettySchema(t.descriptor.schema)),
        });
    } catch (err) {
      problems.push({ ...at, kind: 'ID_MISMATCH', message: `pinned id ${id}: ${describeError(err)}` });
    }
  }
  if (!sameSchemaText(latest.schema, t.descriptor.schema)) {
    try {
      if (!(await registry.testSubjectCompatibility(t.subject, schemaInfoOf(t.descriptor))))
        problems.push({
          ...at,
          kind: 'INCOMPATIBLE',
          message: `the local schema is not compatible with the latest version (${latest.version})`,
          diff: lineDiff(prettySchema(latest.schema), prettySchema(t.descriptor.schema)),
        });
    } catch (err) {
      problems.push({
        ...at,
        kind: 'REGISTRY_ERROR',
        message: `compatibility check failed: ${describeError(err)}`,
      });
    }
  }
  return problems;
}

/**
 * Compares a topic map with the registry: every subject exists, pinned versions and ids hold the local
 * schema, and each local schema is compatible with the subject's latest version.
 */
export async function verifyTopics(registry: Client, topics: TopicMap): Promise<VerifyReport> {
  const targets = targetsOf(topics);
  const problems = (await Promise.all(targets.map((t) => checkOne(registry, t)))).flat();
  return { checked: [...new Set(targets.map((t) => t.subject))], problems };
}
