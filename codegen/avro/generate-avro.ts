import * as path from 'node:path';
import { parseInto, registerReferences, type AvroRegistry } from '../../src/serde/avro/build-type';
import { CodegenError } from '../errors';
import type { EmittedSchema, FormatGenerator, GeneratedFile, SourceSchema } from '../model';
import { buildModel } from './build-model';
import { emitModule, type ModuleDescriptor, type ModuleInput } from './emit-module';
import { codecOptions, type AvroGenerateOptions } from './options';
import { recordsWithInputType } from './render-type';
import type { AvroModel, TopLevelSchema } from './schema-model';
import { selfContained } from './schema-text';
import { assignTypeNames, type TypeNames } from './type-names';
import { validateModel } from './validate-model';

function modulePath(source: SourceSchema): string {
  return source.path.replace(/\.(avsc|avdl|json)$/, '');
}

function pascalFileName(module: string): string {
  const base = path.posix
    .basename(module)
    .replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase());
  const name = base.charAt(0).toUpperCase() + base.slice(1);
  return /^[A-Za-z_]/.test(name) ? name : `Schema${name}`;
}

/**
 * Allocates names that must be unique across the output: aliases of unnamed top-level schemas (named after
 * their file) and descriptor consts. The first claimant (sources in path order) gets the plain name, later
 * ones a number; names of named types are never taken.
 */
function nameAllocator(names: TypeNames): (base: string) => string {
  const taken = new Set([...names.type.values(), ...names.input.values()]);
  return (base) => {
    let name = base;
    for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
    taken.add(name);
    return name;
  };
}

function where(source: SourceSchema) {
  return { file: source.path, ...(source.subject !== undefined ? { subject: source.subject } : {}) };
}

type Top = ModuleInput['topLevel'][number];

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const group = out.get(key(item));
    if (group) group.push(item);
    else out.set(key(item), [item]);
  }
  return out;
}

/**
 * Avro sources → one TypeScript module per source: every named type it defines (records as output type plus
 * producer input type where they differ, enums as literal unions plus a const, fixed as Buffer) and an
 * `avroSchema` descriptor per top-level schema. Pure and deterministic.
 */
export const generateAvro: FormatGenerator<AvroGenerateOptions> = (sources, options) => {
  const sorted = [...sources].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const model: AvroModel = buildModel(sorted, options);
  validateModel(model, options);
  const named = model.named;
  const names = assignTypeNames([...named.values()], recordsWithInputType(named), options.inputSuffix);
  const moduleOf = (fullName: string): string => modulePath(named.get(fullName)!.source);

  const bySubject = new Map<string, SourceSchema>();
  for (const s of sorted) {
    if (s.subject !== undefined) bySubject.set(`${s.subject}\u0000${s.version ?? ''}`, s);
  }
  const defsOf = groupBy([...named.values()], (d) => d.source);
  const topsOf = groupBy(model.topLevel, (t) => t.source);
  const allocate = nameAllocator(names);
  const tops = new Map<TopLevelSchema, Top>();
  const describe = (top: TopLevelSchema): Top => {
    const known = tops.get(top);
    if (known) return known;
    const typeName =
      top.type.kind === 'named'
        ? names.type.get(top.type.fullName)!
        : allocate(pascalFileName(modulePath(top.source)));
    const fullName = top.type.kind === 'named' ? top.type.fullName : typeName;
    const asRegistered = top.source.subject !== undefined && !top.source.path.endsWith('.avdl');
    const references = asRegistered
      ? top.source.references.map((ref) => {
          const target =
            bySubject.get(`${ref.subject}\u0000${ref.version}`) ?? bySubject.get(`${ref.subject}\u0000`);
          const targetTop = target && topsOf.get(target)?.[0];
          if (!targetTop) {
            throw new CodegenError(
              'MISSING_REFERENCE',
              `referenced subject ${ref.subject} version ${ref.version} (for ${ref.name}) is not among the schemas`,
              where(top.source),
            );
          }
          const d = describe(targetTop);
          const descriptor: ModuleDescriptor = {
            module: modulePath(target!),
            exportName: d.descriptor,
            fullName: d.fullName,
          };
          return { name: ref.name, subject: ref.subject, version: ref.version, descriptor };
        })
      : [];
    const schemaText = JSON.stringify(asRegistered ? top.json : selfContained(top.json, '', named));
    const result: Top = {
      schema: top,
      typeName,
      descriptor: allocate(`${typeName}Schema`),
      fullName,
      schemaText,
      references,
    };
    tops.set(top, result);
    return result;
  };
  model.topLevel.forEach(describe);
  checkWithCodec([...tops.values()], options);

  const files: GeneratedFile[] = [];
  const schemas: EmittedSchema[] = [];
  for (const source of sorted) {
    const out = emitModule({
      source,
      module: modulePath(source),
      defs: defsOf.get(source) ?? [],
      topLevel: (topsOf.get(source) ?? []).map((t) => tops.get(t)!),
      ctx: { named, names, options },
      moduleOf,
      options,
    });
    files.push(out.file);
    schemas.push(...out.schemas);
  }
  return { files, schemas };
};

/**
 * Every descriptor must build with the runtime codec exactly as generated (it is what the SDK will do).
 * Registered schemas are parsed once each, references first, into one shared registry; a schema that does
 * not fit there (it inlines a name another subject defines too) and self-contained ones are parsed alone.
 */
function checkWithCodec(all: readonly Top[], options: AvroGenerateOptions): void {
  const codec = codecOptions(options);
  const byRef = new Map(all.map((t) => [`${t.descriptor}\u0000${t.fullName}`, t]));
  const target = (ref: Top['references'][number]) =>
    byRef.get(`${ref.descriptor.exportName}\u0000${ref.descriptor.fullName}`);
  const shared = Object.create(null) as AvroRegistry; // no prototype: a type may be named `constructor`
  const done = new Set<Top>();
  const fail = (top: Top, err: unknown): never => {
    throw new CodegenError(
      'INVALID_SCHEMA',
      (err as Error).message,
      { ...where(top.schema.source), path: top.schema.path },
      { cause: err },
    );
  };
  const standalone = (top: Top) => {
    const refs: Array<{ name: string; schema: string }> = [];
    const seen = new Set<string>();
    const collect = (t: Top) => {
      for (const ref of t.references) {
        const dep = target(ref);
        if (seen.has(ref.name) || !dep) continue;
        seen.add(ref.name);
        collect(dep);
        refs.push({ name: ref.name, schema: dep.schemaText });
      }
    };
    collect(top);
    try {
      const registry = Object.create(null) as AvroRegistry;
      registerReferences(refs, codec, registry);
      parseInto(top.schemaText, codec, registry, top.fullName);
    } catch (err) {
      fail(top, err);
    }
  };
  const ensure = (top: Top): void => {
    if (done.has(top)) return;
    done.add(top);
    for (const ref of top.references) {
      const dep = target(ref);
      if (dep) ensure(dep);
    }
    if (top.references.length === 0 && top.schema.source.subject === undefined) return standalone(top);
    try {
      parseInto(top.schemaText, codec, shared, top.fullName);
    } catch {
      standalone(top);
    }
  };
  all.forEach(ensure);
}
