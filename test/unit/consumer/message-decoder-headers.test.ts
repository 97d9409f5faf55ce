import { MockClient } from '@confluentinc/schemaregistry';
import { DecodeError, type RawMessage } from 'kgen';
import { headerTopics } from '../serde/headers/header-fixtures';
import { MessageDecoder } from '../../../src/consumer/message-decoder';
import { WriterSchemaCache } from '../../../src/serde/registry/writer-schemas';
import { jsonCodec } from '../serde/registry/json-codec';

const topics = headerTopics;

const registry = new MockClient();
const decoder = new MessageDecoder(
  { registry, codecs: jsonCodec, writers: new WriterSchemaCache(registry), producerSchemas: {} },
  topics,
  ['payments', 'logs'],
);

function raw(
  topic: string,
  headers: RawMessage['headers'],
  value: Buffer | null = Buffer.from('v'),
): RawMessage {
  return { topic, partition: 1, offset: '9', timestamp: '0', key: Buffer.from('k'), value, headers };
}

const good = { tenant: Buffer.from('t-1'), attempt: Buffer.from('4'), priority: Buffer.from('high') };

function decodeError(run: () => unknown): DecodeError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(DecodeError);
    return err as DecodeError;
  }
  throw new Error('expected a DecodeError');
}

describe('MessageDecoder: declared headers', () => {
  it('decodes declared headers to their types; undeclared ones stay in raw.headers', () => {
    const record = raw('payments', { ...good, traceparent: Buffer.from('00-x') });
    const decoded = decoder.decode(record);
    expect(decoded).toMatchObject({ value: 'v', headers: { tenant: 't-1', attempt: 4, priority: 'high' } });
    expect(decoded).not.toBeInstanceOf(Promise);
    expect((decoded as { raw: RawMessage }).raw.headers['traceparent']).toEqual(Buffer.from('00-x'));
    expect(decoder.decodeTombstone(raw('payments', good, null))).toMatchObject({
      headers: { tenant: 't-1', attempt: 4, priority: 'high' },
    });
  });

  it('the native fetch path decodes them too (headers as the binding lists them)', () => {
    const fetched = decoder.decodeFetched({
      topic: 'payments',
      partition: 0,
      offset: 3,
      key: Buffer.from('k'),
      value: Buffer.from('v'),
      headers: [{ tenant: Buffer.from('t') }, { priority: Buffer.from('low') }, { other: Buffer.from('o') }],
    });
    expect(fetched).toMatchObject({ headers: { tenant: 't', priority: 'low' } });
    expect(Object.keys((fetched as { headers: object }).headers)).toEqual(['tenant', 'priority']);
  });

  it.each([
    ['a required header missing', { tenant: Buffer.from('t') }, 'priority', /required header is missing/],
    [
      'an integer header that is not one',
      { ...good, attempt: Buffer.from('four') },
      'attempt',
      /expected a decimal integer, got "four"/,
    ],
    [
      'a declared header repeated',
      { ...good, priority: [Buffer.from('low'), Buffer.from('high')] },
      'priority',
      /appears 2 times/,
    ],
  ])('%s is a DecodeError (role headers, naming the header)', (_case, headers, header, reason) => {
    for (const run of [
      () => decoder.decode(raw('payments', headers)),
      () => decoder.decodeTombstone(raw('payments', headers, null)),
    ]) {
      const err = decodeError(run);
      expect(err).toMatchObject({ code: 'DECODE', topic: 'payments', offset: '9', role: 'headers', header });
      expect(err.message).toMatch(
        /^cannot decode headers of topic "payments" partition 1 offset 9: header "/,
      );
      expect(err.message).toMatch(reason);
    }
    const native = decodeError(() =>
      decoder.decodeFetched({
        topic: 'payments',
        partition: 1,
        offset: 9,
        key: null,
        value: Buffer.from('v'),
        headers: Object.entries(headers).flatMap(([k, v]) =>
          (Array.isArray(v) ? v : [v]).map((b) => ({ [k]: b })),
        ),
      }),
    );
    expect(native).toMatchObject({ role: 'headers', header });
  });

  it('a topic without declared headers keeps them as fetched', () => {
    const headers = { any: Buffer.from('x'), many: [Buffer.from('a'), 'b'] };
    expect(decoder.decode(raw('logs', headers))).toMatchObject({ headers });
  });
});
