import * as path from 'node:path';
import {
  checkGenerated,
  generate,
  formatGenerators,
  generateProject,
  loadConfig,
  resolveConfig,
  writeGenerated,
  type SourceSchema,
} from 'kgen/codegen';
import { TempProject } from '../cli/project';

/** The programmatic API a build tool uses, imported from the package entry `kgen/codegen`. */
describe('kgen/codegen programmatic API', () => {
  let project: TempProject;
  beforeEach(() => {
    project = new TempProject();
  });
  afterEach(() => project.remove());

  it('loadConfig → generateProject → writeGenerated → checkGenerated', async () => {
    project.write({
      'kgen.config.json': {
        schemas: 'schemas',
        output: 'gen',
        topics: { orders: { value: { strategy: 'TopicNameStrategy', record: 'com.acme.Order' } } },
      },
      'schemas/order.avsc': { type: 'record', name: 'Order', namespace: 'com.acme', fields: [] },
    });
    const config = await loadConfig({ cwd: project.dir });
    const { files, schemas } = generateProject(config);
    expect(schemas.map((s) => s.fullName)).toEqual(['com.acme.Order']);
    expect(checkGenerated(config.outDir, files).added).toEqual(['index.ts', 'order.ts', 'topics.ts']);
    writeGenerated(config.outDir, files);
    expect(checkGenerated(config.outDir, files)).toEqual({ added: [], changed: [], removed: [] });
    expect(project.read('gen/topics.ts')).toContain('orders: { key: stringSerde, value: OrderSchema }');
    expect(config.outDir).toBe(path.join(project.dir, 'gen'));
  });

  it('generate is pure: same sources in, same files out, nothing written', () => {
    const sources: SourceSchema[] = [
      {
        format: 'AVRO',
        path: 'a.avsc',
        text: JSON.stringify({ type: 'record', name: 'A', fields: [{ name: 'x', type: 'long' }] }),
        references: [],
      },
    ];
    const config = resolveConfig({ avro: { long: 'bigint' } }, { rootDir: project.dir });
    const run = () => generate({ sources, generators: formatGenerators(config) });
    const first = run();
    expect(run()).toEqual(first);
    const module = first.files.find((f) => f.path === 'a.ts')!.content;
    expect(module).toMatch(/x: bigint/);
    expect(project.tree('.')).toEqual({});
  });
});
