import * as fs from 'node:fs';
import * as path from 'node:path';
import { runGenerate } from '../../../codegen/cli/generate';
import { runPull } from '../../../codegen/cli/pull';
import { runRegister } from '../../../codegen/cli/register';
import { parseLockFile } from '../../../codegen/registry/lock-file';
import { officialRegistryClient } from '../../helpers/official-registry';
import { stackEnv, uniqueName } from '../../helpers/stack-env';
import { TempProject } from '../../unit/codegen/cli/project';
import { typecheck } from '../../unit/codegen/cli/typecheck';

const SHOP = path.resolve(__dirname, '../../fixtures/jsonschema/shop');
const read = (file: string) => fs.readFileSync(path.join(SHOP, file), 'utf8');

// kgen register → pull → generate with JSON Schema on the real registry: local files referencing each other
// by `$ref` become subjects with references (named by the `$ref`), pulled back and generated offline.
describe('kgen register / pull / generate with JSON Schema subjects', () => {
  const { registryUrl } = stackEnv();
  let project: TempProject;
  beforeEach(() => {
    project = new TempProject();
  });
  afterEach(() => project.remove());

  it('registers a schema with two file references, pulls it with them, generates code that compiles', async () => {
    const topic = uniqueName('json-orders');
    const address = uniqueName('json-address');
    const money = uniqueName('json-money');
    project.write({
      'schemas/order.json': read('order.json'),
      'schemas/common/address.json': read('common/address.json'),
      'schemas/common/money.json': read('common/money.json'),
    });
    const subjects = [
      `order.json=${topic}-value`,
      `common/address.json=${address}`,
      `common/money.json=${money}`,
    ];
    const registered = await project.run((io) =>
      runRegister({ schemas: 'schemas', registry: registryUrl, subject: subjects }, io),
    );
    expect(registered.code).toBe(0);
    expect(registered.stdout.join('\n')).toMatch(
      new RegExp(
        `registered +${topic}-value v1 .*references: common/address.json → ${address}@1, common/money.json → ${money}@1`,
      ),
    );
    const again = await project.run((io) =>
      runRegister({ schemas: 'schemas', registry: registryUrl, subject: subjects }, io),
    );
    expect(again.stdout.every((line) => line.startsWith('unchanged'))).toBe(true);

    const latest = await officialRegistryClient(registryUrl).getLatestSchemaMetadata(`${topic}-value`);
    expect(latest.schemaType).toBe('JSON');
    expect(latest.references?.map((r) => r.name).sort()).toEqual([
      'common/address.json',
      'common/money.json',
    ]);

    project.write({
      'kgen.config.json': { registry: { url: registryUrl }, topics: { [topic]: {} }, output: 'gen' },
    });
    const pulled = await project.run((io) => runPull({}, io));
    expect(pulled.code).toBe(0);
    const lock = parseLockFile(project.read('kgen.lock.json'), 'kgen.lock.json');
    expect(lock.schemas.map((s) => [s.subject, s.schemaType, s.file.endsWith('.json')])).toEqual(
      expect.arrayContaining([
        [`${topic}-value`, 'JSON', true],
        [address, 'JSON', true],
        [money, 'JSON', true],
      ]),
    );
    const generated = await project.run((io) => runGenerate({}, io));
    expect(generated.code).toBe(0);
    const topics = project.read('gen/topics.ts');
    expect(topics).toContain(`'${topic}': { key: stringSerde, value: OrderSchema }`);
    const orderModule = Object.keys(project.tree('gen')).find((f) =>
      project.read(`gen/${f}`).includes('export interface Order {'),
    )!;
    expect(project.read(`gen/${orderModule}`)).toMatch(
      /references: \[\n {4}\{ name: 'common\/address.json', subject: '[^']+', version: 1, schema: AddressSchema \}/,
    );
    expect((await project.run((io) => runGenerate({ check: true }, io))).code).toBe(0);
    expect(typecheck(`${project.dir}/gen`)).toEqual([]);
  });

  it('refuses to register an invalid schema (exit 2, nothing registered)', async () => {
    project.write({ 'schemas/bad.json': JSON.stringify({ type: 'object', required: 'id' }) });
    const subject = uniqueName('json-bad');
    const result = await project.run((io) =>
      runRegister({ schemas: 'schemas', registry: registryUrl, subject: [`bad.json=${subject}`] }, io),
    );
    expect(result.code).toBe(2);
    expect(result.stderr.join('\n')).toMatch(/schemas\/bad\.json at \$\.required: .*rule "type"/);
    await expect(officialRegistryClient(registryUrl).getLatestSchemaMetadata(subject)).rejects.toThrow();
  });
});
