import {
  AuthenticationError,
  AuthorizationError,
  BrokerError,
  TlsError,
  isAuthenticationError,
  isAuthorizationError,
  isBrokerError,
  isTlsError,
} from 'kgen';
import { brokerFailure } from '../../../src/kafka/security-errors';

const coded = (code: number, message: string) => Object.assign(new Error(message), { code });

describe('brokerFailure: typed security errors', () => {
  it('a topic refused by its ACLs is an AuthorizationError naming the topic and the ACL operation', () => {
    const err = brokerFailure(
      'send',
      { topic: 'orders', partition: 0 },
      coded(29, 'Broker: Topic authorization failed'),
    );
    expect(err).toBeInstanceOf(AuthorizationError);
    expect(err).toBeInstanceOf(BrokerError);
    const denied = err as AuthorizationError;
    expect({
      code: denied.code,
      resourceType: denied.resourceType,
      resourceName: denied.resourceName,
      aclOperation: denied.aclOperation,
      retriable: denied.retriable,
      brokerCode: denied.brokerCode,
      topic: denied.topic,
    }).toEqual({
      code: 'AUTHORIZATION',
      resourceType: 'topic',
      resourceName: 'orders',
      aclOperation: 'WRITE',
      retriable: false,
      brokerCode: 29,
      topic: 'orders',
    });
    expect(denied.message).toBe(
      'not authorized: WRITE on topic "orders" is not allowed for this principal (check its ACLs); ' +
        'send failed on topic "orders" partition 0: Broker: Topic authorization failed',
    );
  });

  it('group, cluster and transactional-id refusals name their resource and operation', () => {
    const group = brokerFailure(
      'subscribe',
      { topic: 'a' },
      coded(30, 'Broker: Group authorization failed'),
      {
        group: 'billing',
      },
    ) as AuthorizationError;
    expect([group.resourceType, group.resourceName, group.aclOperation]).toEqual([
      'group',
      'billing',
      'READ',
    ]);
    const cluster = brokerFailure('send', { topic: 'a' }, coded(31, 'x')) as AuthorizationError;
    expect([cluster.resourceType, cluster.aclOperation]).toEqual(['cluster', 'IDEMPOTENT_WRITE']);
    const tx = brokerFailure('send', {}, coded(53, 'x')) as AuthorizationError;
    expect([tx.resourceType, tx.aclOperation]).toEqual(['transactional-id', 'WRITE']);
    const read = brokerFailure('subscribe', { topic: 'orders' }, coded(29, 'x')) as AuthorizationError;
    expect([read.resourceName, read.aclOperation]).toEqual(['orders', 'READ']);
  });

  it('a refused login is an AuthenticationError, by code or by librdkafka wording, and names the mechanism', () => {
    for (const cause of [
      coded(-169, 'Local: Authentication failure'),
      coded(58, 'Broker: SASL Authentication failed'),
      coded(-1, 'Local: Authentication failure'), // how the consumer's connect reports it
      new Error(
        'sasl_ssl://h:1/bootstrap: SASL authentication error: Authentication failed during authentication',
      ),
    ]) {
      const err = brokerFailure('connect', {}, cause, { mechanism: 'SCRAM-SHA-512' });
      expect(err).toBeInstanceOf(AuthenticationError);
      expect([err.code, err.retriable, (err as AuthenticationError).mechanism]).toEqual([
        'AUTHENTICATION',
        false,
        'SCRAM-SHA-512',
      ]);
      expect(err.message).toMatch(/^authentication failed \(SASL SCRAM-SHA-512\): connect failed: /);
    }
  });

  it('a failed TLS handshake is a TlsError that says what to check', () => {
    for (const cause of [
      coded(-181, 'Local: SSL error'),
      new Error(
        'h:1/bootstrap: SSL handshake failed: error:0A000086:SSL routines::certificate verify failed',
      ),
    ]) {
      const err = brokerFailure('connect', {}, cause);
      expect(err).toBeInstanceOf(TlsError);
      expect([err.code, err.retriable]).toEqual(['TLS', false]);
      expect(err.message).toMatch(/^TLS handshake failed .*tls\.caFile/);
    }
  });

  it('anything else stays a plain BrokerError; a BrokerError passes through unchanged', () => {
    const plain = brokerFailure('send', { topic: 'orders' }, coded(-192, 'Local: Message timed out'));
    expect(plain.constructor).toBe(BrokerError);
    expect([plain.code, plain.retriable]).toEqual(['BROKER', true]);
    expect(brokerFailure('connect', {}, plain)).toBe(plain);
  });

  it("each class's code matches its guard, and every one is a broker error", () => {
    const cases = [
      [new AuthenticationError('connect', {}, new Error('x')), isAuthenticationError, 'AUTHENTICATION'],
      [
        new AuthorizationError('send', {}, new Error('x'), { resourceType: 'topic', aclOperation: 'WRITE' }),
        isAuthorizationError,
        'AUTHORIZATION',
      ],
      [new TlsError('connect', {}, new Error('x')), isTlsError, 'TLS'],
    ] as const;
    for (const [err, guard, code] of cases) {
      expect(err.code).toBe(code);
      expect(guard(err)).toBe(true);
      expect(isBrokerError(err)).toBe(true);
      expect(cases.filter(([, g]) => g(err))).toHaveLength(1);
    }
  });
});
