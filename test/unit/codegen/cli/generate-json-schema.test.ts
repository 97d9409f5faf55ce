import { runGenerate } from '../../../../codegen/cli/generate';
import { TempProject } from './project';

const ORDER = JSON.stringify(
  {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'Order',
    type: 'object',
    properties: { id: { type: 'string' }, to: { $ref: 'common/address.json' } },
    required: ['id'],
  },
  null,
  2,
);
const ADDRESS = JSON.stringify({ type: 'object', properties: { city: { type: 'string' } } }, null, 2);

describe('kgen generate with JSON Schema files', () => {
  let project: TempProject;
  beforeEach(() => {
    project = new TempProject();
  });
  afterEach(() => project.remove());
  const generate = (args: Parameters<typeof runGenerate>[0]) => project.run((io) => runGenerate(args, io));

  it('.json files become modules; --check is clean after, stale after a change', async () => {
    project.write({ 'schemas/order.json': ORDER, 'schemas/common/address.json': ADDRESS });
    const result = await generate({ schemas: 'schemas', out: 'gen' });
    expect(result.code).toBe(0);
    expect(Object.keys(project.tree('gen')).sort()).toEqual([
      'common/address.ts',
      'index.ts',
      'order.ts',
      'topics.ts',
    ]);
    expect(project.read('gen/order.ts')).toContain("import { type Address } from './common/address';");
    expect((await generate({ schemas: 'schemas', out: 'gen', check: true })).code).toBe(0);
    project.write({ 'schemas/order.json': ORDER.replace('"required": [\n    "id"\n  ]', '"required": []') });
    const stale = await generate({ schemas: 'schemas', out: 'gen', check: true });
    expect(stale.code).toBe(1);
    expect(stale.stdout).toEqual(['changed gen/order.ts']);
  });

  it('an invalid schema: exit 2, one line naming the file and JSON path, previous output untouched', async () => {
    project.write({ 'schemas/order.json': ORDER, 'schemas/common/address.json': ADDRESS });
    expect((await generate({ schemas: 'schemas', out: 'gen' })).code).toBe(0);
    const before = project.tree('gen');
    project.write({ 'schemas/common/address.json': ADDRESS.replace('"string"', '"text"') });
    const result = await generate({ schemas: 'schemas', out: 'gen' });
    expect(result.code).toBe(2);
    expect(result.stderr).toHaveLength(1);
    expect(result.stderr[0]).toMatch(/^kgen: schemas\/common\/address\.json at \$\.properties\.city\.type: /);
    expect(project.tree('gen')).toEqual(before);
  });

  it('an unresolvable $ref: exit 2 naming the file and where the $ref is', async () => {
    project.write({ 'schemas/order.json': ORDER });
    const result = await generate({ schemas: 'schemas', out: 'gen' });
    expect(result.code).toBe(2);
    expect(result.stderr[0]).toMatch(
      /^kgen: schemas\/order\.json at \$\.properties\.to\.\$ref: cannot resolve \$ref "common\/address\.json"/,
    );
  });
});
