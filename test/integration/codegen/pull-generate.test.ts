import * as net from 'node:net';
import { runGenerate } from '../../../codegen/cli/generate';
import { runPull } from '../../../codegen/cli/pull';
import { fingerprint, parseLockFile } from '../../../codegen/registry/lock-file';
import { stackEnv, uniqueName } from '../../helpers/stack-env';
import { TempProject } from '../../unit/codegen/cli/project';
import { typecheck } from '../../unit/codegen/cli/typecheck';
import { officialRegistryClient } from '../../helpers/official-registry';

/** A loopback port nothing listens on: stands in for a stopped registry without touching the shared stack. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('kgen pull → generate against the real registry', () => {
  const { registryUrl } = stackEnv();
  const registry = officialRegistryClient(registryUrl);
  let project: TempProject;
  beforeEach(() => {
    project = new TempProject();
  });
  afterEach(() => project.remove());

  it('Protobuf: pulls a subject referencing two others, pins all three, generates offline', async () => {
    const p = uniqueName('kgenpull').replace(/-/g, '_');
    const money = `${p}.money`;
    const address = `${p}.address`;
    const topic = `${p}-orders`;
    const moneyProto = `syntax = "proto3";\npackage ${p};\nmessage Money { int64 cents = 1; string currency = 2; }\n`;
    const addressProto = `syntax = "proto3";\npackage ${p};\nmessage Address { string city = 1; }\n`;
    const orderProto = [
      'syntax = "proto3";',
      `package ${p};`,
      `import "${p}/money.proto";`,
      `import "${p}/address.proto";`,
      'message Order { string id = 1; Money total = 2; Address ship_to = 3; }',
      '',
    ].join('\n');
    await registry.register(money, { schemaType: 'PROTOBUF', schema: moneyProto });
    await registry.register(address, { schemaType: 'PROTOBUF', schema: addressProto });
    await registry.register(`${topic}-value`, {
      schemaType: 'PROTOBUF',
      schema: orderProto,
      references: [
        { name: `${p}/money.proto`, subject: money, version: 1 },
        { name: `${p}/address.proto`, subject: address, version: 1 },
      ],
    });

    project.write({
      'kgen.config.json': { registry: { url: registryUrl }, topics: { [topic]: {} }, output: 'gen' },
    });
    const pulled = await project.run((io) => runPull({}, io));
    expect(pulled.stderr.join('\n')).toContain('pulled 3 schema(s) (1 selected, 2 by reference)');
    expect(pulled.code).toBe(0);

    const lock = parseLockFile(project.read('kgen.lock.json'), 'kgen.lock.json');
    expect(lock.registry).toBe(registryUrl);
    expect(lock.schemas.map((s) => [s.subject, s.version, s.root, s.schemaType])).toEqual([
      [`${topic}-value`, 1, true, 'PROTOBUF'],
      [address, 1, false, 'PROTOBUF'],
      [money, 1, false, 'PROTOBUF'],
    ]);
    const root = lock.schemas.find((s) => s.root)!;
    expect(root.references.map((r) => [r.name, r.subject, r.version])).toEqual([
      [`${p}/address.proto`, address, 1],
      [`${p}/money.proto`, money, 1],
    ]);
    for (const s of lock.schemas) {
      expect(s.id).toBeGreaterThan(0);
      expect(fingerprint(project.read(`kgen-schemas/${s.file}`))).toBe(s.fingerprint);
    }

    // The registry "stopped": point the config at a closed port; generation reads only the lock + files.
    const port = await closedPort();
    project.write({
      'kgen.config.json': {
        registry: { url: `http://127.0.0.1:${port}` },
        topics: { [topic]: {} },
        output: 'gen',
      },
    });
    const generated = await project.run((io) => runGenerate({}, io));
    expect(generated.stderr).toEqual([expect.stringContaining('files in gen')]);
    expect(generated.code).toBe(0);
    const topics = project.read('gen/topics.ts');
    expect(topics).toContain(`'${topic}': { key: stringSerde, value: `);
    expect(Object.keys(project.tree('gen')).length).toBeGreaterThanOrEqual(5); // 3 modules + topics + index
    expect((await project.run((io) => runGenerate({ check: true }, io))).code).toBe(0);
    expect(typecheck(`${project.dir}/gen`)).toEqual([]);
  });

  it('Avro: a subject referencing two others, plus a TopicRecordNameStrategy topic → oneOf, offline', async () => {
    const ns = uniqueName('kgen').replace(/-/g, '_');
    const record = (name: string, fields: unknown[]) =>
      JSON.stringify({ type: 'record', name, namespace: ns, fields });
    const money = `${ns}.Money`;
    const address = `${ns}.Address`;
    const topic = `${ns}-orders`;
    const events = `${ns}-events`;
    await registry.register(money, {
      schemaType: 'AVRO',
      schema: record('Money', [
        { name: 'cents', type: 'long' },
        { name: 'currency', type: 'string', default: 'EUR' },
      ]),
    });
    await registry.register(address, {
      schemaType: 'AVRO',
      schema: record('Address', [{ name: 'city', type: 'string' }]),
    });
    await registry.register(`${topic}-value`, {
      schemaType: 'AVRO',
      schema: record('Order', [
        { name: 'id', type: 'string' },
        { name: 'total', type: money },
        { name: 'shipTo', type: ['null', address], default: null },
      ]),
      references: [
        { name: money, subject: money, version: 1 },
        { name: address, subject: address, version: 1 },
      ],
    });
    for (const name of ['Created', 'Cancelled'])
      await registry.register(`${events}-${ns}.${name}`, {
        schemaType: 'AVRO',
        schema: record(name, [{ name: 'orderId', type: 'string' }]),
      });

    const config = (url: string) => ({
      registry: { url },
      output: 'gen',
      topics: {
        [topic]: {},
        [events]: {
          key: 'bytes',
          value: { strategy: 'TopicRecordNameStrategy', records: [`${ns}.Created`, `${ns}.Cancelled`] },
        },
      },
    });
    project.write({ 'kgen.config.json': config(registryUrl) });
    const pulled = await project.run((io) => runPull({}, io));
    expect(pulled.stderr.at(-1)).toContain('wrote 5 schema(s)');
    expect(pulled.code).toBe(0);
    const lock = parseLockFile(project.read('kgen.lock.json'), 'kgen.lock.json');
    const order = lock.schemas.find((s) => s.subject === `${topic}-value`)!;
    expect(order.references).toEqual([
      { name: address, subject: address, version: 1 },
      { name: money, subject: money, version: 1 },
    ]);
    expect(lock.schemas.filter((s) => !s.root).map((s) => s.subject)).toEqual([address, money]);

    project.write({ 'kgen.config.json': config(`http://127.0.0.1:${await closedPort()}`) });
    const generated = await project.run((io) => runGenerate({}, io));
    expect(generated.stderr).toEqual([expect.stringContaining('files in gen')]);
    expect(generated.code).toBe(0);
    const topics = project.read('gen/topics.ts');
    expect(topics).toMatch(
      new RegExp(`'${events}': \\{ key: bytesSerde, value: oneOf\\(CreatedSchema, CancelledSchema\\) \\}`),
    );
    expect(topics).toContain(`'${topic}': { key: stringSerde, value: OrderSchema }`);
    expect(typecheck(`${project.dir}/gen`)).toEqual([]);
  });

  it('unknown subject: exit 2 naming the subject and registry URL', async () => {
    const subject = `${uniqueName('kgen-missing')}-value`;
    project.write({
      'kgen.config.json': { registry: { url: registryUrl }, subjects: [subject] },
      'kgen.lock.json': '{"previous": true}\n',
      'kgen-schemas/old/v1.avsc': '"string"',
    });
    const before = project.tree('.');
    const result = await project.run((io) => runPull({}, io));
    expect(result.code).toBe(2);
    expect(result.stderr.at(-1)).toBe(
      `kgen: subject "${subject}": subject not found in registry ${registryUrl} [UNKNOWN_SUBJECT]`,
    );
    expect(project.tree('.')).toEqual(before); // the previous pull is untouched
  });

  it('pinned version that does not exist: exit 2 naming subject and version', async () => {
    const subject = `${uniqueName('kgen-pinned')}-value`;
    await registry.register(subject, { schemaType: 'AVRO', schema: '"string"' });
    project.write({
      'kgen.config.json': { registry: { url: registryUrl }, subjects: [{ subject, version: 7 }] },
    });
    const result = await project.run((io) => runPull({}, io));
    expect(result.code).toBe(2);
    expect(result.stderr.at(-1)).toBe(
      `kgen: subject "${subject}": version 7 not found in registry ${registryUrl} [UNKNOWN_VERSION]`,
    );
  });

  it('unreachable registry: exit 2 with the URL, never the credentials', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    project.write({
      'kgen.config.json': {
        registry: { url, auth: { type: 'basic', usernameEnv: 'KGEN_T_USER', passwordEnv: 'KGEN_T_PASS' } },
        subjects: ['anything-value'],
      },
    });
    const result = await project.run((io) => runPull({}, io), {
      KGEN_T_USER: 'user-name-123',
      KGEN_T_PASS: 'pa55-w0rd-xyz',
    });
    expect(result.code).toBe(2);
    const all = result.stderr.join('\n');
    expect(result.stderr.at(-1)).toBe(
      `kgen: subject "anything-value": cannot reach registry ${url} (ECONNREFUSED) [REGISTRY_UNREACHABLE]`,
    );
    expect(all).not.toContain('pa55-w0rd-xyz');
    expect(all).not.toContain('user-name-123');
  });
});
