import { redact, secretsOf, securityProperties } from '../../../src/client/security-options';

describe('securityProperties: typed SASL/TLS options → librdkafka properties', () => {
  it('nothing set: no properties', () => {
    expect(securityProperties(undefined)).toEqual({});
  });

  it('SCRAM over TLS with a private CA (self-managed)', () => {
    expect(
      securityProperties({
        sasl: { mechanism: 'SCRAM-SHA-512', username: 'alice', password: 's3cret' },
        tls: { caFile: '/etc/kafka/ca.pem' },
      }),
    ).toEqual({
      'security.protocol': 'sasl_ssl',
      'sasl.mechanisms': 'SCRAM-SHA-512',
      'sasl.username': 'alice',
      'sasl.password': 's3cret',
      'ssl.ca.location': '/etc/kafka/ca.pem',
    });
  });

  it('PLAIN over TLS with the system CAs (Confluent Cloud), and SASL without TLS', () => {
    expect(
      securityProperties({ sasl: { mechanism: 'PLAIN', username: 'KEY', password: 'SECRET' }, tls: true }),
    ).toEqual({
      'security.protocol': 'sasl_ssl',
      'sasl.mechanisms': 'PLAIN',
      'sasl.username': 'KEY',
      'sasl.password': 'SECRET',
    });
    expect(
      securityProperties({ sasl: { mechanism: 'SCRAM-SHA-256', username: 'u', password: 'p' } })[
        'security.protocol'
      ],
    ).toBe('sasl_plaintext');
  });

  it('mutual TLS: client certificate, key, passphrase, host name check off', () => {
    expect(
      securityProperties({
        tls: { caPem: 'PEM', certFile: 'c.pem', keyFile: 'k.pem', keyPassword: 'kp', verifyHostname: false },
      }),
    ).toEqual({
      'security.protocol': 'ssl',
      'ssl.ca.pem': 'PEM',
      'ssl.certificate.location': 'c.pem',
      'ssl.key.location': 'k.pem',
      'ssl.key.password': 'kp',
      'ssl.endpoint.identification.algorithm': 'none',
    });
  });

  it('OAUTHBEARER through OIDC (client credentials)', () => {
    expect(
      securityProperties({
        sasl: {
          mechanism: 'OAUTHBEARER',
          oidc: {
            tokenEndpointUrl: 'https://idp/token',
            clientId: 'id',
            clientSecret: 'cs',
            scope: 'kafka',
            extensions: { logicalCluster: 'lkc-1', identityPoolId: 'pool-2' },
          },
        },
        tls: true,
      }),
    ).toEqual({
      'security.protocol': 'sasl_ssl',
      'sasl.mechanisms': 'OAUTHBEARER',
      'sasl.oauthbearer.method': 'oidc',
      'sasl.oauthbearer.token.endpoint.url': 'https://idp/token',
      'sasl.oauthbearer.client.id': 'id',
      'sasl.oauthbearer.client.secret': 'cs',
      'sasl.oauthbearer.scope': 'kafka',
      'sasl.oauthbearer.extensions': 'logicalCluster=lkc-1,identityPoolId=pool-2',
    });
  });

  it("OAUTHBEARER with a token provider (Amazon MSK IAM): the binding's refresh callback returns its token", async () => {
    const props = securityProperties({
      sasl: {
        mechanism: 'OAUTHBEARER',
        tokenProvider: async () => ({ value: 'tok', principal: 'p', lifetime: 1234, extensions: { a: 'b' } }),
      },
      tls: true,
    });
    expect(props['sasl.mechanisms']).toBe('OAUTHBEARER');
    const refresh = props['oauthbearer_token_refresh_cb'];
    if (typeof refresh !== 'function') throw new Error('no refresh callback');
    await expect(refresh('')).resolves.toEqual({
      tokenValue: 'tok',
      principal: 'p',
      lifetime: 1234,
      extensions: { a: 'b' },
    });
  });

  it('secretsOf finds the secret values; redact masks each occurrence', () => {
    const props = {
      ...securityProperties({
        sasl: { mechanism: 'PLAIN', username: 'alice', password: 'pw-1' },
        tls: { keyPassword: 'kp-2' },
      }),
      'ssl.keystore.password': 'ks-3',
    };
    const secrets = secretsOf(props);
    expect(secrets.sort()).toEqual(['kp-2', 'ks-3', 'pw-1']);
    expect(redact('user alice pw-1 and pw-1, kp-2', secrets)).toBe(
      'user alice [redacted] and [redacted], [redacted]',
    );
  });
});
