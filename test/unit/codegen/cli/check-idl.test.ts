import { spawnKgen } from '../governance/spawn-kgen';
import { TempProject } from './project';

jest.setTimeout(300_000);

const idl = (orderFields: string) => `@namespace("com.acme")
protocol Shop {
  enum Status { NEW, PAID }
  record Address { string city; }
  record Order {
    string id;
    Status status;
    Address ship_to;
${orderFields}
  }
}
`;

describe('kgen check on Avro IDL (.avdl) files (spawned CLI)', () => {
  const project = new TempProject().write({
    'old/shop.avdl': idl(''),
    'breaking/shop.avdl': idl('    string email;'),
    'compatible/shop.avdl': idl('    string email = "";'),
    'bad/shop.avdl': 'protocol Shop { record Order { string id } }',
  });
  const check = (...args: string[]) => spawnKgen(project.dir, ['check', ...args]);

  it('checks every protocol type as its own schema, points at the IDL line, exit 1 on a breaking change', () => {
    const r = check('--schemas', 'breaking', '--against', 'old');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('READER_FIELD_MISSING_DEFAULT_VALUE');
    // The finding points at the .avdl file and the line of the field in the IDL.
    expect(r.stdout).toContain(
      'breaking/shop.avdl:9  error    READER_FIELD_MISSING_DEFAULT_VALUE  com.acme.Order.email',
    );
    expect(r.stdout).toContain('BACKWARD against old/shop.avdl#com.acme.Order');
    expect(r.stdout).toMatch(/INCOMPATIBLE: 3 schema\(s\) checked, 1 error\(s\)/);
  });

  it('passes a compatible change (a field with a default), exit 0', () => {
    const r = check('--schemas', 'compatible', '--against', 'old');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/compatible: 3 schema\(s\) checked, 0 error\(s\)/);
  });

  it('reports invalid IDL with the file, exit 2', () => {
    const r = check('--schemas', 'bad', '--against', 'old');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/INVALID_IDL|invalid Avro IDL/);
    expect(r.stderr).toContain('shop.avdl');
  });
});
