import {
  FetchedRecord,
  headersOf,
  NO_HEADERS,
  rawRecordOfFetched,
} from '../../../src/consumer/native/fetched-record';

describe('records of the native fetch path', () => {
  const fetched = {
    topic: 'orders',
    partition: 2,
    offset: 41,
    key: Buffer.from('k'),
    value: Buffer.from([0, 1]),
    timestamp: 1_700_000_000_123,
    headers: [{ a: Buffer.from('1') }, { b: 'x' }, { a: Buffer.from('2') }],
  };

  it('headers: KafkaJS-style, a repeated name becomes an array; none → one shared frozen object', () => {
    expect(headersOf(fetched.headers)).toEqual({ a: [Buffer.from('1'), Buffer.from('2')], b: 'x' });
    expect(headersOf(undefined)).toBe(NO_HEADERS);
    expect(Object.isFrozen(NO_HEADERS)).toBe(true);
  });

  it('a typed record has plain own fields, and builds its raw record only when read', () => {
    const r = new FetchedRecord(fetched, 'k', { n: 1 });
    expect({ ...r }).toEqual({
      topic: 'orders',
      partition: 2,
      offset: '41',
      timestamp: '1700000000123',
      key: 'k',
      value: { n: 1 },
      headers: { a: [Buffer.from('1'), Buffer.from('2')], b: 'x' },
    });
    expect(r.raw).toBe(r.raw);
    expect(r.raw).toEqual(rawRecordOfFetched(fetched));
    expect(r.raw.value).toBe(fetched.value);
  });

  it('raw records: string keys become bytes, a missing key is null, no timestamp is empty', () => {
    const raw = rawRecordOfFetched({ topic: 't', partition: 0, offset: 0, key: 'abc', value: null });
    expect(raw).toEqual({
      topic: 't',
      partition: 0,
      offset: '0',
      timestamp: '',
      key: Buffer.from('abc'),
      value: null,
      headers: {},
    });
    expect(
      rawRecordOfFetched({ topic: 't', partition: 0, offset: 0, key: undefined, value: null }).key,
    ).toBeNull();
  });
});
