import { BrokerError } from '../../../src/kafka/broker-error';

describe('BrokerError.retriable', () => {
  const send = (facts: object) =>
    new BrokerError('send', { topic: 'orders', partition: 0 }, Object.assign(new Error('x'), facts));

  it('a send that timed out or lacked in-sync replicas can be retried, though librdkafka leaves it unflagged', () => {
    // Regression: with two of three nodes down, the send failed with "Local: Message timed out" (-192) and
    // retriable false, so callers gave up on a failure that ends when a broker returns.
    for (const code of [-192, 5, 6, 19, 20]) {
      expect(send({ code, message: 'x' }).retriable).toBe(true);
    }
    const err = send({ code: -192, message: 'Local: Message timed out' });
    expect(err.message).toBe('send failed on topic "orders" partition 0: Local: Message timed out');
  });

  it('keeps librdkafka flags and the shared retriable codes, and nothing else', () => {
    expect(send({ code: 999, retriable: true }).retriable).toBe(true);
    expect(send({ code: 7 }).retriable).toBe(true); // REQUEST_TIMED_OUT
    expect(send({ code: 10 }).retriable).toBe(false); // MSG_SIZE_TOO_LARGE
    expect(send({ code: 29 }).retriable).toBe(false); // TOPIC_AUTHORIZATION_FAILED
    expect(new BrokerError('commit', { topic: 'orders' }, { code: -192 }).retriable).toBe(false);
  });
});
