/** SASL with a username and password: PLAIN (Confluent Cloud: API key and secret) or SCRAM (self-managed). */
export interface SaslPasswordOptions {
  /** librdkafka `sasl.mechanisms`. */
  readonly mechanism: 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512';
  /** `sasl.username` (Confluent Cloud: the API key). */
  readonly username: string;
  /** `sasl.password` (Confluent Cloud: the API secret); masked in everything kgen logs. */
  readonly password: string;
}

/** A token an OAUTHBEARER `tokenProvider` returns. */
export interface OAuthBearerToken {
  /** The token itself (a JWT, or Amazon MSK IAM's signed URL token). */
  readonly value: string;
  /** The principal the token is for (the broker may ignore it). */
  readonly principal: string;
  /** When the token expires, in milliseconds since the epoch; it is asked for again before then. */
  readonly lifetime: number;
  /** SASL extensions (e.g. Confluent Cloud's `logicalCluster`, `identityPoolId`). */
  readonly extensions?: Readonly<Record<string, string>>;
}

/** OAUTHBEARER with tokens from your code, e.g. Amazon MSK IAM (`aws-msk-iam-sasl-signer-js`). */
export interface SaslOAuthBearerProviderOptions {
  /** librdkafka `sasl.mechanisms`. */
  readonly mechanism: 'OAUTHBEARER';
  /** Called at connect and before each token expires. */
  readonly tokenProvider: () => Promise<OAuthBearerToken>;
}

/** OAUTHBEARER where librdkafka itself fetches tokens from an OIDC endpoint (client credentials grant). */
export interface SaslOAuthBearerOidcOptions {
  /** librdkafka `sasl.mechanisms`. */
  readonly mechanism: 'OAUTHBEARER';
  /** The identity provider's token endpoint and client credentials (`sasl.oauthbearer.*`, method `oidc`). */
  readonly oidc: {
    readonly tokenEndpointUrl: string;
    readonly clientId: string;
    readonly clientSecret: string;
    readonly scope?: string;
    /** SASL extensions sent with the token, e.g. `{ logicalCluster: 'lkc-…', identityPoolId: 'pool-…' }`. */
    readonly extensions?: Readonly<Record<string, string>>;
  };
}

/** The SASL mechanism and its credentials. */
export type SaslOptions = SaslPasswordOptions | SaslOAuthBearerProviderOptions | SaslOAuthBearerOidcOptions;

/** TLS to the brokers. Without `caFile`/`caPem` the system's CAs are trusted (right for public clouds). */
export interface TlsOptions {
  /** PEM file of the CA(s) that signed the brokers' certificates (librdkafka `ssl.ca.location`). */
  readonly caFile?: string;
  /** The same as PEM text (`ssl.ca.pem`). */
  readonly caPem?: string;
  /** Client certificate PEM file for mutual TLS (`ssl.certificate.location`). */
  readonly certFile?: string;
  /** Its private key PEM file (`ssl.key.location`). */
  readonly keyFile?: string;
  /** The key's passphrase, if it has one (`ssl.key.password`). */
  readonly keyPassword?: string;
  /** Check the broker's host name against its certificate. Default true. */
  readonly verifyHostname?: boolean;
}

/** How the client authenticates and encrypts: `{ sasl, tls }` maps to librdkafka's `security.protocol` and friends. */
export interface SecurityOptions {
  /** SASL mechanism and credentials; without it the client does not authenticate with SASL. */
  readonly sasl?: SaslOptions;
  /** `true` for TLS with the system's CAs, or the CA / client certificate to use. */
  readonly tls?: true | TlsOptions;
}

/** librdkafka properties, plus the OAUTHBEARER refresh callback the binding takes among them. */
export type SecurityProperties = Record<string, string | boolean | OAuthRefresh>;
type OAuthRefresh = (config: string) => Promise<{
  tokenValue: string;
  principal: string;
  lifetime: number;
  extensions?: Record<string, string>;
}>;

/** librdkafka properties for `security` (empty when it is undefined). */
export function securityProperties(security: SecurityOptions | undefined): SecurityProperties {
  if (security === undefined) return {};
  const { sasl, tls } = security;
  const out: SecurityProperties = {
    'security.protocol':
      sasl === undefined ? (tls ? 'ssl' : 'plaintext') : tls ? 'sasl_ssl' : 'sasl_plaintext',
  };
  if (sasl !== undefined) Object.assign(out, saslProperties(sasl));
  if (tls !== undefined && tls !== true) {
    const map: ReadonlyArray<[keyof TlsOptions, string]> = [
      ['caFile', 'ssl.ca.location'],
      ['caPem', 'ssl.ca.pem'],
      ['certFile', 'ssl.certificate.location'],
      ['keyFile', 'ssl.key.location'],
      ['keyPassword', 'ssl.key.password'],
    ];
    for (const [option, property] of map) {
      const value = tls[option];
      if (typeof value === 'string') out[property] = value;
    }
    if (tls.verifyHostname === false) out['ssl.endpoint.identification.algorithm'] = 'none';
  }
  return out;
}

function saslProperties(sasl: SaslOptions): SecurityProperties {
  if (sasl.mechanism !== 'OAUTHBEARER') {
    return {
      'sasl.mechanisms': sasl.mechanism,
      'sasl.username': sasl.username,
      'sasl.password': sasl.password,
    };
  }
  if ('oidc' in sasl) {
    const { oidc } = sasl;
    return {
      'sasl.mechanisms': 'OAUTHBEARER',
      'sasl.oauthbearer.method': 'oidc',
      'sasl.oauthbearer.token.endpoint.url': oidc.tokenEndpointUrl,
      'sasl.oauthbearer.client.id': oidc.clientId,
      'sasl.oauthbearer.client.secret': oidc.clientSecret,
      ...(oidc.scope === undefined ? {} : { 'sasl.oauthbearer.scope': oidc.scope }),
      ...(oidc.extensions === undefined
        ? {}
        : {
            'sasl.oauthbearer.extensions': Object.entries(oidc.extensions)
              .map(([k, v]) => `${k}=${v}`)
              .join(','),
          }),
    };
  }
  const provider = sasl.tokenProvider;
  return {
    'sasl.mechanisms': 'OAUTHBEARER',
    oauthbearer_token_refresh_cb: async () => {
      const token = await provider();
      return {
        tokenValue: token.value,
        principal: token.principal,
        lifetime: token.lifetime,
        ...(token.extensions === undefined ? {} : { extensions: { ...token.extensions } }),
      };
    },
  };
}

/** Secret librdkafka properties: their values are masked wherever kgen prints or wraps text. */
const SECRET_PROPERTIES = [
  'sasl.password',
  'sasl.oauthbearer.client.secret',
  'ssl.key.password',
  'ssl.keystore.password',
  'ssl.key.pem',
  'sasl.oauthbearer.config',
];

/** The secret values among librdkafka properties (plain `kafka` ones and those from `security`). */
export function secretsOf(properties: Readonly<Record<string, unknown>>): string[] {
  return SECRET_PROPERTIES.map((p) => properties[p]).filter(
    (v): v is string => typeof v === 'string' && v.length > 0,
  );
}

/** `text` with every secret replaced by `[redacted]`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join('[redacted]');
  return out;
}
