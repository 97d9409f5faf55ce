/**
 * Type-level tests of `createClient`'s `security` option (compiled by `npm run typecheck`; no runner): each SASL
 * mechanism takes exactly its own credentials.
 */
import type { SecurityOptions } from 'kgen';

export const scram: SecurityOptions = {
  sasl: { mechanism: 'SCRAM-SHA-512', username: 'u', password: 'p' },
  tls: { caFile: '/ca.pem' },
};
export const cloud: SecurityOptions = {
  sasl: { mechanism: 'PLAIN', username: 'k', password: 's' },
  tls: true,
};
export const msk: SecurityOptions = {
  sasl: {
    mechanism: 'OAUTHBEARER',
    tokenProvider: async () => ({ value: 't', principal: 'p', lifetime: Date.now() + 60_000 }),
  },
  tls: true,
};

// @ts-expect-error -- a password mechanism needs its password
export const noPassword: SecurityOptions = { sasl: { mechanism: 'PLAIN', username: 'k' } };

export const oauthWithPassword: SecurityOptions = {
  sasl: {
    mechanism: 'OAUTHBEARER',
    // @ts-expect-error -- OAUTHBEARER takes a token provider or OIDC settings, not a password
    username: 'u',
    password: 'p',
  },
};

export const unknownMechanism: SecurityOptions = {
  sasl: {
    // @ts-expect-error -- not a mechanism kgen offers
    mechanism: 'SCRAM-SHA-1',
    username: 'u',
    password: 'p',
  },
};

// @ts-expect-error -- `tls: false` is spelled by leaving `tls` out
export const tlsFalse: SecurityOptions = { tls: false };

export const tokenLacksLifetime: SecurityOptions = {
  // @ts-expect-error -- a token says when it expires
  sasl: {
    mechanism: 'OAUTHBEARER',
    tokenProvider: async () => ({ value: 't', principal: 'p' }),
  },
};
