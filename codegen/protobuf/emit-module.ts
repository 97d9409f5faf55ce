import CodeBlockWriter from 'code-block-writer';
import { type Enum, Type, type Field, type OneOf, type Root } from 'protobufjs';
import { isSyntheticOneof, presenceOf, propName } from '../../src/serde/protobuf/shape-converter';
import { generatedHeader } from '../emit/header';
import type { EmittedSchema, GeneratedFile, SourceSchema } from '../model';
import { modulePath, pathIdentifier, relativeImport, tsName } from './naming';
import type { ResolvedProtobufGenerateOptions } from './options';
import { fieldType, type NameOf, type Side } from './type-expr';
import { RUNTIME_MODULE } from '../emit/runtime-import';

/** A file this module imports, with the registry coordinates its descriptor references. */
export interface ImportedFile {
  readonly path: string;
  readonly subject: string;
  readonly version: number;
}

export interface ModuleInput {
  readonly source: SourceSchema;
  readonly root: Root;
  /** Messages and enums declared in this file, in declaration order. */
  readonly declarations: ReadonlyArray<Type | Enum>;
  /** Direct imports other than bundled well-known types, in import order. */
  readonly imports: readonly ImportedFile[];
  readonly options: ResolvedProtobufGenerateOptions;
}

/** Export name of a file's descriptor, which files importing it put in their references. */
export function fileExport(protoPath: string): string {
  return `file_${pathIdentifier(protoPath)}`;
}

/** Alias under which a module imports another module. */
export function moduleAlias(protoPath: string): string {
  return `${pathIdentifier(protoPath)}_pb`;
}

function jsDoc(w: CodeBlockWriter, comment: string | null | undefined, deprecated = false): void {
  const lines = (comment ?? '')
    .replace(/\*\//g, '*\\/')
    .split('\n')
    .map((l) => l.trimEnd());
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  while (lines.length && lines[0] === '') lines.shift();
  if (deprecated) lines.push('@deprecated');
  if (lines.length === 0) return;
  if (lines.length === 1) {
    w.writeLine(`/** ${lines[0]} */`);
    return;
  }
  w.writeLine('/**');
  for (const l of lines) w.writeLine(l ? ` * ${l}` : ' *');
  w.writeLine(' */');
}

const str = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function isDeprecated(obj: { options?: { [k: string]: unknown } | undefined }): boolean {
  return obj.options?.['deprecated'] === true;
}

function writeOneof(w: CodeBlockWriter, oneof: OneOf, side: Side, m: ModuleInput, nameOf: NameOf): void {
  jsDoc(w, oneof.comment);
  const prop = propName(oneof.name);
  w.writeLine(side === 'output' ? `${prop}:` : `${prop}?:`);
  w.indent(() => {
    for (const f of oneof.fieldsArray) {
      const t = fieldType(f, side, m.options, nameOf);
      w.writeLine(`| { case: ${str(propName(f.name))}; value: ${t} }`);
    }
    w.writeLine(`| { case: undefined; value?: undefined }${side === 'input' ? '' : ';'}`);
    if (side === 'input') w.writeLine('| undefined;');
  });
}

function writeField(w: CodeBlockWriter, field: Field, side: Side, m: ModuleInput, nameOf: NameOf): void {
  jsDoc(w, field.comment, isDeprecated(field));
  const t = fieldType(field, side, m.options, nameOf);
  const presence = presenceOf(field);
  const prop = propName(field.name);
  if (side === 'output') w.writeLine(presence === 'explicit' ? `${prop}?: ${t};` : `${prop}: ${t};`);
  else w.writeLine(presence === 'required' ? `${prop}: ${t};` : `${prop}?: ${t} | undefined;`);
}

function writeMessage(w: CodeBlockWriter, type: Type, m: ModuleInput, nameOf: NameOf): void {
  const name = tsName(type);
  for (const side of ['output', 'input'] as const) {
    w.blankLineIfLastNot();
    jsDoc(
      w,
      side === 'output'
        ? (type.comment ?? `\`${type.fullName.slice(1)}\` as decoded.`)
        : `\`${type.fullName.slice(1)}\` as the producer gives it: defaults may be omitted.`,
      isDeprecated(type),
    );
    w.write(`export interface ${name}${side === 'input' ? 'Input' : ''} `).inlineBlock(() => {
      const done = new Set<OneOf>();
      for (const field of type.fieldsArray) {
        if (field.declaringField) continue;
        const oneof = field.partOf;
        if (oneof && !isSyntheticOneof(oneof)) {
          if (!done.has(oneof)) writeOneof(w, oneof, side, m, nameOf);
          done.add(oneof);
          continue;
        }
        writeField(w, field, side, m, nameOf);
      }
    });
    w.newLine();
  }
  w.blankLine();
  w.writeLine(`/** Descriptor of \`${type.fullName.slice(1)}\` for topic maps and the codec. */`);
  w.write(`export const ${name}Schema = kgen.protobufSchema<${name}Input, ${name}>(`);
  writeDescriptorArgs(w, m, type.fullName.slice(1));
  w.write(');').newLine();
}

function writeDescriptorArgs(w: CodeBlockWriter, m: ModuleInput, name: string): void {
  const s = m.source;
  w.inlineBlock(() => {
    if (s.subject !== undefined) w.writeLine(`subject: ${str(s.subject)},`);
    if (s.version !== undefined) w.writeLine(`version: ${s.version},`);
    if (s.id !== undefined) w.writeLine(`id: ${s.id},`);
    w.writeLine(`name: ${str(name)},`);
    w.writeLine(`fileName: ${str(s.path)},`);
    w.writeLine('schema: $schema,');
    w.writeLine('references: $references,');
    w.writeLine('options: $options,');
  });
}

function writeEnum(w: CodeBlockWriter, e: Enum, m: ModuleInput): void {
  const name = tsName(e);
  const entries = Object.entries(e.values);
  w.blankLineIfLastNot();
  jsDoc(w, e.comment, isDeprecated(e));
  if (m.options.enums === 'string') {
    w.writeLine(`export type ${name} =`);
    w.indent(() => {
      entries.forEach(([value], i) => {
        jsDoc(w, e.comments[value]);
        w.writeLine(`| ${str(value)}${i === entries.length - 1 ? ';' : ''}`);
      });
    });
    return;
  }
  w.write(`export const ${name} = `).inlineBlock(() => {
    for (const [value, id] of entries) {
      jsDoc(w, e.comments[value]);
      w.writeLine(`${value}: ${id},`);
    }
  });
  w.write(' as const;').newLine();
  w.writeLine(`export type ${name} = (typeof ${name})[keyof typeof ${name}];`);
}

/** One `.proto` file → one module: interfaces, enums and a descriptor per message. */
export function emitModule(m: ModuleInput): { file: GeneratedFile; schemas: EmittedSchema[] } {
  const module = modulePath(m.source.path);
  // Modules whose types or descriptors this one uses: direct imports, and files reached through `import public`.
  const used = new Set(m.imports.map((i) => i.path));
  const nameOf: NameOf = (decl) => {
    if (decl.filename === m.source.path || !decl.filename) return tsName(decl);
    used.add(decl.filename);
    return `${moduleAlias(decl.filename)}.${tsName(decl)}`;
  };
  const w = new CodeBlockWriter({ indentNumberOfSpaces: 2, useSingleQuote: true });
  w.writeLine(`const $schema = ${JSON.stringify(m.source.text)};`);
  w.write('const $options: kgen.ProtobufCodecOptions = ').inlineBlock(() => {
    for (const [k, v] of Object.entries(m.options).sort(([a], [b]) => (a < b ? -1 : 1)))
      w.writeLine(`${k}: ${str(v)},`);
  });
  w.write(';').newLine();
  if (m.imports.length === 0) {
    w.writeLine('const $references: readonly kgen.SchemaReference[] = [];');
  } else {
    w.writeLine('const $references: readonly kgen.SchemaReference[] = [');
    w.indent(() => {
      for (const imp of m.imports) {
        w.writeLine(
          `{ name: ${str(imp.path)}, subject: ${str(imp.subject)}, version: ${imp.version}, schema: ${moduleAlias(imp.path)}.${fileExport(imp.path)} },`,
        );
      }
    });
    w.writeLine('];');
  }
  const messages = m.declarations.filter((d): d is Type => d instanceof Type);
  const first = messages[0];
  w.blankLine();
  w.writeLine(`/** The whole file \`${m.source.path}\`, as files importing it reference it. */`);
  w.write(`export const ${fileExport(m.source.path)} = kgen.protobufSchema(`);
  writeDescriptorArgs(w, m, first ? first.fullName.slice(1) : m.source.path);
  w.write(');').newLine();

  for (const decl of m.declarations) {
    if (decl instanceof Type) writeMessage(w, decl, m, nameOf);
    else writeEnum(w, decl, m);
  }

  const imports = new CodeBlockWriter({ indentNumberOfSpaces: 2, useSingleQuote: true });
  imports.writeLine(`import * as kgen from '${RUNTIME_MODULE}';`);
  for (const path of [...used].sort()) {
    imports.writeLine(
      `import * as ${moduleAlias(path)} from ${str(relativeImport(module, modulePath(path)))};`,
    );
  }
  imports.blankLine();
  const header = generatedHeader({
    sources: [m.source.subject !== undefined ? `${m.source.subject} (${m.source.path})` : m.source.path],
    options: m.options,
  });
  // Top-level messages first (the first one is what Confluent's record-name strategies call the file's record).
  const ordered = [
    ...messages.filter((t) => !(t.parent instanceof Type)),
    ...messages.filter((t) => t.parent instanceof Type),
  ];
  const schemas = ordered.map((t): EmittedSchema => ({
    format: 'PROTOBUF',
    fullName: t.fullName.slice(1),
    ...(m.source.subject !== undefined ? { subject: m.source.subject } : {}),
    module,
    descriptorExport: `${tsName(t)}Schema`,
    typeExport: tsName(t),
    inputTypeExport: `${tsName(t)}Input`,
  }));
  return {
    file: { path: `${module}.ts`, content: `${header}${imports.toString()}${w.toString()}` },
    schemas,
  };
}
