import { CodegenError } from '../../../../codegen/errors';
import { pull } from '../../../../codegen/registry/pull';
import type { FetchedSchema, RegistryReader } from '../../../../codegen/registry/registry-reader';
import type { VersionPin } from '../../../../codegen/config/config-types';

/** An in-memory registry: subject → versions (1-based). */
function fakeRegistry(subjects: Record<string, Array<Omit<FetchedSchema, 'subject' | 'version' | 'id'>>>) {
  const calls: string[] = [];
  let id = 100;
  const ids = new Map<string, number>();
  const reader: RegistryReader = {
    url: 'http://fake:8081',
    async getSchema(subject: string, version: VersionPin) {
      calls.push(`${subject}@${version}`);
      const versions = subjects[subject];
      if (!versions) throw new CodegenError('UNKNOWN_SUBJECT', 'subject not found', { subject });
      const v = version === 'latest' ? versions.length : version;
      const found = versions[v - 1];
      if (!found) throw new CodegenError('UNKNOWN_VERSION', `version ${v} not found`, { subject });
      const key = `${subject}@${v}`;
      if (!ids.has(key)) ids.set(key, id++);
      return { subject, version: v, id: ids.get(key)!, ...found };
    },
    async listSubjects() {
      return Object.keys(subjects);
    },
  };
  return { reader, calls };
}

const avro = (text: string, references: FetchedSchema['references'] = []) => ({
  schemaType: 'AVRO' as const,
  schema: text,
  references,
});

describe('pull', () => {
  it('fetches references transitively, once each, and pins them in the lock', async () => {
    const { reader, calls } = fakeRegistry({
      'orders-value': [
        avro('{"v":1}'),
        avro('{"v":2}', [
          { name: 'com.acme.Address', subject: 'address', version: 1 },
          { name: 'com.acme.Money', subject: 'money', version: 2 },
        ]),
      ],
      address: [avro('{"address":1}', [{ name: 'com.acme.Country', subject: 'country', version: 1 }])],
      money: [
        avro('{"money":1}'),
        avro('{"money":2}', [{ name: 'com.acme.Country', subject: 'country', version: 1 }]),
      ],
      country: [avro('{"country":1}')],
    });
    const progress: string[] = [];
    const result = await pull(
      { subjects: [{ kind: 'subject', subject: 'orders-value', version: 'latest' }] },
      reader,
      { onProgress: (l) => progress.push(l) },
    );
    expect(calls.sort()).toEqual(['address@1', 'country@1', 'money@2', 'orders-value@latest']);
    expect(result.files.map((f) => f.path)).toEqual([
      'address/v1.avsc',
      'country/v1.avsc',
      'money/v2.avsc',
      'orders-value/v2.avsc',
    ]);
    expect(result.lock.schemas.map((s) => [s.subject, s.version, s.root])).toEqual([
      ['orders-value', 2, true],
      ['address', 1, false],
      ['money', 2, false],
      ['country', 1, false],
    ]);
    expect(result.lock.schemas[0]!.references).toHaveLength(2);
    expect(result.lock.registry).toBe('http://fake:8081');
    expect(progress[0]).toBe('pulling 1 subject(s) from http://fake:8081');
    expect(progress.at(-1)).toBe('pulled 4 schema(s) (1 selected, 3 by reference)');
  });

  it('selects subjects by pattern and honours pinned versions', async () => {
    const { reader } = fakeRegistry({
      'inv.a-value': [avro('a1'), avro('a2')],
      'inv.b-value': [avro('b1')],
      'other-value': [avro('o1')],
    });
    const result = await pull(
      {
        subjects: [
          { kind: 'subject', subject: 'inv.a-value', version: 1 },
          { kind: 'pattern', pattern: '^inv\\.' },
        ],
      },
      reader,
    );
    expect(result.lock.schemas.map((s) => `${s.subject}@${s.version}`)).toEqual([
      'inv.a-value@1',
      'inv.b-value@1',
    ]);
  });

  it('names the referencing subject when a reference is missing', async () => {
    const { reader } = fakeRegistry({
      'orders-value': [avro('{}', [{ name: 'com.acme.Gone', subject: 'gone', version: 1 }])],
    });
    await expect(
      pull({ subjects: [{ kind: 'subject', subject: 'orders-value', version: 'latest' }] }, reader),
    ).rejects.toThrow(
      expect.objectContaining({
        code: 'MISSING_REFERENCE',
        location: { subject: 'orders-value' },
        message: 'reference "com.acme.Gone" → subject "gone" version 1 is not in registry http://fake:8081',
      }),
    );
  });

  it('fails on an unknown subject, an empty pattern match, or an empty selection', async () => {
    const { reader } = fakeRegistry({ a: [avro('a')] });
    await expect(
      pull({ subjects: [{ kind: 'subject', subject: 'nope', version: 'latest' }] }, reader),
    ).rejects.toThrow(expect.objectContaining({ code: 'UNKNOWN_SUBJECT', location: { subject: 'nope' } }));
    await expect(pull({ subjects: [{ kind: 'pattern', pattern: '^zzz' }] }, reader)).rejects.toThrow(
      /pattern \/\^zzz\/ matches no subject/,
    );
    await expect(pull({ subjects: [] }, reader)).rejects.toThrow(
      expect.objectContaining({ code: 'NOTHING_TO_PULL' }),
    );
  });
});
