import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateJsonSchema } from '../../../../codegen/jsonschema';
import { createJsonCodec } from '../../../../src/serde/json';
import { jsonSchema } from '../../../../src/topics';
import { compileGenerated } from '../protobuf/compile-generated';
import { loadShop, VARIANTS } from './schema-set';

const PER_SCHEMA = 12;
const REPO = path.resolve(__dirname, '../../../..');

/**
 * Random instances from json-schema-faker (an independent generator; ESM-only, so it runs in a child Node
 * process), seeded so a failure reproduces.
 */
function fake(schemas: readonly unknown[], count: number): unknown[][] {
  const script = `
    import { generateSync } from 'json-schema-faker';
    let input = '';
    for await (const chunk of process.stdin) input += chunk;
    const { schemas, count } = JSON.parse(input);
    const out = schemas.map((schema) =>
      Array.from({ length: count }, (_, seed) => generateSync(schema, { seed: seed + 1, maxDepth: 3 })));
    process.stdout.write(JSON.stringify(out));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: REPO,
    input: JSON.stringify({ schemas, count }),
    encoding: 'utf8',
    timeout: 60_000,
  });
  return JSON.parse(out) as unknown[][];
}

describe('JSON Schema property test: random valid instances against the emitted types and the codec', () => {
  const options = VARIANTS.default!;
  const out = generateJsonSchema(loadShop(), options);
  const descriptors = out.schemas.map((s) => {
    const module = out.files.find((f) => f.path === `${s.module}.ts`)!.content;
    // The descriptor's schema text, as the generated module embeds it (single-quoted literal).
    const literal = /schema: '((?:[^'\\]|\\.)*)',/.exec(module)![1]!.replace(/\\(.)/g, '$1');
    return { emitted: s, schema: literal };
  });
  const candidates = fake(
    descriptors.map((d) => JSON.parse(d.schema) as unknown),
    PER_SCHEMA,
  );
  const codecs = descriptors.map((d) =>
    createJsonCodec(jsonSchema({ name: d.emitted.fullName, schema: d.schema, references: [], options })),
  );
  // json-schema-faker gets some rules wrong: draft-7 tuples (`items: [...]`: a number where the schema says
  // integer, a third item), and Order's lines (it writes 0 for `minimum: 1` quantities and null or an
  // array for the unitPrice `$ref` to a file whose root is a `$ref`): those two fields are repaired. The
  // properties below run on the instances our validator accepts; at least half of each schema's must be.
  for (const values of candidates)
    for (const v of values)
      for (const line of (v as { lines?: Array<{ quantity?: number; unitPrice?: unknown }> }).lines ?? []) {
        if (typeof line.quantity === 'number' && line.quantity < 1) line.quantity = 1;
        const price = line.unitPrice;
        if (typeof price !== 'object' || price === null || Array.isArray(price))
          line.unitPrice = { amount: 9.5 };
      }
  const instances = candidates.map((values, i) => values.filter((v) => codecs[i]!.accepts(v)));

  it('most generated instances validate', () => {
    const accepted = descriptors.map((d, i) => [d.emitted.fullName, instances[i]!.length * 2 >= PER_SCHEMA]);
    expect(accepted).toEqual(descriptors.map((d) => [d.emitted.fullName, true]));
  });

  it('every valid instance encodes to its JSON text and decodes back (defaults filled in)', () => {
    descriptors.forEach((_d, i) => {
      for (const value of instances[i]!) {
        const bytes = codecs[i]!.encode(value);
        expect(bytes.toString('utf8')).toBe(JSON.stringify(value));
        expect(codecs[i]!.decode(bytes)).toMatchObject(value as object);
      }
    });
  });

  it('every instance compiles as a literal of the producer input type, and its decoded value as the output type', () => {
    const lines: string[] = [];
    descriptors.forEach((d, i) => {
      const { module, inputTypeExport, typeExport } = d.emitted;
      lines.push(
        `import type { ${[...new Set([inputTypeExport, typeExport])].join(', ')} } from './${module}';`,
      );
      instances[i]!.forEach((value, n) => {
        const decoded = codecs[i]!.decode(codecs[i]!.encode(value));
        lines.push(`export const in_${i}_${n}: ${inputTypeExport} = ${JSON.stringify(value)};`);
        lines.push(`export const out_${i}_${n}: ${typeExport} = ${JSON.stringify(decoded)};`);
      });
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgen-json-prop-'));
    try {
      const result = compileGenerated(
        [...out.files, { path: 'literals.ts', content: `${lines.join('\n')}\n` }],
        dir,
      );
      expect(result.diagnostics).toEqual([]);
      expect(lines.length).toBeGreaterThan(descriptors.length * PER_SCHEMA);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
