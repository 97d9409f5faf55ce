import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnKgen } from '../governance/spawn-kgen';
import { TempProject } from './project';

// Generated output depends on the inputs and options only (issue 18): the spawned CLI run from two different
// working folders writes identical files, and `--check` from a third folder finds nothing to do. Before the
// fix, index.ts and topics.ts embedded the schema folder relative to the working folder
// (`// Source: ../../tmp.X/schemas`).

const ORDER_AVSC = JSON.stringify({
  type: 'record',
  name: 'Order',
  namespace: 'com.acme',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'amount', type: 'long' },
  ],
});
const REFUND_PROTO = 'syntax = "proto3";\npackage shop;\nmessage Refund { string id = 1; }\n';

describe('generate output does not depend on the working folder', () => {
  const schemas = { 'schemas/com/acme/order.avsc': ORDER_AVSC, 'schemas/shop/refund.proto': REFUND_PROTO };
  let project: TempProject; // no config: flag-only mode
  let configured: TempProject;
  let elsewhere: string[];
  beforeAll(() => {
    project = new TempProject().write(schemas);
    configured = new TempProject().write({
      ...schemas,
      'kgen.config.json': {
        schemas: 'schemas',
        output: 'gen',
        topics: { orders: { value: { subject: 'orders-value', record: 'com.acme.Order' } } },
      },
    });
    elsewhere = [1, 2, 3].map((i) => fs.mkdtempSync(path.join(os.tmpdir(), `kgen-cwd${i}-`)));
    fs.mkdirSync(path.join(elsewhere[1]!, 'deeper/still'), { recursive: true });
  });
  afterAll(() => {
    project.remove();
    configured.remove();
    for (const d of elsewhere) fs.rmSync(d, { recursive: true, force: true });
  });

  function generateFrom(p: TempProject, cwd: string, args: string[]): Record<string, string> {
    fs.rmSync(path.join(p.dir, 'gen'), { recursive: true, force: true });
    const r = spawnKgen(cwd, ['generate', ...args]);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: expect.any(String) as string });
    return p.tree('gen');
  }

  it('flag-only mode (--schemas/--out)', () => {
    const rel = (cwd: string, p: string): string => path.relative(cwd, path.join(project.dir, p));
    const inProject = generateFrom(project, project.dir, ['--schemas', 'schemas', '--out', 'gen']);
    const deep = path.join(elsewhere[1]!, 'deeper/still');
    const fromElsewhere = generateFrom(project, deep, [
      '--schemas',
      rel(deep, 'schemas'),
      '--out',
      rel(deep, 'gen'),
    ]);
    expect(Object.keys(inProject)).toEqual([
      'com/acme/order.ts',
      'index.ts',
      'shop/refund_pb.ts',
      'topics.ts',
    ]);
    expect(fromElsewhere).toEqual(inProject);
    expect(inProject['index.ts']).toContain('// Source: ../schemas\n');

    const third = elsewhere[2]!;
    const check = spawnKgen(third, [
      'generate',
      '--schemas',
      path.join(project.dir, 'schemas'),
      '--out',
      path.join(project.dir, 'gen'),
      '--check',
    ]);
    expect({ code: check.code, stdout: check.stdout }).toEqual({ code: 0, stdout: '' });
  });

  it('config mode (-c)', () => {
    const config = path.join(configured.dir, 'kgen.config.json');
    const inProject = generateFrom(configured, configured.dir, []);
    const fromElsewhere = generateFrom(configured, elsewhere[0]!, [
      '-c',
      path.relative(elsewhere[0]!, config),
    ]);
    expect(fromElsewhere).toEqual(inProject);
    expect(inProject['topics.ts']).toContain('// Source: kgen.config.json\n');
    expect(inProject['topics.ts']).toContain('orders: {');
    const check = spawnKgen(elsewhere[2]!, ['generate', '-c', config, '--check']);
    expect({ code: check.code, stdout: check.stdout }).toEqual({ code: 0, stdout: '' });
  });
});
