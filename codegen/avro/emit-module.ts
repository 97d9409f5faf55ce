import * as path from 'node:path';
import { printDeclarations, type Declaration } from '../emit/declarations';
import { generatedHeader } from '../emit/header';
import type { EmittedSchema, GeneratedFile, SourceSchema } from '../model';
import { codecOptions, type AvroGenerateOptions } from './options';
import { renderType, type RenderContext, type Variant } from './render-type';
import type { NamedDef, TopLevelSchema } from './schema-model';
import { RUNTIME_MODULE } from '../emit/runtime-import';

/** A descriptor a module exports, and where other modules import it from. */
export interface ModuleDescriptor {
  readonly module: string;
  readonly exportName: string;
  readonly fullName: string;
}

export interface ModuleInput {
  readonly source: SourceSchema;
  readonly module: string;
  /** Named types this module defines, in definition order. */
  readonly defs: readonly NamedDef[];
  readonly topLevel: ReadonlyArray<{
    readonly schema: TopLevelSchema;
    readonly typeName: string;
    readonly descriptor: string;
    /** Full name recorded in the descriptor. */
    readonly fullName: string;
    readonly schemaText: string;
    readonly references: ReadonlyArray<{
      readonly name: string;
      readonly subject: string;
      readonly version: number;
      readonly descriptor: ModuleDescriptor;
    }>;
  }>;
  readonly ctx: Omit<RenderContext, 'use'>;
  readonly moduleOf: (fullName: string) => string;
  readonly options: AvroGenerateOptions;
}

function docs(lines: ReadonlyArray<string | undefined>): string | undefined {
  const text = lines.filter((l): l is string => l !== undefined && l !== '').join('\n');
  return text === '' ? undefined : text.replace(/\*\//g, '*\\/');
}

function literal(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function relativeImport(from: string, to: string): string {
  const rel = path.posix.relative(path.posix.dirname(from), to);
  return rel.startsWith('.') ? rel : `./${rel}`;
}

function aliasesLine(aliases: readonly string[]): string | undefined {
  return aliases.length > 0 ? `Avro aliases: ${aliases.join(', ')}.` : undefined;
}

/** One generated module: the types of the named types a source defines, and a descriptor per top-level schema. */
export function emitModule(input: ModuleInput): { file: GeneratedFile; schemas: EmittedSchema[] } {
  const imports = new Map<string, Set<string>>(); // module → names ("type X" or value "X")
  const addImport = (module: string, name: string): void => {
    if (module === input.module) return;
    imports.set(module, (imports.get(module) ?? new Set()).add(name));
  };
  const ctx: RenderContext = {
    ...input.ctx,
    use: (fullName: string, variant: Variant) => {
      const names = variant === 'input' ? input.ctx.names.input : input.ctx.names.type;
      addImport(input.moduleOf(fullName), `type ${names.get(fullName)!}`);
    },
  };
  const statements: Declaration[] = [];
  for (const def of input.defs) statements.push(...emitNamed(def, ctx));

  const schemas: EmittedSchema[] = [];
  for (const top of input.topLevel) {
    const output = renderType(top.schema.type, 'output', ctx);
    const inputType = renderType(top.schema.type, 'input', ctx);
    const isNamed = top.schema.type.kind === 'named';
    let inputName = isNamed && inputType !== output ? inputType : top.typeName;
    if (!isNamed) {
      const alias = (name: string, type: string, doc: string): Declaration => ({
        kind: 'type',
        name,
        type,
        docs: docs([doc]),
      });
      statements.push(alias(top.typeName, output, `The top-level schema of ${top.schema.source.path}.`));
      if (inputType !== output) {
        inputName = `${top.typeName}${input.options.inputSuffix}`;
        statements.push(alias(inputName, inputType, `Producer input of ${top.typeName}.`));
      }
    }
    for (const ref of top.references) addImport(ref.descriptor.module, ref.descriptor.exportName);
    const fields = [
      ...(top.schema.source.subject !== undefined ? [`subject: ${literal(top.schema.source.subject)}`] : []),
      ...(top.schema.source.version !== undefined ? [`version: ${top.schema.source.version}`] : []),
      ...(top.schema.source.id !== undefined ? [`id: ${top.schema.source.id}`] : []),
      `name: ${literal(top.fullName)}`,
      `schema: ${literal(top.schemaText)}`,
      `references: [${top.references
        .map(
          (r) =>
            `\n    { name: ${literal(r.name)}, subject: ${literal(r.subject)}, version: ${r.version}, schema: ${r.descriptor.exportName} },`,
        )
        .join('')}${top.references.length > 0 ? '\n  ' : ''}]`,
      `options: { ${Object.entries(codecOptions(input.options))
        .map(([k, v]) => `${k}: ${literal(v)}`)
        .join(', ')} }`,
    ];
    const doc = `Descriptor of ${top.fullName}${top.schema.source.subject ? ` (subject ${top.schema.source.subject})` : ''}.`;
    // Written as text: the initializer keeps its own layout.
    statements.push({
      kind: 'text',
      text: `/** ${doc} */\nexport const ${top.descriptor} = avroSchema<${inputName}, ${top.typeName}>({\n${fields.map((f) => `  ${f},`).join('\n')}\n});`,
    });
    schemas.push({
      format: 'AVRO',
      fullName: top.fullName,
      ...(top.schema.source.subject !== undefined ? { subject: top.schema.source.subject } : {}),
      module: input.module,
      descriptorExport: top.descriptor,
      typeExport: top.typeName,
      inputTypeExport: inputName,
    });
  }

  const importStatements: Declaration[] = [];
  if (input.topLevel.length > 0) {
    importStatements.push({ kind: 'import', module: RUNTIME_MODULE, names: ['avroSchema'] });
  }
  for (const module of [...imports.keys()].sort()) {
    const names = [...imports.get(module)!].sort((a, b) => {
      const [x, y] = [a.replace(/^type /, ''), b.replace(/^type /, '')];
      return x < y ? -1 : x > y ? 1 : 0;
    });
    importStatements.push({ kind: 'import', module: relativeImport(input.module, module), names });
  }

  const body = printDeclarations([...importStatements, ...statements]);
  const text = `${generatedHeader({ sources: [input.source.subject ?? input.source.path], options: { ...input.options } })}${body}`;
  return { file: { path: `${input.module}.ts`, content: text.endsWith('\n') ? text : `${text}\n` }, schemas };
}

function emitNamed(def: NamedDef, ctx: RenderContext): Declaration[] {
  const header = [def.doc, `Avro ${def.kind} \`${def.fullName}\`.`, aliasesLine(def.aliases)];
  const typeName = ctx.names.type.get(def.fullName)!;
  if (def.kind === 'enum') {
    return [
      {
        kind: 'type',
        name: typeName,
        type: def.symbols.map((s) => literal(s)).join(' | ') || 'never',
        docs: docs([...header, def.default !== undefined ? `Default symbol: ${def.default}.` : undefined]),
      },
      {
        kind: 'const',
        docs: docs([`The symbols of ${typeName}, in schema order.`]),
        name: typeName,
        // A computed key: `__proto__: …` in an object literal would set the prototype, not a property.
        initializer: `{ ${def.symbols.map((s) => `${s === '__proto__' ? `['${s}']` : s}: ${literal(s)}`).join(', ')} } as const`,
      },
    ];
  }
  if (def.kind === 'fixed') {
    return [
      {
        kind: 'type',
        name: typeName,
        type: def.logical ? 'string' : 'Buffer',
        docs: docs([
          ...header,
          def.logical
            ? `Decimal(${def.logical.kind === 'decimal' ? `${def.logical.precision}, ${def.logical.scale}` : ''}) in ${def.size} bytes, as an exact decimal string.`
            : `Exactly ${def.size} bytes.`,
        ]),
      },
    ];
  }
  const record = (variant: Variant, name: string): Declaration => ({
    kind: 'interface',
    name,
    docs: docs(
      variant === 'input'
        ? [`Producer input of ${typeName}: fields with a default may be left out.`]
        : header,
    ),
    properties: def.fields.map((f) => ({
      name: f.name,
      type: renderType(f.type, variant, ctx),
      optional: variant === 'input' && f.hasDefault,
      docs: docs([
        f.doc,
        aliasesLine(f.aliases),
        f.hasDefault ? `@default ${JSON.stringify(f.default)}` : undefined,
      ]),
    })),
  });
  const inputName = ctx.names.input.get(def.fullName);
  return inputName ? [record('output', typeName), record('input', inputName)] : [record('output', typeName)];
}
