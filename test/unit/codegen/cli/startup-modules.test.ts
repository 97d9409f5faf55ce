import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TempProject } from './project';

const repo = path.resolve(__dirname, '../../../..');
const main = path.join(repo, 'codegen/cli/main.ts');
const hook = path.join(__dirname, 'record-loaded-modules.cjs');
const tsx = pathToFileURL(require.resolve('tsx')).href;

/** Packages that cost most of a second to load; a command that does not use them must not load them. */
const REGISTRY_CLIENT = /node_modules\/@confluentinc\/schemaregistry\//;
const TS_COMPILER = /node_modules\/(ts-morph|@ts-morph\/common|typescript)\//;
const PROTOBUF = /node_modules\/protobufjs\//;
const AVRO = /node_modules\/avsc\//;
/** kgen's own generator, registry and compatibility modules. */
const OWN_HEAVY =
  /\/codegen\/(avro|protobuf|registry)\/|\/codegen\/generate\/generate|\/codegen\/governance\/(run-check|registry-api)/;

/**
 * Start-up cost is decided by what a command loads: the real CLI runs in a child process that records every
 * module it loaded, and the test asserts on that list (never on time).
 */
describe('kgen loads per command only what that command needs', () => {
  let project: TempProject;
  beforeEach(() => {
    project = new TempProject();
  });
  afterEach(() => project.remove());

  const loadedBy = (...args: string[]): string[] => {
    const out = path.join(project.dir, 'loaded-modules.json');
    const r = spawnSync(process.execPath, ['--require', hook, '--import', tsx, main, ...args], {
      cwd: project.dir,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, KGEN_LOADED_MODULES: out },
    });
    expect({ code: r.status, stderr: r.stderr }).toEqual({ code: 0, stderr: expect.any(String) });
    return (JSON.parse(fs.readFileSync(out, 'utf8')) as string[]).map((p) => p.split(path.sep).join('/'));
  };
  const matching = (modules: readonly string[], pattern: RegExp) => modules.filter((m) => pattern.test(m));

  it.each(['--version', '--help', 'generate --help'])(
    'kgen %s loads no generator, registry client or compiler',
    (command) => {
      const modules = loadedBy(...command.split(' '));
      expect(matching(modules, /node_modules\/yargs\//).length).toBeGreaterThan(0); // the hook saw the CLI load
      for (const heavy of [REGISTRY_CLIENT, TS_COMPILER, PROTOBUF, AVRO])
        expect(matching(modules, heavy)).toEqual([]);
      expect(matching(modules, OWN_HEAVY)).toEqual([]);
    },
  );

  it('kgen streams reset --help loads neither the Kafka client nor the reset module', () => {
    const modules = loadedBy('streams', 'reset', '--help');
    expect(matching(modules, /node_modules\/yargs\//).length).toBeGreaterThan(0);
    expect(matching(modules, /node_modules\/@confluentinc\/kafka-javascript\//)).toEqual([]);
    expect(matching(modules, /\/codegen\/cli\/streams-reset\.ts$|\/src\/ops\//)).toEqual([]);
  });

  it('generate --check on an Avro project loads avsc but neither the registry client, a compiler nor protobufjs', () => {
    project.write({
      'kgen.config.json': { schemas: 'schemas', output: 'gen' },
      'schemas/order.avsc': {
        type: 'record',
        name: 'Order',
        namespace: 'com.acme',
        fields: [{ name: 'id', type: 'string' }],
      },
    });
    loadedBy('generate');
    const modules = loadedBy('generate', '--check');
    expect(matching(modules, AVRO).length).toBeGreaterThan(0);
    for (const heavy of [REGISTRY_CLIENT, TS_COMPILER, PROTOBUF])
      expect(matching(modules, heavy)).toEqual([]);
  });

  it('generate on a Protobuf project loads protobufjs but neither the registry client, a compiler nor avsc', () => {
    project.write({
      'kgen.config.json': { schemas: 'schemas', output: 'gen' },
      'schemas/order.proto': 'syntax = "proto3";\npackage shop;\nmessage Order { string id = 1; }\n',
    });
    const modules = loadedBy('generate');
    expect(matching(modules, PROTOBUF).length).toBeGreaterThan(0);
    for (const heavy of [REGISTRY_CLIENT, TS_COMPILER, AVRO]) expect(matching(modules, heavy)).toEqual([]);
  });

  it('check --against a folder (offline) loads no registry client', () => {
    const order = {
      type: 'record',
      name: 'Order',
      namespace: 'com.acme',
      fields: [{ name: 'id', type: 'string' }],
    };
    project.write({ 'schemas/order.avsc': order, 'previous/order.avsc': order });
    const modules = loadedBy('check', '--schemas', 'schemas', '--against', 'previous');
    expect(matching(modules, /\/codegen\/governance\/run-check/).length).toBeGreaterThan(0);
    expect(matching(modules, REGISTRY_CLIENT)).toEqual([]);
  });
});
