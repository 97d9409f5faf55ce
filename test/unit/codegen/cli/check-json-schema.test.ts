import * as path from 'node:path';
import { runCheck } from '../../../../codegen/cli/check';
import { spawnKgen } from '../governance/spawn-kgen';
import { TempProject } from './project';

jest.setTimeout(120_000);

const address = (zip: object) => ({ type: 'object', properties: { zip } });
const order = (extra: object) => ({
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    home: { $ref: 'address.json' },
    ...extra,
  },
  required: ['id'],
});

/**
 * `kgen check` on `.json` files (JSON Schema): the old folder holds v1, the new one a change that breaks three
 * ways (a required property without a default added to a closed model, a narrowed type, and a change inside a
 * referenced sibling file).
 */
describe('kgen check: JSON Schema files', () => {
  let project: TempProject;
  beforeEach(() => {
    project = new TempProject().write({
      'old/orders-value.json': order({ qty: { type: 'number' } }),
      'old/address.json': address({ type: 'string' }),
      'new/orders-value.json': JSON.stringify(
        order({ qty: { type: 'integer' }, note: { type: 'string' } }),
        null,
        2,
      ).replace('"required": [\n    "id"\n  ]', '"required": ["id", "note"]'),
      'new/address.json': address({ type: 'integer' }),
    });
  });
  afterEach(() => project.remove());
  const check = (...flags: string[]) => {
    const args: Record<string, string> = { schemas: 'new', against: 'old' };
    for (let i = 0; i < flags.length; i += 2) args[flags[i] as string] = flags[i + 1] as string;
    return project.run((io) => runCheck(args, io));
  };

  it('text: every breaking change with rule id, file:line and JSON pointer; exit 1', async () => {
    const r = await check();
    expect(r.code).toBe(1);
    const out = r.stdout.join('\n');
    expect(out).toContain('new/orders-value.json:12  error    TYPE_NARROWED  #/properties/qty');
    expect(out).toContain(
      'new/orders-value.json:15  error    REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL  #/properties/note',
    );
    expect(out).toContain('TYPE_CHANGED  #/properties/home/properties/zip');
    expect(out).toContain('new/address.json:4  error    TYPE_CHANGED  #/properties/zip');
    expect(out).toMatch(/INCOMPATIBLE: 2 schema\(s\) checked, 4 error\(s\), 0 warning\(s\)/);
  });

  it('json, github and junit formats carry the same findings', async () => {
    const json = JSON.parse((await check('format', 'json')).stdout.join('\n')) as {
      compatible: boolean;
      findings: Array<{ rule: string; path: string; file: string; line?: number }>;
    };
    expect(json.compatible).toBe(false);
    expect(json.findings.map((f) => `${f.file} ${f.rule} ${f.path}`).sort()).toEqual([
      'new/address.json TYPE_CHANGED #/properties/zip',
      'new/orders-value.json REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL #/properties/note',
      'new/orders-value.json TYPE_CHANGED #/properties/home/properties/zip',
      'new/orders-value.json TYPE_NARROWED #/properties/qty',
    ]);
    const github = (await check('format', 'github')).stdout.join('\n');
    expect(github).toContain('::error file=new/orders-value.json,line=12,title=TYPE_NARROWED::');
    const junit = (await check('format', 'junit')).stdout.join('\n');
    expect(junit).toContain('REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL');
    expect(junit).toMatch(/<testsuite [^>]*tests="2" failures="2"/);
    expect(junit).toContain('failure message="3 incompatible change(s)"');
  });

  it('FORWARD: the old schema reads new data; the type narrowing is fine that way', async () => {
    const r = await check('level', 'FORWARD');
    const out = r.stdout.join('\n');
    expect(out).not.toContain('TYPE_NARROWED');
    expect(out).toContain('PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL  #/properties/note');
  });

  it('a compatible change passes with exit 0', async () => {
    project.write({
      'new/orders-value.json': order({ qty: { type: 'number' }, note: { type: 'string' } }),
      'new/address.json': address({ type: 'string' }),
    });
    const r = await check();
    expect([r.code, r.stdout.join('\n')]).toEqual([
      0,
      expect.stringContaining('compatible: 2 schema(s) checked, 0 error(s)'),
    ]);
  });

  it('invalid JSON Schema is bad input naming the file: exit 2 (spawned CLI)', () => {
    project.write({
      'new/orders-value.json': '{"type": "object", "properties": {"a": {"$ref": "#/$defs/Nope"}}}',
    });
    const r = spawnKgen(project.dir, ['check', '--schemas', 'new', '--against', 'old']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `${path.join('new', 'orders-value.json')} at #/properties/a: $ref "#/$defs/Nope" points to nothing`,
    );
  });
});
