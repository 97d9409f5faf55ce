import * as path from 'node:path';
import { parseInto, registerReferences } from '../../src/serde/avro/build-type';
import { CodegenError } from '../errors';
import type { EmittedSchema, FormatGenerator, GeneratedFile, SourceSchema } from '../model';
import { buildModel } from './build-model';
import { emitModule, type ModuleDescriptor, type ModuleInput } from './emit-module';
import { codecOptions, type AvroGenerateOptions } from './options';
import { recordsWithInputType } from './render-type';
import type { AvroModel, TopLevelSchema } from './schema-model';
import { selfContained } from './schema-text';
import { assignTypeNames } from './type-names';
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

function where(source: SourceSchema) {
  return { file: source.path, ...(source.subject !== undefined ? { subject: source.subject } : {}) };
}

type Top = ModuleInput['topLevel'][number];

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

  const tops = new Map<TopLevelSchema, Top>();
  const firstTopOf = new Map<SourceSchema, Top>();
  const describe = (top: TopLevelSchema): Top => {
    const known = tops.get(top);
    if (known) return known;
    const typeName =
      top.type.kind === 'named' ? names.type.get(top.type.fullName)! : pascalFileName(modulePath(top.source));
    const fullName = top.type.kind === 'named' ? top.type.fullName : typeName;
    const asRegistered = top.source.subject !== undefined && !top.source.path.endsWith('.avdl');
    const references = asRegistered
      ? top.source.references.map((ref) => {
          const target = sorted.find(
            (s) => s.subject === ref.subject && (s.version === undefined || s.version === ref.version),
          );
          const targetTop = target && model.topLevel.find((t) => t.source === target);
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
      descriptor: `${typeName}Schema`,
      fullName,
      schemaText,
      references,
    };
    tops.set(top, result);
    if (!firstTopOf.has(top.source)) firstTopOf.set(top.source, result);
    return result;
  };
  model.topLevel.forEach(describe);
  checkWithCodec([...tops.values()], tops, options);

  const files: GeneratedFile[] = [];
  const schemas: EmittedSchema[] = [];
  for (const source of sorted) {
    const out = emitModule({
      source,
      module: modulePath(source),
      defs: [...named.values()].filter((d) => d.source === source),
      topLevel: model.topLevel.filter((t) => t.source === source).map((t) => tops.get(t)!),
      ctx: { named, names, options },
      moduleOf,
      options,
    });
    files.push(out.file);
    schemas.push(...out.schemas);
  }
  return { files, schemas };
};

/** Every descriptor must build with the runtime codec exactly as generated (it is what the SDK will do). */
function checkWithCodec(
  all: readonly Top[],
  tops: ReadonlyMap<TopLevelSchema, Top>,
  options: AvroGenerateOptions,
): void {
  const byDescriptor = new Map(all.map((t) => [`${t.descriptor}@${t.schema.source.path}`, t]));
  const flatten = (top: Top, out: Array<{ name: string; schema: string }>, seen: Set<string>) => {
    for (const ref of top.references) {
      if (seen.has(ref.name)) continue;
      seen.add(ref.name);
      const target = [...tops.values()].find(
        (t) => t.descriptor === ref.descriptor.exportName && t.fullName === ref.descriptor.fullName,
      );
      if (target) flatten(target, out, seen);
      out.push({ name: ref.name, schema: target?.schemaText ?? '' });
    }
    return out;
  };
  const codec = codecOptions(options);
  for (const top of byDescriptor.values()) {
    try {
      const registry = {};
      registerReferences(flatten(top, [], new Set()), codec, registry);
      parseInto(top.schemaText, codec, registry, top.fullName);
    } catch (err) {
      throw new CodegenError(
        'INVALID_SCHEMA',
        (err as Error).message,
        { ...where(top.schema.source), path: top.schema.path },
        { cause: err },
      );
    }
  }
}
