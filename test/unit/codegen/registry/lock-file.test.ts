import {
  fingerprint,
  parseLockFile,
  serializeLockFile,
  type LockFile,
} from '../../../../codegen/registry/lock-file';

const lock: LockFile = {
  lockfileVersion: 1,
  registry: 'http://r:8081',
  schemas: [
    {
      subject: 'orders-value',
      version: 3,
      id: 12,
      schemaType: 'AVRO',
      fingerprint: fingerprint('{"type":"record"}'),
      file: 'orders-value/v3.avsc',
      root: true,
      references: [
        { name: 'com.acme.Money', subject: 'money', version: 1 },
        { name: 'com.acme.Address', subject: 'address', version: 2 },
      ],
    },
    {
      subject: 'money',
      version: 1,
      id: 10,
      schemaType: 'AVRO',
      fingerprint: fingerprint('m'),
      file: 'money/v1.avsc',
      root: false,
      references: [],
    },
    {
      subject: 'address',
      version: 2,
      id: 11,
      schemaType: 'AVRO',
      fingerprint: fingerprint('a'),
      file: 'address/v2.avsc',
      root: false,
      references: [],
    },
  ],
};

describe('lock file', () => {
  it('fingerprints are sha256 of the exact text', () => {
    expect(fingerprint('abc')).toBe(
      'sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('serializes sorted and stably, and parses back to the same lock', () => {
    const text = serializeLockFile(lock);
    expect(text).toMatchSnapshot();
    expect(serializeLockFile({ ...lock, schemas: [...lock.schemas].reverse() })).toBe(text);
    expect(serializeLockFile(parseLockFile(text, 'kgen.lock.json'))).toBe(text);
  });

  it('rejects a reference to a subject version that is not locked, naming the path', () => {
    const broken = { ...lock, schemas: lock.schemas.filter((s) => s.subject !== 'money') };
    expect(() => parseLockFile(serializeLockFile(broken), 'kgen.lock.json')).toThrow(
      expect.objectContaining({
        code: 'MISSING_REFERENCE',
        location: { file: 'kgen.lock.json', subject: 'orders-value', path: '$.schemas[1].references[1]' },
      }),
    );
  });

  it('rejects unknown keys and bad fingerprints with JSON paths', () => {
    const raw = JSON.parse(serializeLockFile(lock)) as { schemas: Array<Record<string, unknown>> };
    raw.schemas[0]!['extra'] = 1;
    expect(() => parseLockFile(JSON.stringify(raw), 'l.json')).toThrow(/unknown key "extra"/);
    delete raw.schemas[0]!['extra'];
    raw.schemas[0]!['fingerprint'] = 'md5:x';
    expect(() => parseLockFile(JSON.stringify(raw), 'l.json')).toThrow(
      expect.objectContaining({ location: { file: 'l.json', path: '$.schemas[0].fingerprint' } }),
    );
  });

  it('reports invalid JSON with a line', () => {
    expect(() => parseLockFile('{\n"lockfileVersion": 1,,\n}', 'l.json')).toThrow(
      expect.objectContaining({
        code: 'INVALID_JSON',
        location: expect.objectContaining({ file: 'l.json', line: 2 }),
      }),
    );
  });
});
