import { extname } from 'node:path';
import { CodegenError } from '../errors';
import { GOVERNED_EXTENSIONS } from '../schema-folder';
import { avroNames } from './avro/avro-names';
import { idlSchemas, idlTypeOf } from './idl-schemas';
import { jsonSchemaFileRefs } from './json/json-schema-refs';
import { parseAvroJson } from './avro/avro-model';
import type { SchemaFormat } from './types';

/** One local schema file with what it depends on inside its set. */
export interface LocalSchema {
  /** Path relative to the set's root, forward slashes (for Protobuf also its import path). */
  readonly file: string;
  readonly format: SchemaFormat;
  readonly text: string;
  /** Registry subject: configured, or the file name without extension (`orders-value.avsc` → `orders-value`). */
  readonly subject: string;
  /** Avro full name of the top-level type, or the Protobuf package-qualified first message. */
  readonly mainType: string | undefined;
  /** Files of this set the schema references, as `[reference name, file]` (Avro full name / import path). */
  readonly deps: ReadonlyArray<readonly [string, string]>;
  /** For a type of an `.avdl` protocol: the protocol file and its IDL text, where findings point. */
  readonly source?: { readonly file: string; readonly text: string };
}

/** A schema path's format: by extension, or Avro for one type of an `.avdl` (`<file>.avdl#<full name>`). */
function formatOf(path: string): SchemaFormat | undefined {
  return idlTypeOf(path) !== undefined ? 'AVRO' : GOVERNED_EXTENSIONS[extname(path)];
}

/**
 * The subject a schema file registers under by default: its base name (`orders-value.avsc` → `orders-value`);
 * for a type of an `.avdl` protocol, its full name (one file holds several schemas).
 */
export function defaultSubject(file: string): string {
  const idlType = idlTypeOf(file);
  if (idlType !== undefined) return idlType;
  const base = file.slice(file.lastIndexOf('/') + 1);
  return base.slice(0, base.length - extname(base).length);
}

/**
 * Builds the set: formats from extensions, subjects (overrides by file or base name), and dependencies
 * (Avro named types defined in a sibling file, Protobuf imports of sibling files, JSON Schema `$ref`s to sibling
 * files). An `.avdl` file becomes
 * one schema per protocol type (see idl-schemas.ts).
 */
export function buildSchemaSet(
  sourceFiles: ReadonlyArray<{ path: string; text: string }>,
  subjects: ReadonlyMap<string, string> = new Map(),
  where: (file: string) => string = (file) => file,
): LocalSchema[] {
  const files: ReadonlyArray<{ path: string; text: string; source?: LocalSchema['source'] }> =
    sourceFiles.flatMap((f) => (extname(f.path) === '.avdl' ? idlSchemas(f) : [f]));
  const definedBy = new Map<string, string>();
  const uses = new Map<string, readonly string[]>();
  for (const f of files) {
    if (formatOf(f.path) !== 'AVRO') continue;
    const names = avroNames(parseAvroJson(f.text, where(f.path)));
    for (const n of names.defines) if (!definedBy.has(n)) definedBy.set(n, f.path);
    uses.set(f.path, names.uses);
  }
  const paths = new Set(files.map((f) => f.path));
  return files.map((f): LocalSchema => {
    const format = formatOf(f.path) ?? 'AVRO';
    const deps: Array<[string, string]> = [];
    if (format === 'AVRO') {
      for (const n of uses.get(f.path) ?? []) {
        const file = definedBy.get(n);
        if (file && file !== f.path) deps.push([n, file]);
      }
    } else if (format === 'JSON') {
      deps.push(...jsonSchemaFileRefs(f.path, f.text, paths));
    } else {
      for (const m of f.text.matchAll(/^\s*import\s+(?:public\s+|weak\s+)?["']([^"']+)["']/gm)) {
        const imp = m[1] ?? '';
        if (paths.has(imp)) deps.push([imp, imp]);
      }
    }
    const subject = subjects.get(f.path) ?? subjects.get(defaultSubject(f.path)) ?? defaultSubject(f.path);
    return {
      file: f.path,
      format,
      text: f.text,
      subject,
      deps,
      mainType: mainTypeOf(format, f.text, where(f.path)),
      ...(f.source !== undefined ? { source: f.source } : {}),
    };
  });
}

/** Files in dependency order (references before dependents); a cycle is bad input. */
export function dependencyOrder(set: readonly LocalSchema[]): LocalSchema[] {
  const byFile = new Map(set.map((s) => [s.file, s]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const order: LocalSchema[] = [];
  const visit = (s: LocalSchema): void => {
    if (done.has(s.file)) return;
    if (visiting.has(s.file)) {
      throw new CodegenError('REFERENCE_CYCLE', `schema references form a cycle`, { file: s.file });
    }
    visiting.add(s.file);
    for (const [, dep] of s.deps) {
      const d = byFile.get(dep);
      if (d) visit(d);
    }
    visiting.delete(s.file);
    done.add(s.file);
    order.push(s);
  };
  for (const s of set) visit(s);
  return order;
}

/** The schema's transitive dependencies within the set, references first. */
export function transitiveDeps(schema: LocalSchema, set: readonly LocalSchema[]): LocalSchema[] {
  const byFile = new Map(set.map((s) => [s.file, s]));
  const picked = new Set<string>();
  const collect = (s: LocalSchema): void => {
    for (const [, dep] of s.deps) {
      const d = byFile.get(dep);
      if (d && !picked.has(d.file)) {
        picked.add(d.file);
        collect(d);
      }
    }
  };
  collect(schema);
  return dependencyOrder(set).filter((s) => picked.has(s.file));
}

function mainTypeOf(format: SchemaFormat, text: string, file: string): string | undefined {
  if (format === 'JSON') return undefined; // topics map JSON subjects by name, not by a record type
  if (format === 'PROTOBUF') {
    const pkg = /^\s*package\s+([\w.]+)\s*;/m.exec(text)?.[1];
    const msg = /^\s*message\s+(\w+)/m.exec(text)?.[1];
    return msg ? (pkg ? `${pkg}.${msg}` : msg) : undefined;
  }
  const names = avroNames(parseAvroJson(text, file));
  return names.defines[0];
}
