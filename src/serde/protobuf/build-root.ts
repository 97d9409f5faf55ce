import { Root, parse, util } from 'protobufjs';
import { bundledJson, bundledText, isBundledImport } from './bundled-files';
import { ProtobufSchemaError } from './errors';

export { isBundledImport, isBundledTextFile } from './bundled-files';

/** `.proto` files by import path (the registry reference name); the entry file is one of them. */
export type ProtoFiles = ReadonlyMap<string, string>;

/** A protobufjs root holding the entry file and everything it imports, resolved. */
export interface BuiltRoot {
  readonly root: Root;
  /** Import paths of the files parsed from text, in parse order (entry first); bundled WKT files excluded. */
  readonly files: readonly string[];
  /** Direct imports (including bundled ones) of each file parsed from text, in import order. */
  readonly imports: ReadonlyMap<string, readonly string[]>;
}

/** protobufjs reads the file name for error messages and `filename` properties from this static. */
const parserState = parse as unknown as { filename: string | null };

/** 1-based column of `needle` on 1-based `line` of `text`, or of the line's first non-blank character. */
export function columnOf(text: string, line: number, needle?: string): number {
  const lineText = text.split('\n')[line - 1] ?? '';
  const at = needle !== undefined && needle !== '' ? lineText.indexOf(needle) : -1;
  if (at >= 0) return at + 1;
  const firstNonBlank = lineText.search(/\S/);
  return firstNonBlank >= 0 ? firstNonBlank + 1 : 1;
}

/** 1-based line and column of a character offset. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

/** Line and column of the first match of `pattern` in `text` (1-based), if any. */
export function locate(text: string, pattern: RegExp): { line: number; column: number } | undefined {
  const match = pattern.exec(text);
  return match ? positionOf(text, match.index) : undefined;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function syntaxError(file: string, text: string, err: Error): ProtobufSchemaError {
  // protobufjs: "illegal token 'x' (file.proto, line 3)" / "illegal string (line 5)" / "duplicate name 'x' in Type A"
  const lineMatch = /line (\d+)\)/.exec(err.message);
  const problem = err.message.replace(/\s*\((?:[^,()]+, )?line \d+\)/, '');
  if (lineMatch) {
    const line = Number(lineMatch[1]);
    const token = /'([^']*)'/.exec(err.message)?.[1];
    return new ProtobufSchemaError(
      `syntax error: ${problem}`,
      { file, line, column: columnOf(text, line, token) },
      'syntax',
    );
  }
  const duplicate = /^duplicate name '([^']+)' in (.+)$/.exec(err.message);
  if (duplicate) {
    const name = duplicate[1] ?? '';
    // The second declaration with that (camelCased) name is the offending one.
    const decl = /\b(?:(?:message|enum|oneof)\s+(\w+)|(\w+)\s*=\s*-?\d)/g;
    const offsets: number[] = [];
    for (let m = decl.exec(text); m; m = decl.exec(text)) {
      const declared = m[1] ?? m[2] ?? '';
      if (declared === name || util.camelCase(declared) === name) offsets.push(m.index);
    }
    const second = offsets[1];
    const location = second !== undefined ? positionOf(text, second) : undefined;
    return new ProtobufSchemaError(`conflicting names: ${err.message}`, { file, ...location }, 'conflict');
  }
  return new ProtobufSchemaError(err.message, { file });
}

export function importLocation(text: string, path: string): { line: number; column: number } | undefined {
  return locate(text, new RegExp(`import\\s+(?:public\\s+|weak\\s+)?["']${escapeRegExp(path)}["']`));
}

/**
 * Parses `entry` (or several entries into one root) and, transitively, the files they import (from `files`, or protobufjs's bundled
 * `google/protobuf/*` definitions), then resolves every type reference. Field and oneof names are camelCased
 * (protobufjs's default, which matches the JSON names) unless `keepCase` (the compatibility rules compare
 * names as written), and comments are kept for the emitter. Errors carry file, line and column.
 */
export function buildProtobufRoot(
  entry: string | readonly string[],
  files: ProtoFiles,
  options: { readonly keepCase?: boolean } = {},
): BuiltRoot {
  const root = new Root();
  const parsed: string[] = [];
  const imports = new Map<string, string[]>();
  const seen = new Set<string>();

  const load = (path: string, importedBy?: string): void => {
    if (seen.has(path)) return;
    seen.add(path);
    const json = bundledJson(path);
    if (json) {
      if (json.nested) root.addJSON(json.nested);
      return;
    }
    // Bundled well-known files win over a same-named file or reference: they are what every registry means.
    const text = bundledText(path) ?? files.get(path);
    if (text === undefined) {
      const importer = importedBy !== undefined ? files.get(importedBy) : undefined;
      const where =
        importer !== undefined && importedBy !== undefined ? importLocation(importer, path) : undefined;
      throw new ProtobufSchemaError(
        `import "${path}" not found${importedBy !== undefined ? '' : ' (entry file)'}: no file or registry reference has that name`,
        importedBy !== undefined ? { file: importedBy, ...where } : { file: path },
        'missing-import',
      );
    }
    let result: ReturnType<typeof parse>;
    try {
      parserState.filename = path;
      result = parse(text, root, {
        alternateCommentMode: true,
        preferTrailingComment: false,
        keepCase: options.keepCase === true,
      });
    } catch (err) {
      throw syntaxError(path, text, err as Error);
    } finally {
      parserState.filename = null;
    }
    if (!isBundledImport(path)) parsed.push(path);
    const deps = [...(result.imports ?? []), ...(result.weakImports ?? [])];
    imports.set(path, deps);
    for (const dep of deps) load(dep, path);
  };

  for (const e of typeof entry === 'string' ? [entry] : entry) load(e);
  try {
    root.resolveAll();
  } catch (err) {
    throw unresolvedError(err as Error, files);
  }
  return { root, files: parsed, imports };
}

function unresolvedError(err: Error, files: ProtoFiles): ProtobufSchemaError {
  // "no such Type or Enum 'Foo' in Type .x.A"
  const match = /no such Type or Enum '([^']+)' in Type \.?(.+)$/.exec(err.message);
  if (!match) return new ProtobufSchemaError(err.message);
  const [, typeName = '', owner = ''] = match;
  const shortOwner = owner.split('.').pop() ?? owner;
  for (const [file, text] of files) {
    if (!new RegExp(`\\bmessage\\s+${escapeRegExp(shortOwner)}\\b`).test(text)) continue;
    const at = locate(text, new RegExp(`(?<![\\w.])${escapeRegExp(typeName)}(?=\\s*>|\\s+\\w+\\s*=)`));
    if (at)
      return new ProtobufSchemaError(
        `unknown type "${typeName}" in message ${owner}`,
        { file, ...at },
        'unknown-type',
      );
  }
  return new ProtobufSchemaError(`unknown type "${typeName}" in message ${owner}`, {}, 'unknown-type');
}
