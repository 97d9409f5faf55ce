import {
  bigintHeader,
  booleanHeader,
  bytesHeader,
  defineHeaders,
  enumHeader,
  InvalidHeaderError,
  integerHeader,
  numberHeader,
  stringHeader,
  type HeaderFields,
} from 'kgen';
import { createHeadersDecoder, HeaderDecodeProblem } from '../../../../src/serde/headers/headers-decoder';
import { createHeadersEncoder } from '../../../../src/serde/headers/headers-encoder';

const strict = defineHeaders(
  {
    'tenant-id': stringHeader(),
    attempt: integerHeader({ optional: true }),
    ratio: numberHeader({ optional: true }),
    seq: bigintHeader({ optional: true }),
    replayed: booleanHeader({ optional: true }),
    priority: enumHeader(['low', 'high']),
    signature: bytesHeader({ optional: true }),
  },
  { strict: true },
);
const open = defineHeaders({ attempt: integerHeader({ optional: true }) });

const encode = createHeadersEncoder('payments', strict)!;
const decode = createHeadersDecoder('payments', strict)!;

function failure(run: () => unknown): InvalidHeaderError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidHeaderError);
    return err as InvalidHeaderError;
  }
  throw new Error('expected an InvalidHeaderError');
}

describe('typed headers: encoding', () => {
  it('writes every type as documented (text, bytes untouched)', () => {
    const signature = Buffer.from([0, 255, 1]);
    expect(
      encode({
        'tenant-id': 't-1',
        attempt: -3,
        ratio: 0.25,
        seq: 2n ** 70n,
        replayed: false,
        priority: 'high',
        signature,
      }),
    ).toEqual({
      'tenant-id': 't-1',
      attempt: '-3',
      ratio: '0.25',
      seq: '1180591620717411303424',
      replayed: 'false',
      priority: 'high',
      signature,
    });
  });

  it.each([
    [{ priority: 'low' }, 'tenant-id', /required header is missing/],
    [undefined, 'tenant-id', /required header is missing/],
    [{ 'tenant-id': 7, priority: 'low' }, 'tenant-id', /expected a string, got number 7/],
    [
      { 'tenant-id': 't', priority: 'urgent' },
      'priority',
      /expected one of "low", "high", got the string "urgent"/,
    ],
    [
      { 'tenant-id': 't', priority: 'low', attempt: 1.5 },
      'attempt',
      /expected a safe integer, got number 1.5/,
    ],
    [{ 'tenant-id': 't', priority: 'low', attempt: 2 ** 53 }, 'attempt', /expected a safe integer/],
    [{ 'tenant-id': 't', priority: 'low', ratio: Infinity }, 'ratio', /expected a finite number/],
    [{ 'tenant-id': 't', priority: 'low', seq: 5 }, 'seq', /expected a bigint, got number 5/],
    [{ 'tenant-id': 't', priority: 'low', replayed: 'true' }, 'replayed', /expected a boolean/],
    [{ 'tenant-id': 't', priority: 'low', signature: 'abc' }, 'signature', /expected a Buffer/],
    [
      { 'tenant-id': 't', priority: 'low', 'x-debug': '1' },
      'x-debug',
      /not declared, and the topic's header set is strict/,
    ],
  ])('rejects %j naming topic and header %s', (headers, header, reason) => {
    const err = failure(() => encode(headers));
    expect(err).toMatchObject({ code: 'INVALID_HEADER', topic: 'payments', header });
    expect(err.message).toMatch(/^topic "payments" header "/);
    expect(err.message).toMatch(reason);
  });

  it('a strict set admits the runtime trace-context headers without declaring them', () => {
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    expect(
      encode({ 'tenant-id': 't', priority: 'low', traceparent, tracestate: 'k=v', baggage: 'a=b' }),
    ).toEqual({
      'tenant-id': 't',
      priority: 'low',
      traceparent,
      tracestate: 'k=v',
      baggage: 'a=b',
    });
  });

  it('an open set passes undeclared string/Buffer headers and rejects other values', () => {
    const enc = createHeadersEncoder('audits', open)!;
    expect(enc({ attempt: 1, other: 'x', many: ['a', Buffer.from('b')] })).toEqual({
      attempt: '1',
      other: 'x',
      many: ['a', Buffer.from('b')],
    });
    expect(enc(undefined)).toBeUndefined();
    expect(failure(() => enc({ n: 1 }))).toMatchObject({ topic: 'audits', header: 'n' });
  });

  it('a topic without declared headers has no encoder (headers pass as given)', () => {
    expect(createHeadersEncoder('logs', undefined)).toBeUndefined();
    expect(createHeadersDecoder('logs', undefined)).toBeUndefined();
  });

  it.each([
    [{ fields: { a: { type: 'date', required: true } }, strict: false }, 'a', /unknown header type "date"/],
    [{ fields: { a: { type: 'enum', required: true, symbols: [] } }, strict: false }, 'a', /non-empty list/],
    [{ fields: { a: { type: 'enum', required: true, symbols: ['x', 'x'] } }, strict: false }, 'a', /twice/],
    [{ fields: { a: { type: 'string' } }, strict: false }, 'a', /`required` must be true or false/],
    [{ fields: {} }, '*', /strict: true \| false/],
    [{}, '*', /needs a `fields` object/],
  ])('a malformed descriptor %j is an InvalidHeaderError for %s', (descriptor, header, reason) => {
    const err = failure(() => createHeadersEncoder('t', descriptor));
    expect(err).toMatchObject({ topic: 't', header });
    expect(err.message).toMatch(reason);
  });
});

describe('typed headers: decoding', () => {
  it('reads what the encoder wrote, as Buffers (how the binding hands headers over) or strings', () => {
    const value = {
      'tenant-id': 't-1',
      attempt: 7,
      ratio: -1.5e-7,
      seq: -(2n ** 64n),
      replayed: true,
      priority: 'low',
      signature: Buffer.from([1, 2]),
    };
    const written = encode(value)!;
    const asBuffers = Object.fromEntries(
      Object.entries(written).map(([k, v]) => [k, Buffer.isBuffer(v) ? v : Buffer.from(v as string)]),
    );
    expect(decode(asBuffers)).toEqual(value);
    expect(decode(written as Record<string, string | Buffer>)).toEqual(value);
  });

  it('leaves undeclared headers out (they stay in raw.headers) and optional ones absent', () => {
    expect(
      decode({ 'tenant-id': Buffer.from('t'), priority: Buffer.from('high'), traceparent: 'x' }),
    ).toEqual({
      'tenant-id': 't',
      priority: 'high',
    });
  });

  it.each([
    [{ priority: 'low' }, 'tenant-id', /required header is missing/],
    [{ 'tenant-id': ['a', 'b'], priority: 'low' }, 'tenant-id', /appears 2 times/],
    [{ 'tenant-id': 't', priority: 'LOW' }, 'priority', /expected one of "low", "high", got "LOW"/],
    [{ 'tenant-id': 't', priority: 'low', attempt: '01' }, 'attempt', /expected a decimal integer, got "01"/],
    [{ 'tenant-id': 't', priority: 'low', attempt: '9007199254740993' }, 'attempt', /safe integer range/],
    [{ 'tenant-id': 't', priority: 'low', ratio: '1e999' }, 'ratio', /not a finite number/],
    [{ 'tenant-id': 't', priority: 'low', ratio: ' 1' }, 'ratio', /expected a decimal number/],
    [{ 'tenant-id': 't', priority: 'low', seq: '1.0' }, 'seq', /expected a decimal integer/],
    [{ 'tenant-id': 't', priority: 'low', replayed: 'yes' }, 'replayed', /expected "true" or "false"/],
  ])('%j does not fit: a problem naming header %s', (headers, header, reason) => {
    let err: unknown;
    try {
      decode(headers);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(HeaderDecodeProblem);
    expect(err).toMatchObject({ header });
    expect((err as Error).message).toMatch(reason);
  });

  it('a header named __proto__ is stored as data, not as the prototype', () => {
    const fields = JSON.parse('{"__proto__":{"type":"string","required":true}}') as HeaderFields;
    const dec = createHeadersDecoder('t', { fields, strict: false })!;
    const out = dec(JSON.parse('{"__proto__":"x"}') as Record<string, string>);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toBe('x');
  });
});
