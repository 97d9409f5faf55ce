import { runGenerate } from '../../../../codegen/cli/generate';
import { TempProject } from './project';

const COMMON = 'syntax = "proto3";\npackage shop;\nmessage Money { int64 cents = 1; }\n';
const ORDER =
  'syntax = "proto3";\npackage shop;\nimport "shop/common.proto";\nmessage Order { shop.Money total = 1; bytes sig = 2; }\n';

describe('kgen generate: import extension', () => {
  let project: TempProject;
  beforeEach(() => {
    project = new TempProject().write({
      'schemas/shop/common.proto': COMMON,
      'schemas/shop/order.proto': ORDER,
    });
  });
  afterEach(() => project.remove());

  const generate = (args: Parameters<typeof runGenerate>[0]) => project.run((io) => runGenerate(args, io));

  it('auto in an ES-module project under nodenext: .js specifiers, stated in every header', async () => {
    project.write({
      'package.json': { type: 'module' },
      'tsconfig.json': { compilerOptions: { module: 'nodenext' } },
    });
    expect((await generate({ schemas: 'schemas', out: 'gen' })).code).toBe(0);
    expect(project.read('gen/index.ts')).toContain("export * from './topics.js';");
    expect(project.read('gen/shop/order_pb.ts')).toContain("from './common_pb.js';");
    for (const file of Object.values(project.tree('gen')))
      expect(file).toContain(
        '// Import extension: .js (auto: package.json "type": "module", tsconfig.json nodenext)',
      );
  });

  it('--import-extension overrides the config and the project; the header says it was explicit', async () => {
    project.write({
      'package.json': { type: 'module' },
      'tsconfig.json': { compilerOptions: { module: 'nodenext' } },
      'kgen.config.json': { schemas: 'schemas', output: 'gen', importExtension: '.ts' },
    });
    expect((await generate({ importExtension: 'none' })).code).toBe(0);
    expect(project.read('gen/shop/order_pb.ts')).toContain("from './common_pb';");
    expect(project.read('gen/index.ts')).toContain('// Import extension: none (explicit)');
    expect((await generate({})).code).toBe(0);
    expect(project.read('gen/shop/order_pb.ts')).toContain("from './common_pb.ts';");
  });

  it('a module using Buffer references Node types; one without does not', async () => {
    expect((await generate({ schemas: 'schemas', out: 'gen' })).code).toBe(0);
    expect(project.read('gen/shop/order_pb.ts')).toContain('/// <reference types="node" />');
    expect(project.read('gen/shop/common_pb.ts')).not.toContain('/// <reference types="node" />');
  });

  it('an unknown importExtension in the config: exit 2 naming the file and the JSON path', async () => {
    project.write({ 'kgen.config.json': { schemas: 'schemas', output: 'gen', importExtension: 'js' } });
    const result = await generate({});
    expect(result.code).toBe(2);
    expect(result.stderr.join('\n')).toMatch(
      /kgen\.config\.json at \$\.importExtension: expected one of "none", "\.js", "\.ts", "auto", got "js"/,
    );
  });
});
