import { runGenerate } from '../../../../codegen/cli/generate';
import { fingerprint, serializeLockFile } from '../../../../codegen/registry/lock-file';
import { TempProject } from './project';

const GOOD = JSON.stringify({
  type: 'record',
  name: 'Order',
  namespace: 'com.acme',
  fields: [{ name: 'id', type: 'string' }],
});

/**
 * Bad Avro input through `kgen generate`: each gives exit code 2, exactly one line naming the file (or
 * subject) and the JSON path, and leaves the previous output as it was.
 */
describe('kgen generate: bad Avro input', () => {
  let project: TempProject;
  beforeEach(() => {
    project = new TempProject();
    project.write({ 'kgen.config.json': { schemas: 'schemas', output: 'gen' }, 'schemas/order.avsc': GOOD });
  });
  afterEach(() => project.remove());

  async function expectRejected(files: Record<string, string>, expected: RegExp): Promise<void> {
    expect((await project.run((io) => runGenerate({}, io))).code).toBe(0);
    const before = project.tree('gen');
    expect(Object.keys(before)).toContain('order.ts');
    project.write(files);
    const result = await project.run((io) => runGenerate({}, io));
    expect(result.stderr).toHaveLength(1);
    expect(result.stderr[0]).toMatch(expected);
    expect(result.code).toBe(2);
    expect(project.tree('gen')).toEqual(before);
  }

  it('invalid JSON → file:line:col', () =>
    expectRejected(
      { 'schemas/bad.avsc': '{"type":"record","name":"A","fields":[{"name":"x","type":"string",}]}' },
      /^kgen: schemas\/bad\.avsc:1:\d+: invalid JSON: .*\[INVALID_JSON\]$/,
    ));

  it('unknown type name → file and JSON path', () =>
    expectRejected(
      {
        'schemas/bad.avsc': JSON.stringify({
          type: 'record',
          name: 'A',
          fields: [{ name: 'x', type: 'Strnig' }],
        }),
      },
      /^kgen: schemas\/bad\.avsc at \$\.fields\[0\]\.type: unknown type name "Strnig" \[UNKNOWN_TYPE\]$/,
    ));

  it('invalid default → file and JSON path', () =>
    expectRejected(
      {
        'schemas/bad.avsc': JSON.stringify({
          type: 'record',
          name: 'A',
          fields: [{ name: 'x', type: 'int', default: 'nope' }],
        }),
      },
      /^kgen: schemas\/bad\.avsc at \$\.fields\[0\]\.default: .*does not match its type int \[INVALID_DEFAULT\]$/,
    ));

  it('duplicate names → the file of the second definition', () =>
    expectRejected(
      {
        'schemas/other.avsc': JSON.stringify({
          type: 'record',
          name: 'Order',
          namespace: 'com.acme',
          fields: [{ name: 'other', type: 'int' }],
        }),
      },
      /^kgen: schemas\/other\.avsc at \$: type com\.acme\.Order is defined differently .*\[DUPLICATE_NAME\]$/,
    ));

  it('bad config key in the avro section → config file and JSON path', () =>
    expectRejected(
      { 'kgen.config.json': JSON.stringify({ schemas: 'schemas', output: 'gen', avro: { lnog: 'bigint' } }) },
      /^kgen: .*kgen\.config\.json at \$\.avro\.lnog: unknown avro option "lnog".*\[BAD_OPTION\]$/,
    ));

  it('missing referenced subject in the lock file → lock file, subject and JSON path', () => {
    const money = JSON.stringify({ type: 'record', name: 'Money', namespace: 'com.acme', fields: [] });
    const order = JSON.stringify({
      type: 'record',
      name: 'Invoice',
      namespace: 'com.acme',
      fields: [{ name: 'total', type: 'com.acme.Money' }],
    });
    const lock = serializeLockFile({
      lockfileVersion: 1,
      registry: 'http://registry',
      schemas: [
        {
          subject: 'invoices-value',
          version: 1,
          id: 2,
          schemaType: 'AVRO',
          fingerprint: fingerprint(order),
          file: 'invoices-value/v1.avsc',
          root: true,
          references: [{ name: 'com.acme.Money', subject: 'money', version: 1 }],
        },
      ],
    });
    return expectRejected(
      {
        'kgen-schemas/invoices-value/v1.avsc': order,
        'kgen-schemas/money/v1.avsc': money,
        'kgen.lock.json': lock,
      },
      /^kgen: .*kgen\.lock\.json subject "invoices-value" at \$\.schemas\[0\]\.references\[0\]: reference "com\.acme\.Money" points at subject "money" version 1, which is not in the lock file \(run kgen pull\) \[MISSING_REFERENCE\]$/,
    );
  });

  it('a pulled schema edited after pull → fingerprint mismatch naming file and subject', async () => {
    const lock = serializeLockFile({
      lockfileVersion: 1,
      registry: 'http://registry',
      schemas: [
        {
          subject: 'orders-value',
          version: 1,
          id: 1,
          schemaType: 'AVRO',
          fingerprint: fingerprint(GOOD),
          file: 'orders-value/v1.avsc',
          root: true,
          references: [],
        },
      ],
    });
    await expectRejected(
      { 'kgen-schemas/orders-value/v1.avsc': GOOD.replace('"id"', '"ident"'), 'kgen.lock.json': lock },
      /^kgen: .*kgen-schemas\/orders-value\/v1\.avsc subject "orders-value": schema file does not match the fingerprint in kgen\.lock\.json .*\[LOCK_MISMATCH\]$/,
    );
  });
});
