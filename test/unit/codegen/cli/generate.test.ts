import { runGenerate } from '../../../../codegen/cli/generate';
import { GENERATED_MARKER } from '../../../../codegen/emit/header';
import { TempProject } from './project';

const ORDER_PROTO = `syntax = "proto3";
package shop;
message Order {
  string id = 1;
  int64 amount = 2;
}
`;

describe('kgen generate (command handler)', () => {
  let project: TempProject;
  beforeEach(() => {
    project = new TempProject();
  });
  afterEach(() => project.remove());

  const generate = (args: Parameters<typeof runGenerate>[0]) => project.run((io) => runGenerate(args, io));

  it('flag-only mode: every schema under --schemas becomes a module; empty topic map; index', async () => {
    project.write({ 'schemas/shop/order.proto': ORDER_PROTO });
    const result = await generate({ schemas: 'schemas', out: 'gen' });
    expect(result.code).toBe(0);
    const files = Object.keys(project.tree('gen')).sort();
    expect(files).toEqual(['index.ts', 'shop/order_pb.ts', 'topics.ts']);
    expect(project.read('gen/topics.ts')).toContain('export const topics = defineTopics({});');
    expect(project.read('gen/index.ts')).toContain("export * from './shop/order_pb';");
    for (const f of files) expect(project.read(`gen/${f}`).startsWith(GENERATED_MARKER)).toBe(true);
    expect(result.stderr.join('\n')).toContain('3 files in gen (3 added, 0 changed, 0 removed)');
  });

  it('--check: exit 0 when up to date, exit 1 listing added/changed/removed files when stale', async () => {
    project.write({ 'schemas/shop/order.proto': ORDER_PROTO });
    expect((await generate({ schemas: 'schemas', out: 'gen' })).code).toBe(0);
    expect((await generate({ schemas: 'schemas', out: 'gen', check: true })).code).toBe(0);

    project.write({
      'schemas/shop/order.proto': ORDER_PROTO.replace(
        'int64 amount = 2;',
        'int64 amount = 2;\n  string note = 3;',
      ),
      'schemas/shop/refund.proto': 'syntax = "proto3";\npackage shop;\nmessage Refund { string id = 1; }\n',
      [`gen/stale_pb.ts`]: `${GENERATED_MARKER}\nexport {};\n`,
    });
    const before = project.tree('gen');
    const stale = await generate({ schemas: 'schemas', out: 'gen', check: true });
    expect(stale.code).toBe(1);
    expect(stale.stdout).toEqual([
      'added   gen/shop/refund_pb.ts',
      'changed gen/index.ts',
      'changed gen/shop/order_pb.ts',
      'removed gen/stale_pb.ts',
    ]);
    expect(project.tree('gen')).toEqual(before); // --check writes nothing
  });

  it('a config with a bad key: exit 2, one line naming file and JSON path, previous output untouched', async () => {
    project.write({
      'schemas/shop/order.proto': ORDER_PROTO,
      'kgen.config.json': { schemas: 'schemas', output: 'gen' },
    });
    expect((await generate({})).code).toBe(0);
    const before = project.tree('gen');
    project.write({
      'kgen.config.json': { schemas: 'schemas', output: 'gen', topics: { orders: { kye: 'string' } } },
    });
    const result = await generate({});
    expect(result.code).toBe(2);
    expect(result.stderr).toEqual([
      `kgen: ${project.dir}/kgen.config.json at $.topics.orders: unknown key "kye" (did you mean "key"?); allowed: key, value, headers [CONFIG_INVALID]`,
    ]);
    expect(project.tree('gen')).toEqual(before);
  });

  it('invalid JSON in the config: exit 2 with line and column', async () => {
    project.write({ 'kgen.config.json': '{ "output": "gen", }' });
    const result = await generate({});
    expect(result.code).toBe(2);
    expect(result.stderr[0]).toMatch(/kgen\.config\.json:1:\d+: invalid JSON: .*\[INVALID_JSON\]$/);
  });

  it('a schema error: exit 2 naming the schema file, previous output untouched', async () => {
    project.write({ 'schemas/shop/order.proto': ORDER_PROTO });
    expect((await generate({ schemas: 'schemas', out: 'gen' })).code).toBe(0);
    const before = project.tree('gen');
    project.write({ 'schemas/shop/order.proto': ORDER_PROTO.replace('string id = 1;', 'Missing id = 1;') });
    const result = await generate({ schemas: 'schemas', out: 'gen' });
    expect(result.code).toBe(2);
    expect(result.stderr).toHaveLength(1);
    expect(result.stderr[0]).toMatch(/^kgen: schemas\/shop\/order\.proto:\d+:\d+: .*Missing/);
    expect(project.tree('gen')).toEqual(before);
  });

  it('a topic whose subject was never pulled: exit 2 naming topic, subject and JSON path', async () => {
    project.write({
      'schemas/shop/order.proto': ORDER_PROTO,
      'kgen.config.json': { schemas: 'schemas', output: 'gen', topics: { orders: {} } },
    });
    const result = await generate({});
    expect(result.code).toBe(2);
    expect(result.stderr[0]).toContain(
      'subject "orders-value" at $.topics.orders.value: topic "orders" value',
    );
  });

  it('binds a local schema to a topic by record name', async () => {
    project.write({
      'schemas/shop/order.proto': ORDER_PROTO,
      'kgen.config.json': {
        schemas: 'schemas',
        output: 'gen',
        topics: { orders: { value: { strategy: 'TopicNameStrategy', record: 'shop.Order' } } },
      },
    });
    expect((await generate({})).code).toBe(0);
    expect(project.read('gen/topics.ts')).toMatch(/orders: \{ key: stringSerde, value: \w+ \}/);
  });

  it('refuses to overwrite an output folder holding hand-written files', async () => {
    project.write({ 'schemas/shop/order.proto': ORDER_PROTO, 'gen/mine.ts': 'export const x = 1;\n' });
    const result = await generate({ schemas: 'schemas', out: 'gen' });
    expect(result.code).toBe(2);
    expect(result.stderr[0]).toContain('contains mine.ts, which kgen did not write');
    expect(project.tree('gen')).toEqual({ 'mine.ts': 'export const x = 1;\n' });
  });

  it('without config or flags: exit 2 saying what to do', async () => {
    const result = await generate({});
    expect(result.code).toBe(2);
    expect(result.stderr[0]).toContain('pass both --schemas <dir> and --out <dir>');
  });
});
