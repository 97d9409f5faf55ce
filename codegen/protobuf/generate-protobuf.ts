import { Type, type Enum } from 'protobufjs';
import {
  buildProtobufRoot,
  importLocation,
  isBundledImport,
  positionOf,
  type BuiltRoot,
} from '../../src/serde/protobuf/build-root';
import { CodegenError } from '../errors';
import type { EmittedSchema, FormatGenerator, GeneratedFile, SourceSchema } from '../model';
import { emitModule, fileExport, moduleAlias, type ImportedFile } from './emit-module';
import { declarationsOf, tsName } from './naming';
import { isSyntheticOneof, propName } from '../../src/serde/protobuf/shape-converter';
import { resolveProtobufGenerateOptions, type ProtobufGenerateOptions } from './options';
import { bundledModulesNeeded } from './bundled-modules';
import { bundledText } from '../../src/serde/protobuf/bundled-files';
import { toCodegenError } from './schema-errors';

/** Version written in a reference whose file has no registry version (local files): "latest". */
export const LATEST_VERSION = -1;

function byPath(a: { path: string }, b: { path: string }): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/** Registry coordinates of an import: the importer's reference, the imported source's, or the import path. */
function importedFile(
  path: string,
  importer: SourceSchema,
  sources: ReadonlyMap<string, SourceSchema>,
): ImportedFile {
  const ref = importer.references.find((r) => r.name === path);
  if (ref) return { path, subject: ref.subject, version: ref.version };
  const target = sources.get(path);
  // Confluent's default reference subject for a Protobuf import is the import path itself.
  return { path, subject: target?.subject ?? path, version: target?.version ?? LATEST_VERSION };
}

function tryBuild(entries: readonly string[], texts: ReadonlyMap<string, string>): BuiltRoot | undefined {
  try {
    return entries.length > 0 ? buildProtobufRoot(entries, texts) : undefined;
  } catch {
    return undefined;
  }
}

/** Files `entry` imports, transitively (not itself). */
function closure(entry: string, imports: ReadonlyMap<string, readonly string[]>): Set<string> {
  const out = new Set<string>();
  const stack = [...(imports.get(entry) ?? [])];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if (out.has(next) || next === entry) continue;
    out.add(next);
    stack.push(...(imports.get(next) ?? []));
  }
  return out;
}

/** protoc rejects import cycles; so does kgen (generated modules could not initialise in order). */
function checkCycles(
  entry: string,
  imports: ReadonlyMap<string, readonly string[]>,
  sources: ReadonlyMap<string, SourceSchema>,
): void {
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (file: string, chain: string[]): void => {
    state.set(file, 'visiting');
    for (const dep of imports.get(file) ?? []) {
      if (state.get(dep) === 'visiting') {
        const text = sources.get(file)?.text ?? '';
        throw new CodegenError('PROTO_IMPORT_CYCLE', `import cycle: ${[...chain, file, dep].join(' → ')}`, {
          file,
          ...importLocation(text, dep),
        });
      }
      if (!state.has(dep)) visit(dep, [...chain, file]);
    }
    state.set(file, 'done');
  };
  visit(entry, []);
}

/** Every exported name must be unique in its module: report the later declaration of a clash. */
function checkNames(
  source: SourceSchema,
  declarations: ReadonlyArray<Type | Enum>,
  aliases: readonly string[],
): void {
  const taken = new Map<string, string>([
    ['kgen', 'the kgen import'],
    [fileExport(source.path), 'the file descriptor'],
    ...aliases.map((a): [string, string] => [a, 'an imported module']),
  ]);
  const occurrences = new Map<string, number>();
  for (const decl of declarations) {
    const nth = occurrences.get(decl.name) ?? 0;
    occurrences.set(decl.name, nth + 1);
    const base = tsName(decl);
    const names = 'fieldsArray' in decl ? [base, `${base}Input`, `${base}Schema`] : [base];
    for (const name of names) {
      const previous = taken.get(name);
      if (previous !== undefined) {
        const pattern = new RegExp(`\\b(?:message|enum)\\s+${decl.name}\\b`, 'g');
        let match: RegExpExecArray | null = null;
        for (let i = 0; i <= nth; i++) match = pattern.exec(source.text);
        throw new CodegenError(
          'PROTO_NAME_CONFLICT',
          `conflicting names: ${decl.fullName.slice(1)} would be emitted as ${name}, which is already ${previous}`,
          {
            file: source.path,
            ...(source.subject !== undefined ? { subject: source.subject } : {}),
            ...(match ? positionOf(source.text, match.index) : {}),
          },
        );
      }
      taken.set(name, `the TypeScript name of ${decl.fullName.slice(1)}`);
    }
  }
}

/** Two fields (or a field and a oneof) whose property names coincide (`field_0` and `field0`). */
function checkProps(source: SourceSchema, declarations: ReadonlyArray<Type | Enum>): void {
  for (const decl of declarations) {
    if (!(decl instanceof Type)) continue;
    const seen = new Map<string, string>();
    const members = [
      ...decl.fieldsArray
        .filter((f) => !f.declaringField)
        .map((f) => ({ name: f.protoName ?? f.name, prop: propName(f.name) })),
      ...decl.oneofsArray
        .filter((o) => !isSyntheticOneof(o))
        .map((o) => ({ name: o.name, prop: propName(o.name) })),
    ];
    for (const m of members) {
      const previous = seen.get(m.prop);
      if (previous === undefined) {
        seen.set(m.prop, m.name);
        continue;
      }
      // Search from the message's declaration, so a same-named field of another message is not picked.
      const from = Math.max(0, source.text.search(new RegExp(`\\bmessage\\s+${decl.name}\\b`)));
      const pattern = new RegExp(`\\b${m.name}\\s*=\\s*\\d|\\boneof\\s+${m.name}\\b`, 'g');
      pattern.lastIndex = from;
      const at = pattern.exec(source.text);
      throw new CodegenError(
        'PROTO_NAME_CONFLICT',
        `conflicting names: ${m.name} and ${previous} in ${decl.fullName.slice(1)} are both the property ${m.prop}`,
        {
          file: source.path,
          ...(source.subject !== undefined ? { subject: source.subject } : {}),
          ...(at ? positionOf(source.text, at.index) : {}),
        },
      );
    }
  }
}

/**
 * Protobuf sources → one TypeScript module per `.proto` file (`shop/order.proto` → `shop/order_pb.ts`) with
 * plain interfaces, enums and a descriptor per message. Pure and deterministic: sources are processed in
 * path order and `google/protobuf/*` imports come from protobufjs's bundled definitions.
 */
export const generateProtobuf: FormatGenerator<ProtobufGenerateOptions> = (sources, options) => {
  const resolved = resolveProtobufGenerateOptions(options);
  const proto = sources.filter((s) => s.format === 'PROTOBUF' && !isBundledImport(s.path)).sort(byPath);
  const bySource = new Map<string, SourceSchema>();
  for (const s of proto) {
    if (bySource.has(s.path))
      throw new CodegenError('DUPLICATE_PROTO_PATH', `two schemas have the import path ${s.path}`, {
        file: s.path,
      });
    bySource.set(s.path, s);
  }
  const texts = new Map(proto.map((s) => [s.path, s.text]));
  const files: GeneratedFile[] = [];
  const schemas: EmittedSchema[] = [];
  const needed = new Set<string>();
  // Fast path: every file parsed once into one root. If that fails (an error, or two unrelated files that
  // declare the same name, e.g. two versions of one subject), each file gets its own root, which also
  // attributes any error to the right file.
  const shared = tryBuild(
    proto.map((s) => s.path),
    texts,
  );
  for (const source of proto) {
    let built: BuiltRoot;
    try {
      built = shared ?? buildProtobufRoot(source.path, texts);
    } catch (err) {
      throw toCodegenError(err, bySource, source.path);
    }
    checkCycles(source.path, built.imports, bySource);
    const direct = (built.imports.get(source.path) ?? []).filter((p) => !isBundledImport(p));
    const declarations = declarationsOf(built.root, source.path);
    checkNames(source, declarations, [...closure(source.path, built.imports)].map(moduleAlias));
    checkProps(source, declarations);
    const out = emitModule({
      source,
      root: built.root,
      declarations,
      imports: direct.map((p) => importedFile(p, source, bySource)),
      options: resolved,
    });
    files.push(out.file);
    schemas.push(...out.schemas);
    for (const path of bundledModulesNeeded(built.root, declarations, resolved)) needed.add(path);
  }
  // Bundled well-known files (descriptor.proto, type.proto, ...) whose messages or enums a field uses get a
  // module of their own; files that only import them (e.g. to declare custom options) need none.
  for (const path of [...needed].sort()) {
    const text = bundledText(path) ?? '';
    const source: SourceSchema = { format: 'PROTOBUF', path, text, references: [] };
    const built = buildProtobufRoot(path, new Map([[path, text]]));
    const declarations = declarationsOf(built.root, path);
    files.push(emitModule({ source, root: built.root, declarations, imports: [], options: resolved }).file);
  }
  return { files, schemas };
};
