import { join, relative } from 'node:path';
import type { SchemaInfo } from '@confluentinc/schemaregistry';
import { CodegenError } from '../errors';
import { checkCompatibility, isCompatible, type PreviousSchema } from './check-compatibility';
import { NO_SCHEMA_FILES, refuseEmptyInput } from '../empty-input';
import { isTransitive } from './levels';
import { parseSchema, type SchemaText } from './parse-schema';
import { loadPrevious, localSchemaText, resolveAgainst } from './previous-sources';
import type { CompatRegistry, RegisteredSchema, RegistryVerdict } from './registry-api';
import { GOVERNED_EXTENSIONS, readSchemaFolder } from '../schema-folder';
import { buildSchemaSet, dependencyOrder, type LocalSchema } from './schema-set';
import type { ProtobufRules } from './protobuf/protobuf-rules';
import type { CompatLevel, CompatReport, Finding } from './types';

export interface CheckOptions {
  /** Folder of the new schemas. */
  readonly schemasDir: string;
  /** Subject overrides: file (relative to `schemasDir`) or base name → subject. */
  readonly subjects?: ReadonlyMap<string, string>;
  /** Level; offline default BACKWARD, registry default the subject's effective level. */
  readonly level?: CompatLevel;
  /** Base for the file names in findings (default: the current directory). */
  readonly cwd?: string;
  /** Protobuf rule set for kgen's own verdict (default `strict`). */
  readonly protobufRules?: ProtobufRules;
  /** Accept an empty schema folder (or an empty `--against`) instead of refusing it: nothing is checked. */
  readonly allowEmpty?: boolean;
}

export interface CheckOutcome {
  readonly report: CompatReport;
  /** Files checked (display paths). */
  readonly files: readonly string[];
}

function display(options: CheckOptions, file: string): string {
  return relative(options.cwd ?? process.cwd(), join(options.schemasDir, file))
    .split('\\')
    .join('/');
}

/** The new schemas; an empty folder is refused ("compatible" for nothing checked would be a false pass). */
function loadNew(options: CheckOptions): LocalSchema[] {
  const files = readSchemaFolder(options.schemasDir, [], GOVERNED_EXTENSIONS);
  if (files.length === 0)
    refuseEmptyInput(
      `${NO_SCHEMA_FILES} in ${options.schemasDir}`,
      'a check of nothing would pass',
      { file: options.schemasDir },
      options.allowEmpty,
    );
  return buildSchemaSet(files, options.subjects, (f) => display(options, f));
}

/** Where findings point: the schema's file, or for a type of an `.avdl` protocol, the protocol's IDL. */
function reportedAt(options: CheckOptions, s: LocalSchema): { file: string; text: string; idl?: boolean } {
  return s.source === undefined
    ? { file: display(options, s.file), text: s.text }
    : { file: display(options, s.source.file), text: s.source.text, idl: true };
}

/** `kgen check --against <folder | lock file | git ref>`: kgen's own rules, no registry. */
export function checkOffline(
  options: CheckOptions & { readonly against: string; readonly pullDir?: string },
): CheckOutcome {
  const next = loadNew(options);
  const source = resolveAgainst(options.against, options.schemasDir, options.pullDir, options.cwd);
  const previous = loadPrevious(
    source,
    next,
    options.schemasDir,
    options.subjects ?? new Map(),
    options.allowEmpty,
  );
  const findings: Finding[] = [];
  const files: string[] = [];
  for (const s of next) {
    const file = display(options, s.file);
    files.push(file);
    const parsed = parseSchema(localSchemaText(s, next), file);
    const prev: PreviousSchema[] = (previous.get(s.file) ?? []).map((p) => ({
      label: p.label,
      schema: parseSchema(p.schema, p.label),
    }));
    if (prev.length === 0) continue; // a new schema has nothing to break
    findings.push(
      ...checkCompatibility({
        ...reportedAt(options, s),
        next: parsed,
        previous: prev,
        level: options.level ?? 'BACKWARD',
        ...(options.protobufRules ? { protobufRules: options.protobufRules } : {}),
      }),
    );
  }
  return { report: { compatible: isCompatible(findings), findings }, files };
}

/** A registered version's text with its references (fetched recursively, references first). */
async function registeredText(registry: CompatRegistry, s: RegisteredSchema): Promise<SchemaText> {
  const refs: Array<readonly [string, string]> = [];
  const seen = new Set<string>();
  const collect = async (schema: RegisteredSchema): Promise<void> => {
    for (const r of schema.references) {
      const key = `${r.subject}@${r.version}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const dep = await registry.schema(r.subject, r.version);
      await collect(dep);
      refs.push([r.name, dep.schema]);
    }
  };
  await collect(s);
  return { format: s.format, text: s.schema, references: refs };
}

/** The registry form of a local schema: references point at the registered versions of its dependencies. */
export async function schemaInfoFor(
  registry: CompatRegistry,
  s: LocalSchema,
  set: readonly LocalSchema[],
  registeredVersion: (dep: LocalSchema) => Promise<number | undefined>,
): Promise<SchemaInfo> {
  const references = [];
  for (const [name, file] of s.deps) {
    const dep = set.find((d) => d.file === file);
    if (!dep) continue;
    const version = await registeredVersion(dep);
    if (version === undefined) {
      throw new CodegenError(
        'MISSING_REFERENCE',
        `references ${dep.file} (subject "${dep.subject}"), which is not registered in this form; run kgen register first`,
        { file: s.file, subject: s.subject },
      );
    }
    references.push({ name, subject: dep.subject, version });
  }
  return { schemaType: s.format, schema: s.text, ...(references.length ? { references } : {}) };
}

/**
 * Apicurio's compatibility endpoint cannot check some schemas with references (registering them works): it
 * answers 422 for Avro/Protobuf ones, and 500 "Unresolved JSON Schema reference" for JSON Schema ones.
 */
function registryCannotCheck(err: unknown, info: SchemaInfo): boolean {
  if (!(err instanceof CodegenError) || (info.references?.length ?? 0) === 0) return false;
  if (err.code === 'SCHEMA_INVALID') return true;
  return err.code === 'REGISTRY_ERROR' && /Unresolved JSON Schema reference/.test(err.message);
}

/** The registry's verdict, or undefined when it cannot give one (see registryCannotCheck): kgen's own stands in. */
async function registryVerdict(
  registry: CompatRegistry,
  subject: string,
  info: SchemaInfo,
  level: CompatLevel,
): Promise<RegistryVerdict | undefined> {
  // NONE accepts every change by definition, and the registry registers it. Apicurio's compatibility endpoint
  // still answers `is_compatible: false` at NONE; asking would fail a CI check for a change that registers.
  if (level === 'NONE') return { compatible: true, messages: [] };
  try {
    return await registry.testCompatibility(subject, info, level);
  } catch (err) {
    if (registryCannotCheck(err, info)) return undefined;
    throw err;
  }
}

/**
 * `kgen check` against the registry: the registry's verdict at the subject's effective level decides; kgen's
 * offline rules, run against the registered versions, explain it with rule ids and paths.
 */
export async function checkRegistry(
  registry: CompatRegistry,
  options: CheckOptions & { readonly allowNew?: boolean },
): Promise<CheckOutcome> {
  const set = dependencyOrder(loadNew(options));
  const findings: Finding[] = [];
  const files: string[] = [];
  const lookupVersion = async (dep: LocalSchema): Promise<number | undefined> => {
    const info = await schemaInfoFor(registry, dep, set, lookupVersion);
    return (await registry.lookup(dep.subject, info))?.version;
  };
  for (const s of set) {
    const file = display(options, s.file);
    files.push(file);
    const parsed = parseSchema(localSchemaText(s, set), file);
    let versions: number[];
    try {
      versions = await registry.versions(s.subject);
    } catch (err) {
      if (err instanceof CodegenError && err.code === 'UNKNOWN_SUBJECT' && options.allowNew) continue;
      throw err;
    }
    const subjectLevel = await registry.getLevel(s.subject);
    const level = options.level ?? subjectLevel;
    const info = await schemaInfoFor(registry, s, set, lookupVersion);
    // The registry answers at the subject's own level only (kgen never changes it); for another --level,
    // kgen's verdict against the registered versions decides.
    const verdict =
      level === subjectLevel
        ? await registryVerdict(registry, s.subject, info, level)
        : ('level-override' as const);
    const targets = isTransitive(level) ? versions : versions.slice(-1);
    const previous: PreviousSchema[] = [];
    for (const v of targets) {
      const reg = await registry.schema(s.subject, v);
      previous.push({
        label: `${s.subject} v${v}`,
        schema: parseSchema(await registeredText(registry, reg), `${s.subject} v${v}`),
      });
    }
    const own = checkCompatibility({
      ...reportedAt(options, s),
      next: parsed,
      previous,
      level,
      ...(options.protobufRules ? { protobufRules: options.protobufRules } : {}),
    });
    const ownErrors = own.filter((f) => f.level === 'error');
    if (verdict === 'level-override') {
      findings.push(...own);
    } else if (verdict === undefined) {
      findings.push(...own, {
        rule: 'REGISTRY_CANNOT_CHECK',
        level: 'warning',
        file,
        path: s.subject,
        message: `the registry cannot check schemas with references (it answers 422, or 500 for JSON Schema); kgen's own verdict at ${level} is used`,
      });
    } else if (verdict.compatible) {
      // The registry decides; kgen's stricter opinions stay visible as warnings.
      findings.push(
        ...own.map((f) =>
          f.level === 'error'
            ? { ...f, level: 'warning' as const, message: `${f.message}; the registry accepts it` }
            : f,
        ),
      );
    } else {
      findings.push(...own);
      if (ownErrors.length === 0) {
        // Without the registry's reasons, say what kgen's own rules (already run at this level) concluded.
        const detail = verdict.messages.length
          ? verdict.messages.join('; ')
          : `the registry gives no details, and kgen's own ${level} rules find no breaking change against ${previous.map((p) => p.label).join(', ')}`;
        findings.push({
          rule: 'REGISTRY_INCOMPATIBLE',
          level: 'error',
          file,
          path: s.subject,
          message: `registry rejects the change at ${level}: ${detail}`,
        });
      }
    }
  }
  return { report: { compatible: isCompatible(findings), findings }, files };
}
