import { generatedHeader } from '../../../../codegen/emit/header';
import { CodegenError } from '../../../../codegen/errors';
import type { FormatGenerator, SourceSchema } from '../../../../codegen/model';

/**
 * A stand-in Avro generator for pipeline tests: one module per top-level record, with the real header and
 * descriptor shape, and a `CodegenError` naming the file for invalid JSON or a record without a name.
 */
export const fakeAvroGenerator: FormatGenerator<{ readonly long?: string }> = (sources, options) => {
  const files = [];
  const schemas = [];
  for (const source of sources) {
    const { fullName, simple } = recordName(source);
    const module = fullName.toLowerCase().replace(/\./g, '/');
    const lines = [
      generatedHeader({ sources: [source.subject ?? source.path], options }),
      `import { avroSchema } from 'kgen';`,
      ``,
      `export type ${simple} = { readonly [field: string]: unknown };`,
      `export const ${simple}Schema = avroSchema<${simple}>({`,
      `  name: ${JSON.stringify(fullName)},`,
      ...(source.subject !== undefined ? [`  subject: ${JSON.stringify(source.subject)},`] : []),
      `  schema: ${JSON.stringify(source.text)},`,
      `  references: [],`,
      `  options: { long: 'number', unions: 'wrapped', timestamps: 'date', date: 'date', decimal: 'string' },`,
      `});`,
      ``,
    ];
    files.push({ path: `${module}.ts`, content: lines.join('\n') });
    schemas.push({
      format: 'AVRO' as const,
      fullName,
      ...(source.subject !== undefined ? { subject: source.subject } : {}),
      module,
      descriptorExport: `${simple}Schema`,
      typeExport: simple,
      inputTypeExport: simple,
    });
  }
  return { files, schemas };
};

function recordName(source: SourceSchema): { fullName: string; simple: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(source.text);
  } catch {
    throw new CodegenError('INVALID_JSON', 'invalid JSON', { file: source.path });
  }
  const name = (parsed as { name?: unknown }).name;
  const namespace = (parsed as { namespace?: unknown }).namespace;
  if (typeof name !== 'string')
    throw new CodegenError('INVALID_SCHEMA', 'record has no name', { file: source.path, path: '$.name' });
  const fullName = typeof namespace === 'string' ? `${namespace}.${name}` : name;
  return { fullName, simple: fullName.split('.').pop()! };
}

/** Fake generators keyed by format, as `generate`/`generateProject` take them. */
export const fakeGenerators = { AVRO: (sources: readonly SourceSchema[]) => fakeAvroGenerator(sources, {}) };
