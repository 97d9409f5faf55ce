import { isKgenError } from '../../../src/errors';
import {
  ProducerConfigError,
  assertProducerConfig,
  checkProducerConfig,
} from '../../../src/producer/config-check';

const codes = (c: Record<string, unknown>): string[] => checkProducerConfig(c).map((w) => w.code);

describe('checkProducerConfig', () => {
  it('finds idempotence with acks=1, acks=0 and acks given as a string', () => {
    expect(codes({ 'enable.idempotence': true, acks: 1 })).toEqual(['IDEMPOTENCE_ACKS']);
    expect(codes({ 'enable.idempotence': 'true', acks: '0' })).toEqual(['IDEMPOTENCE_ACKS']);
    expect(codes({ 'enable.idempotence': true, 'request.required.acks': 'all' })).toEqual([]);
    expect(checkProducerConfig({ 'enable.idempotence': true, acks: 1 })[0]!.message).toMatch(
      /acks=all.*acks=1/,
    );
  });

  it('finds idempotence with more than 5 requests in flight (either alias) and with retries=0', () => {
    expect(codes({ 'enable.idempotence': true, 'max.in.flight.requests.per.connection': 6 })).toEqual([
      'IDEMPOTENCE_IN_FLIGHT',
    ]);
    expect(codes({ 'enable.idempotence': true, 'max.in.flight': 10 })).toEqual(['IDEMPOTENCE_IN_FLIGHT']);
    expect(codes({ 'enable.idempotence': true, retries: 0 })).toEqual(['IDEMPOTENCE_RETRIES']);
  });

  it('finds transactions without idempotence', () => {
    expect(codes({ 'transactional.id': 'x', 'enable.idempotence': false })).toEqual([
      'TRANSACTIONS_NEED_IDEMPOTENCE',
    ]);
  });

  it('finds reordering risk without idempotence', () => {
    expect(
      codes({ 'enable.idempotence': false, acks: 1, 'max.in.flight.requests.per.connection': 5, retries: 3 }),
    ).toEqual(['REORDERING']);
    expect(
      codes({ 'enable.idempotence': false, acks: 1, 'max.in.flight.requests.per.connection': 1 }),
    ).toEqual([]);
  });

  it('finds timeouts that cannot work', () => {
    expect(codes({ 'message.timeout.ms': 1000, 'linger.ms': 500, 'request.timeout.ms': 30000 })).toEqual([
      'DELIVERY_TIMEOUT',
    ]);
    expect(
      codes({ 'transactional.id': 't', 'message.timeout.ms': 120000, 'transaction.timeout.ms': 60000 }),
    ).toEqual(['TRANSACTION_TIMEOUT']);
  });

  it('finds aliases set to different values', () => {
    expect(codes({ 'compression.codec': 'gzip', 'compression.type': 'lz4' })).toEqual([
      'COMPRESSION_ALIASES',
    ]);
    expect(codes({ 'linger.ms': 5, 'queue.buffering.max.ms': 50 })).toEqual(['LINGER_ALIASES']);
  });

  it('reports every contradiction at once; assert throws a kgen error carrying them all', () => {
    const bad = { 'enable.idempotence': true, acks: 1, 'max.in.flight.requests.per.connection': 10 };
    expect(codes(bad)).toEqual(['IDEMPOTENCE_ACKS', 'IDEMPOTENCE_IN_FLIGHT']);
    let thrown: unknown;
    try {
      assertProducerConfig(bad);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ProducerConfigError);
    expect(isKgenError(thrown)).toBe(true);
    expect((thrown as ProducerConfigError).warnings).toHaveLength(2);
    expect((thrown as ProducerConfigError).code).toBe('PRODUCER_CONFIG');
    const ok = { 'enable.idempotence': true, acks: -1 };
    expect(assertProducerConfig(ok)).toBe(ok);
  });
});
