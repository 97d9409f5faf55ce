import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runGenerate } from '../../../codegen/cli/generate';
import { runInit, type InitArgs, type InitRunOptions } from '../../../codegen/cli/init';
import { runPull } from '../../../codegen/cli/pull';
import { officialRegistryClient } from '../../helpers/official-registry';
import { stackEnv, uniqueName } from '../../helpers/stack-env';
import { captureIo, createTopics } from './ops-io';

jest.setTimeout(120_000);

const { brokers, registryUrl } = stackEnv();

async function init(dir: string, args: InitArgs, options: InitRunOptions = { tty: false }) {
  const { io, out, err } = captureIo(dir);
  const code = await runInit({ brokers, registry: registryUrl, ...args }, io, options);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('kgen init on the stack', () => {
  const prefix = uniqueName('ops-init');
  const orders = `${prefix}-orders`;
  const events = `${prefix}-events`;
  const raw = `${prefix}-raw`;
  const include = `^${prefix}-`;

  beforeAll(async () => {
    await createTopics(brokers, [orders, events, raw]);
    const registry = officialRegistryClient(registryUrl);
    const record = (name: string) =>
      JSON.stringify({
        type: 'record',
        name,
        namespace: 'com.init',
        fields: [
          { name: 'id', type: 'string' },
          { name: 'n', type: 'long' },
        ],
      });
    await registry.register(`${orders}-key`, { schemaType: 'AVRO', schema: record('OrderKey') });
    await registry.register(`${orders}-value`, { schemaType: 'AVRO', schema: record('Order') });
    await registry.register(`${events}-com.init.Created`, {
      schemaType: 'PROTOBUF',
      schema: 'syntax = "proto3";\npackage com.init;\nmessage Created { string id = 1; int64 at = 2; }\n',
    });
    await registry.register(`${events}-com.init.Cancelled`, {
      schemaType: 'AVRO',
      schema: record('Cancelled'),
    });
  });

  it('--yes in an empty folder writes a config that kgen pull && kgen generate accept, scripts and a CI example', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgen-init-'));
    const { code, out, err } = await init(dir, { yes: true, include });
    expect(code).toBe(0);
    expect(err).toContain(`no subjects for 1 topic(s), left out: ${raw}`);
    const config = JSON.parse(fs.readFileSync(path.join(dir, 'kgen.config.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(config).toEqual({
      registry: { url: registryUrl },
      topics: {
        [events]: {
          key: 'string',
          value: { strategy: 'TopicRecordNameStrategy', records: ['com.init.Cancelled', 'com.init.Created'] },
        },
        [orders]: { key: { strategy: 'TopicNameStrategy' }, value: { strategy: 'TopicNameStrategy' } },
      },
      pullDir: 'kgen-schemas',
      lockFile: 'kgen.lock.json',
      output: 'src/generated',
    });
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts).toMatchObject({ 'kgen:pull': 'kgen pull', 'kgen:generate': 'kgen generate' });
    expect(fs.readFileSync(path.join(dir, '.github/workflows/kgen.yml'), 'utf8')).toContain(
      'npx kgen generate --check',
    );
    expect(out).toContain('wrote kgen.config.json, package.json, .github/workflows/kgen.yml (2 topic(s))');

    const io = captureIo(dir, { ...process.env });
    expect(await runPull({}, io.io)).toBe(0);
    expect(await runGenerate({}, io.io)).toBe(0);
    const topicsModule = fs.readFileSync(path.join(dir, 'src/generated/topics.ts'), 'utf8');
    expect(topicsModule).toContain(orders);
    expect(topicsModule).toContain(events);
    expect(io.err.join('\n')).not.toMatch(/kgen: .*\[/);
  });

  it('never overwrites: an existing config is exit 2 without --force; scripts of the user are kept', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgen-init-'));
    fs.writeFileSync(path.join(dir, 'kgen.config.json'), '{"mine": true}');
    fs.writeFileSync(
      path.join(dir, 'package.json'),
      JSON.stringify({ name: 'app', scripts: { 'kgen:pull': 'custom' } }),
    );
    fs.mkdirSync(path.join(dir, '.github/workflows'), { recursive: true });
    fs.writeFileSync(path.join(dir, '.github/workflows/kgen.yml'), 'mine');
    const refused = await init(dir, { yes: true, include });
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(
      /kgen.config.json exists; kgen init never overwrites it without --force \[CONFIG_EXISTS\]/,
    );
    expect(fs.readFileSync(path.join(dir, 'kgen.config.json'), 'utf8')).toBe('{"mine": true}');

    fs.rmSync(path.join(dir, 'kgen.config.json'));
    const kept = await init(dir, { yes: true, include });
    expect(kept.code).toBe(0);
    expect(kept.err).toContain('script "kgen:pull" kept');
    expect(kept.err).toContain('.github/workflows/kgen.yml exists, kept');
    expect(fs.readFileSync(path.join(dir, '.github/workflows/kgen.yml'), 'utf8')).toBe('mine');
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
      name: string;
      scripts: Record<string, string>;
    };
    expect(pkg).toMatchObject({
      name: 'app',
      scripts: { 'kgen:pull': 'custom', 'kgen:generate': 'kgen generate' },
    });

    const forced = await init(dir, { yes: true, force: true, include });
    expect(forced.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, '.github/workflows/kgen.yml'), 'utf8')).toContain('kgen');
  });

  it('interactive: a topic answered "n" is left out; no TTY and no --yes, or an unreachable cluster: exit 2', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgen-init-'));
    const asked: string[] = [];
    const answers = async (q: string) => {
      asked.push(q);
      return q.includes(events) ? 'n' : '';
    };
    const chosen = await init(dir, { include }, { tty: true, ask: answers });
    expect(chosen.code).toBe(0);
    expect(asked).toHaveLength(2);
    const config = JSON.parse(fs.readFileSync(path.join(dir, 'kgen.config.json'), 'utf8')) as {
      topics: object;
    };
    expect(Object.keys(config.topics)).toEqual([orders]);

    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'kgen-init-'));
    const noTty = await init(other, { include });
    expect(noTty.code).toBe(2);
    expect(noTty.err).toMatch(/pass --yes/);
    const { io, err } = captureIo(other);
    expect(
      await runInit({ yes: true, brokers: '127.0.0.1:1', registry: registryUrl }, io, { tty: false }),
    ).toBe(2);
    expect(err.join('\n')).toMatch(/\[CLUSTER_UNREACHABLE\]/);
    expect(fs.existsSync(path.join(other, 'kgen.config.json'))).toBe(false);
  });
});
