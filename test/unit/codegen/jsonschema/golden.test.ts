import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateJsonSchema } from '../../../../codegen/jsonschema';
import { GOLDEN_ROOT, loadShop, VARIANTS } from './schema-set';

/** Goldens: `UPDATE_GOLDENS=1 npx jest test/unit/codegen/jsonschema --selectProjects unit` rewrites them. */
const update = process.env['UPDATE_GOLDENS'] === '1';

function listGoldens(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listGoldens(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .filter((f) => f.endsWith('.ts'));
}

describe.each(Object.entries(VARIANTS))('generateJsonSchema goldens (%s options)', (variant, options) => {
  const dir = path.join(GOLDEN_ROOT, variant);
  const out = generateJsonSchema(loadShop(), options);

  if (update) {
    for (const stale of listGoldens(dir)) fs.rmSync(stale);
    for (const file of out.files) {
      fs.mkdirSync(path.dirname(path.join(dir, file.path)), { recursive: true });
      fs.writeFileSync(path.join(dir, file.path), file.content);
    }
    fs.writeFileSync(path.join(dir, 'schemas.json'), `${JSON.stringify(out.schemas, null, 2)}\n`);
  }

  it('writes exactly the committed files', () => {
    const expected = listGoldens(dir).map((f) => path.relative(dir, f).split(path.sep).join('/'));
    expect(out.files.map((f) => f.path).sort()).toEqual(expected.sort());
  });

  it.each(out.files.map((f) => [f.path, f.content] as const))('matches the golden %s', (file, content) => {
    expect(content).toBe(fs.readFileSync(path.join(dir, file), 'utf8'));
  });

  it('reports the emitted schemas as committed', () => {
    expect(JSON.parse(JSON.stringify(out.schemas))).toEqual(
      JSON.parse(fs.readFileSync(path.join(dir, 'schemas.json'), 'utf8')),
    );
  });

  it('is deterministic whatever the source order', () => {
    expect(generateJsonSchema([...loadShop()].reverse(), options)).toEqual(out);
  });
});
