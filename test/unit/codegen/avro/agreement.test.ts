import * as path from 'node:path';
import * as avro from 'avsc';
import { Project } from 'ts-morph';
import { generateAvro } from '../../../../codegen/avro/generate-avro';
import { createAvroCodec } from '../../../../src/serde/avro/codec';
import { parseInto, registerReferences } from '../../../../src/serde/avro/build-type';
import type { AvroSchemaDescriptor, SchemaReference } from '../../../../src/topics';
import { GOLDEN_ROOT, loadSchemaSet, VARIANTS } from './schema-set';

/**
 * Type/runtime agreement: random values of every test schema (avsc's `Type.random()` on the codec's own
 * types) round-trip through `createAvroCodec`, and — written out as TypeScript literals — are assignable to
 * the emitted types: producer input for the random value, consumer output for the decoded one. The literals
 * are compiled with the repo's tsconfig (strict) in memory.
 */

const SAMPLES = 8;
const REPO = path.resolve(__dirname, '../../../..');

/** avsc's random collections can be up to 10 long at every level; recursive schemas would never end. */
function boundedRandom(type: avro.Type): unknown {
  const arrays = avro.types.ArrayType.prototype as unknown as { random(this: avro.types.ArrayType): unknown };
  const maps = avro.types.MapType.prototype as unknown as { random(this: avro.types.MapType): unknown };
  const [arrayRandom, mapRandom] = [arrays.random, maps.random];
  let budget = 12;
  const length = () => {
    const n = Math.min(budget, Math.floor(Math.random() * 4));
    budget -= n;
    return n;
  };
  arrays.random = function () {
    return Array.from({ length: length() }, () => this.itemsType.random());
  };
  maps.random = function () {
    return Object.fromEntries(
      Array.from({ length: length() }, (_, i) => [`k${i}${i % 2 ? ' \'\\"' : ''}`, this.valuesType.random()]),
    );
  };
  try {
    return type.random();
  } finally {
    arrays.random = arrayRandom;
    maps.random = mapRandom;
  }
}

function flatten(refs: readonly SchemaReference[], out: Array<{ name: string; schema: string }> = []) {
  for (const r of refs) {
    flatten(r.schema.references, out);
    out.push({ name: r.name, schema: r.schema.schema });
  }
  return out;
}

/** The codec's avsc type for a descriptor (same options, same logical types, same union wrapping). */
function codecType(d: AvroSchemaDescriptor): avro.Type {
  const registry = {};
  registerReferences(flatten(d.references), d.options, registry);
  return parseInto(d.schema, d.options, registry, d.name);
}

/** A TypeScript expression for a runtime value (Date, Buffer and bigint as constructor expressions). */
export function tsLiteral(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : Object.is(v, -0) ? '-0' : String(v);
  if (typeof v === 'string' || typeof v === 'boolean') return JSON.stringify(v);
  if (v instanceof Date) return `new Date(${v.getTime()})`;
  if (Buffer.isBuffer(v)) return `Buffer.from('${v.toString('hex')}', 'hex')`;
  if (Array.isArray(v)) return `[${v.map(tsLiteral).join(', ')}]`;
  if (typeof v === 'object') {
    return `{ ${Object.entries(v)
      .map(([k, x]) => `${JSON.stringify(k)}: ${tsLiteral(x)}`)
      .join(', ')} }`;
  }
  throw new Error(`no literal for ${typeof v}`);
}

let project: Project | undefined;
function typeErrors(file: string, text: string): string[] {
  project ??= new Project({
    tsConfigFilePath: path.join(REPO, 'tsconfig.json'),
    skipAddingFilesFromTsConfig: true,
  });
  const source = project.createSourceFile(file, text, { overwrite: true });
  project.resolveSourceFileDependencies();
  return source
    .getPreEmitDiagnostics()
    .map((d) => `${d.getLineNumber()}: ${project!.formatDiagnosticsWithColorAndContext([d])}`);
}

describe.each(Object.entries(VARIANTS))('type/runtime agreement (%s options)', (variant, options) => {
  const dir = path.join(GOLDEN_ROOT, variant);
  const { schemas } = generateAvro(loadSchemaSet(options), options);
  const imports: string[] = [];
  const assertions: string[] = [];
  let negative = '';

  it.each(schemas.map((s) => [s.fullName, s] as const))('%s round-trips random values', (_name, s) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the golden modules, compiled by ts-jest
    const mod = require(path.join(dir, s.module)) as Record<string, unknown>;
    const descriptor = mod[s.descriptorExport] as AvroSchemaDescriptor;
    expect(descriptor.options).toEqual(
      expect.objectContaining({ long: options.long, unions: options.unions }),
    );
    const codec = createAvroCodec(descriptor);
    const type = codecType(descriptor);
    const alias = `M${imports.length}`;
    imports.push(`import type * as ${alias} from './${s.module}';`);
    for (let i = 0; i < SAMPLES; i++) {
      const value = boundedRandom(type);
      const payload = codec.encode(value);
      const decoded = codec.decode(payload);
      expect(codec.encode(decoded)).toEqual(payload);
      expect(codec.accepts(decoded)).toBe(true);
      const n = assertions.length;
      assertions.push(
        `const in${n}: ${alias}.${s.inputTypeExport} = ${tsLiteral(value)};`,
        `const out${n}: ${alias}.${s.typeExport} = ${tsLiteral(decoded)};`,
      );
      if (!negative && decoded !== null && typeof decoded === 'object' && !Array.isArray(decoded)) {
        // Control: the same literal with one field removed must not be an output value.
        const [first] = Object.keys(decoded);
        const { [first!]: _dropped, ...rest } = decoded as Record<string, unknown>;
        negative = `${imports.at(-1)}\nconst bad: ${alias}.${s.typeExport} = ${tsLiteral(rest)};\nexport {};\n`;
      }
    }
  });

  it('compiles the literals against the emitted types (tsc --strict, repo tsconfig)', () => {
    expect(assertions.length).toBe(2 * SAMPLES * schemas.length);
    const text = [...imports, ...assertions, 'export {};', ''].join('\n');
    expect(typeErrors(path.join(dir, '__agreement__.ts'), text)).toEqual([]);
  }, 120_000);

  it('fails to compile a literal missing a required field (the check can fail)', () => {
    expect(negative).not.toBe('');
    expect(typeErrors(path.join(dir, '__negative__.ts'), negative).join('\n')).toMatch(
      /is missing|not assignable/,
    );
  }, 120_000);
});
