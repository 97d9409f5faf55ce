import * as path from 'node:path';
import { printDeclarations, type Declaration } from '../emit/declarations';
import { generatedHeader } from '../emit/header';
import { RUNTIME_MODULE } from '../emit/runtime-import';
import { CodegenError } from '../errors';
import type { EmittedSchema, FormatGenerator, GeneratedFile, SourceSchema } from '../model';
import { bundle } from './bundle';
import {
  atPointer,
  DocumentSet,
  parseDocument,
  whereOf,
  type JsonDocument,
  type SchemaLocation,
} from './documents';
import type { ResolvedJsonGenerateOptions } from './options';
import {
  docs,
  isPlainObject,
  literal,
  objectMembers,
  renderSchema,
  type RenderContext,
  type Variant,
} from './render-type';

/** A subschema that gets its own exported type: a document root or a `$defs`/`definitions` entry. */
interface NamedType {
  readonly at: SchemaLocation;
  readonly key: string;
  readonly module: string;
  readonly name: string;
  inputName: string | undefined;
}

const INPUT_SUFFIX = 'Input';

function modulePath(source: SourceSchema): string {
  return source.path.replace(/\.json$/, '');
}

function pascal(text: string): string {
  const base = text.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase());
  const name = base.charAt(0).toUpperCase() + base.slice(1);
  return /^[A-Za-z_]/.test(name) ? name : `Schema${name}`;
}

function keyOf(at: SchemaLocation): string {
  return `${at.doc.source.path}#${at.pointer}`;
}

function relativeImport(from: string, to: string): string {
  const rel = path.posix.relative(path.posix.dirname(from), to);
  return rel.startsWith('.') ? rel : `./${rel}`;
}

/** The schema's own name: its `title` when it is one word or phrase, else its file name. */
function rootName(doc: JsonDocument): string {
  const title = (doc.root as { title?: unknown } | null)?.title;
  return typeof title === 'string' && /[A-Za-z]/.test(title)
    ? pascal(title)
    : pascal(path.posix.basename(modulePath(doc.source)));
}

/** Names unique across the output (modules import each other's types), first claimant by path order. */
function allocator(): (base: string) => string {
  const taken = new Set<string>();
  return (base) => {
    let name = base;
    for (let i = 2; taken.has(name) || taken.has(`${name}${INPUT_SUFFIX}`); i++) name = `${base}${i}`;
    taken.add(name);
    return name;
  };
}

function namedTypes(
  docs: readonly JsonDocument[],
  allocate: (base: string) => string,
): Map<string, NamedType> {
  const out = new Map<string, NamedType>();
  for (const doc of docs) {
    const add = (pointer: string, base: string) => {
      const at = { doc, pointer };
      out.set(keyOf(at), {
        at,
        key: keyOf(at),
        module: modulePath(doc.source),
        name: allocate(base),
        inputName: undefined,
      });
    };
    add('', rootName(doc));
    for (const container of ['$defs', 'definitions']) {
      const defs = atPointer(doc.root, `/${container}`);
      if (typeof defs !== 'object' || defs === null) continue;
      for (const name of Object.keys(defs))
        add(`/${container}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`, pascal(name));
    }
  }
  return out;
}

/**
 * Which named types need a separate producer-input type: those whose own properties have defaults (filled
 * in on consume, so required in the output only), and those that reach one of them.
 */
function markInputTypes(
  named: Map<string, NamedType>,
  set: DocumentSet,
  options: ResolvedJsonGenerateOptions,
): void {
  const refs = new Map<NamedType, Set<NamedType>>();
  const differs = new Set<NamedType>();
  for (const type of named.values()) {
    const uses = new Set<NamedType>();
    const ctx: RenderContext = {
      set,
      options,
      named: (at) => {
        const hit = named.get(keyOf(at));
        if (hit) uses.add(hit);
        return hit?.name;
      },
    };
    if (renderSchema(type.at, 'output', ctx) !== renderSchema(type.at, 'input', ctx)) differs.add(type);
    refs.set(type, uses);
  }
  for (let changed = true; changed;) {
    changed = false;
    for (const [type, uses] of refs)
      if (!differs.has(type) && [...uses].some((u) => differs.has(u))) {
        differs.add(type);
        changed = true;
      }
  }
  for (const type of differs) type.inputName = `${type.name}${INPUT_SUFFIX}`;
}

/**
 * JSON Schema sources → one TypeScript module per source: a type per root and `$defs`/`definitions` entry
 * (interfaces for plain objects; a producer-input type beside those whose defaults make input and output
 * differ) and a `jsonSchema` descriptor per source. Pure and deterministic.
 */
export const generateJsonSchema: FormatGenerator<ResolvedJsonGenerateOptions> = (sources, options) => {
  const sorted = [...sources].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const documents = sorted.map(parseDocument);
  const set = new DocumentSet(documents);
  const allocate = allocator();
  const named = namedTypes(documents, allocate);
  markInputTypes(named, set, options);
  const descriptors = new Map(
    documents.map((d) => [d, allocate(`${named.get(keyOf({ doc: d, pointer: '' }))!.name}Schema`)]),
  );

  const files: GeneratedFile[] = [];
  const schemas: EmittedSchema[] = [];
  for (const doc of documents) {
    const module = modulePath(doc.source);
    const imports = new Map<string, Set<string>>();
    const addImport = (from: string, name: string) => {
      if (from !== module) imports.set(from, (imports.get(from) ?? new Set()).add(name));
    };
    const ctx: RenderContext = {
      set,
      options,
      named: (at, variant) => {
        const hit = named.get(keyOf(at));
        if (!hit) return undefined;
        const name = variant === 'input' && hit.inputName !== undefined ? hit.inputName : hit.name;
        addImport(hit.module, `type ${name}`);
        return name;
      },
    };
    const statements: Declaration[] = [];
    const own = [...named.values()].filter((t) => t.at.doc === doc);
    for (const type of own) {
      const description = (atPointer(doc.root, type.at.pointer) as { description?: unknown } | null)
        ?.description;
      const where = `JSON Schema ${type.at.pointer === '' ? (doc.source.subject ?? doc.source.path) : `${doc.source.path}#${type.at.pointer}`}.`;
      const emit = (variant: Variant, name: string, doc: string | undefined): Declaration =>
        isPlainObject(type.at)
          ? { kind: 'interface', name, properties: objectMembers(type.at, variant, ctx), docs: doc }
          : { kind: 'type', name, type: renderSchema(type.at, variant, ctx), docs: doc };
      statements.push(
        emit('output', type.name, docs([typeof description === 'string' ? description : undefined, where])),
      );
      if (type.inputName !== undefined)
        statements.push(
          emit(
            'input',
            type.inputName,
            docs([`Producer input of ${type.name}: properties with a default may be left out.`]),
          ),
        );
    }

    const root = named.get(keyOf({ doc, pointer: '' }))!;
    const registered = doc.source.subject !== undefined;
    const references = registered
      ? doc.source.references.map((ref) => {
          const target = set.document(ref.name, doc);
          if (target === undefined)
            throw new CodegenError(
              'MISSING_REFERENCE',
              `referenced subject ${ref.subject} version ${ref.version} (for ${ref.name}) is not among the schemas`,
              whereOf(doc.source),
            );
          const exportName = descriptors.get(target)!;
          addImport(modulePath(target.source), exportName);
          return `\n    { name: ${literal(ref.name)}, subject: ${literal(ref.subject)}, version: ${ref.version}, schema: ${exportName} },`;
        })
      : [];
    // A registered schema is kept as registered (lookups compare the text); a local one is made self-contained.
    const schemaText = registered ? doc.source.text : JSON.stringify(bundle(doc, set));
    const fields = [
      ...(doc.source.subject !== undefined ? [`subject: ${literal(doc.source.subject)}`] : []),
      ...(doc.source.version !== undefined ? [`version: ${doc.source.version}`] : []),
      ...(doc.source.id !== undefined ? [`id: ${doc.source.id}`] : []),
      `name: ${literal(root.name)}`,
      `schema: ${literal(schemaText)}`,
      `references: [${references.join('')}${references.length > 0 ? '\n  ' : ''}]`,
      `options: { dateTime: ${literal(options.dateTime)}, validateOnConsume: ${options.validateOnConsume} }`,
    ];
    const descriptor = descriptors.get(doc)!;
    statements.push({
      kind: 'text',
      text: `/** Descriptor of ${root.name}${doc.source.subject ? ` (subject ${doc.source.subject})` : ''}. */\nexport const ${descriptor} = jsonSchema<${root.inputName ?? root.name}, ${root.name}>({\n${fields.map((f) => `  ${f},`).join('\n')}\n});`,
    });
    schemas.push({
      format: 'JSON',
      fullName: root.name,
      ...(doc.source.subject !== undefined ? { subject: doc.source.subject } : {}),
      module,
      descriptorExport: descriptor,
      typeExport: root.name,
      inputTypeExport: root.inputName ?? root.name,
    });

    const importStatements: Declaration[] = [
      { kind: 'import', module: RUNTIME_MODULE, names: ['jsonSchema'] },
    ];
    for (const from of [...imports.keys()].sort()) {
      const names = [...imports.get(from)!].sort((a, b) => {
        const [x, y] = [a.replace(/^type /, ''), b.replace(/^type /, '')];
        return x < y ? -1 : x > y ? 1 : 0;
      });
      importStatements.push({ kind: 'import', module: relativeImport(module, from), names });
    }
    const body = printDeclarations([...importStatements, ...statements]);
    const text = `${generatedHeader({ sources: [doc.source.subject ?? doc.source.path], options: { ...options } })}${body}`;
    files.push({ path: `${module}.ts`, content: text.endsWith('\n') ? text : `${text}\n` });
  }
  return { files, schemas };
};
