import type { Client } from '@confluentinc/schemaregistry';
import { RegistryJsonDecoder, UndecodableError } from '../../../codegen/ops/record-json/registry-json';

// Unit test with a fake registry: which failures end tail (registry down) and which mark one record.
function decoderAnswering(answer: (id: number) => Promise<unknown>): RegistryJsonDecoder {
  const fake = { getBySubjectAndId: (_s: string, id: number) => answer(id) } as unknown as Client;
  return new RegistryJsonDecoder(fake);
}

async function failure(decoder: RegistryJsonDecoder, id: number): Promise<UndecodableError> {
  const framed = Buffer.from([0, 0, 0, 0, id, 2]);
  try {
    await decoder.decode(framed);
  } catch (err) {
    if (err instanceof UndecodableError) return err;
    throw err;
  }
  throw new Error('decoded');
}

describe('RegistryJsonDecoder failures', () => {
  it('an id the registry answers 404 for: this record only', async () => {
    const err = await failure(
      decoderAnswering(() => Promise.reject(Object.assign(new Error('not found'), { status: 404 }))),
      9,
    );
    expect(err).toMatchObject({ schemaId: 9, registryDown: false });
    expect(err.message).toBe('schema id 9 is not in the registry (HTTP 404)');
  });

  it('no answer at all (connection refused): the registry is down', async () => {
    const err = await failure(
      decoderAnswering(() => Promise.reject(new Error('connect ECONNREFUSED'))),
      3,
    );
    expect(err.registryDown).toBe(true);
  });

  it('a JSON Schema record is the JSON it holds; a payload that is not JSON, or a schema kgen cannot build: this record only', async () => {
    const decoder = decoderAnswering(() =>
      Promise.resolve({ schemaType: 'JSON', schema: '{"type": "object"}' }),
    );
    const record = Buffer.concat([Buffer.from([0, 0, 0, 0, 4]), Buffer.from('{"a": 1, "b": [true]}')]);
    await expect(decoder.decode(record)).resolves.toMatchObject({
      schemaId: 4,
      format: 'JSON',
      json: { a: 1, b: [true] },
    });
    const notJson = await failure(decoder, 4);
    expect(notJson).toMatchObject({ schemaId: 4, registryDown: false });
    const broken = await failure(
      decoderAnswering(() => Promise.resolve({ schemaType: 'AVRO', schema: '{"type": "nope"}' })),
      5,
    );
    expect(broken).toMatchObject({ schemaId: 5, registryDown: false });
  });

  it('an unframed payload is undecodable without asking the registry', async () => {
    const decoder = decoderAnswering(() => Promise.reject(new Error('must not be called')));
    await expect(decoder.decode(Buffer.from('hello'))).rejects.toMatchObject({
      schemaId: undefined,
      registryDown: false,
    });
  });
});
