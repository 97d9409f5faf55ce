import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnKgen } from '../../unit/codegen/governance/spawn-kgen';
import { stackEnv, uniqueName } from '../../helpers/stack-env';

jest.setTimeout(300_000);

/**
 * `kgen check` (registry mode) on JSON Schema subjects of the real registry: the registry's verdict at the
 * subject's level decides, kgen's rules name the breaking change; subjects with references included.
 */
describe('kgen check on JSON Schema subjects of the real registry (spawned CLI)', () => {
  const { registryUrl } = stackEnv();
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kgen-jsoncompat-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  async function call(p: string, method: string, body: unknown): Promise<unknown> {
    const res = await fetch(`${registryUrl}${p}`, {
      method,
      headers: { 'Content-Type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${p} → ${res.status}: ${text}`);
    return JSON.parse(text) as unknown;
  }
  const register = (subject: string, schema: object, references: object[] = []) =>
    call(`/subjects/${subject}/versions`, 'POST', {
      schemaType: 'JSON',
      schema: JSON.stringify(schema),
      references,
    });
  const setLevel = (subject: string, level: string) =>
    call(`/config/${subject}`, 'PUT', { compatibility: level });
  const write = (files: Record<string, object>) => {
    for (const [name, schema] of Object.entries(files))
      fs.writeFileSync(path.join(tmp, name), JSON.stringify(schema, null, 2));
  };
  const check = (...args: string[]) =>
    spawnKgen(tmp, ['check', '--schemas', '.', '--registry', registryUrl, ...args]);

  const orderV1 = {
    type: 'object',
    additionalProperties: false,
    properties: { id: { type: 'string' }, qty: { type: 'number' } },
    required: ['id'],
  };

  it('BACKWARD: a compatible change passes, a breaking one fails with the registry verdict and kgen rule', async () => {
    const subject = `${uniqueName('jorders')}-value`;
    await register(subject, orderV1);
    await setLevel(subject, 'BACKWARD');
    const sub = ['--subject', `orders-value.json=${subject}`];

    write({
      'orders-value.json': { ...orderV1, properties: { ...orderV1.properties, note: { type: 'string' } } },
    });
    const ok = check(...sub);
    expect([ok.code, ok.stdout]).toEqual([
      0,
      expect.stringContaining('compatible: 1 schema(s) checked, 0 error(s)'),
    ]);

    write({
      'orders-value.json': { ...orderV1, properties: { ...orderV1.properties, qty: { type: 'integer' } } },
    });
    const bad = check(...sub, '--format', 'json');
    expect(bad.code).toBe(1);
    const out = JSON.parse(bad.stdout) as {
      findings: Array<{ rule: string; path: string; message: string }>;
    };
    expect(out.findings).toEqual([
      expect.objectContaining({
        rule: 'TYPE_NARROWED',
        path: '#/properties/qty',
        message: expect.stringContaining(`(BACKWARD against ${subject} v1)`),
      }),
    ]);
  });

  it('a documented difference: the registry rejects what Confluent accepts; the registry decides, kgen says so', async () => {
    const subject = `${uniqueName('jopen')}-value`;
    const open = { type: 'object', properties: { id: { type: 'string' } } };
    await register(subject, open);
    await setLevel(subject, 'BACKWARD');
    // A property with an empty schema added to an open model: Confluent PROPERTY_WITH_EMPTY_SCHEMA_ADDED_...
    write({ 'orders-value.json': { ...open, properties: { ...open.properties, extra: {} } } });
    const r = check('--subject', `orders-value.json=${subject}`);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('REGISTRY_INCOMPATIBLE');
    expect(r.stdout).toContain("kgen's own BACKWARD rules find no breaking change");
  });

  it('references: a change inside a referenced subject is found through the $ref name', async () => {
    const address = uniqueName('jaddress');
    const orders = `${uniqueName('jorders')}-value`;
    const addressV1 = { type: 'object', properties: { zip: { type: 'string' } } };
    const addressV2 = { type: 'object', properties: { zip: { type: 'integer' } } };
    const order = { type: 'object', properties: { id: { type: 'string' }, home: { $ref: 'address.json' } } };
    await register(address, addressV1);
    await register(orders, order, [{ name: 'address.json', subject: address, version: 1 }]);
    await register(address, addressV2); // the address subject moved on (its level is NONE by default here)
    await setLevel(orders, 'BACKWARD');
    // Locally the order now points at address v2: same order text, its reference's zip changed type.
    write({ 'address.json': addressV2, 'orders-value.json': order });
    const r = check(
      '--subject',
      `address.json=${address}`,
      '--subject',
      `orders-value.json=${orders}`,
      '--format',
      'json',
    );
    if (r.code === 2) throw new Error(r.stderr);
    const out = JSON.parse(r.stdout) as { findings: Array<{ rule: string; path: string; file: string }> };
    expect(out.findings).toContainEqual(
      expect.objectContaining({
        rule: 'TYPE_CHANGED',
        path: '#/properties/home/properties/zip',
        file: 'orders-value.json',
      }),
    );
    expect(out.findings).toContainEqual(
      expect.objectContaining({ rule: 'REGISTRY_CANNOT_CHECK', level: 'warning' }),
    );
    expect(r.code).toBe(1);
  });
});
