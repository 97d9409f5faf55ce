import { type Client, type ClientConfig, SchemaRegistryClient } from '@confluentinc/schemaregistry';

/** Credentials for the schema registry. */
export type RegistryAuth =
  /** HTTP basic auth (Confluent Cloud API key/secret). */
  | { readonly username: string; readonly password: string }
  /**
   * A static bearer token, sent as `Authorization: Bearer <token>`. Confluent Cloud also wants the logical
   * cluster (and identity pool) headers: give them and the official client's bearer support is used.
   */
  | { readonly token: string; readonly logicalCluster?: string; readonly identityPoolId?: string };

/** Where the Confluent-compatible schema registry is. */
export interface RegistryOptions {
  /** Base URL(s), e.g. `http://localhost:8081` or Apicurio's `http://host/apis/ccompat/v7`. */
  readonly url: string | readonly string[];
  /** Credentials, if the registry needs them. */
  readonly auth?: RegistryAuth;
  /** Extra options passed to the official `SchemaRegistryClient` (retries, cache sizes). */
  readonly clientConfig?: Partial<Omit<ClientConfig, 'baseURLs'>>;
  /** Use this client instead of creating one (e.g. a shared client, or `MockClient` in unit tests). */
  readonly client?: Client;
}

/**
 * Per-request timeout unless `clientConfig.createAxiosDefaults` says otherwise. The official client sets none,
 * so one stalled socket hangs start-up or a first-seen schema id forever.
 */
export const DEFAULT_REGISTRY_REQUEST_TIMEOUT_MS = 10_000;

/**
 * axios defaults for the official client: a per-request timeout that its retries (axios-retry) re-arm on
 * every attempt. axios-retry's default gives up on a timed-out request at once (the timeout is counted over
 * all attempts), which turned one stalled request into a failure.
 */
export function registryRequestDefaults(timeoutMs: number): NonNullable<ClientConfig['createAxiosDefaults']> {
  const defaults: Record<string, unknown> = {
    timeout: timeoutMs,
    'axios-retry': { shouldResetTimeout: true },
  };
  return defaults as NonNullable<ClientConfig['createAxiosDefaults']>;
}

/** The official registry client for these options; every registry REST call of kgen goes through it. */
export function createRegistryClient(options: RegistryOptions): Client {
  if (options.client !== undefined) return options.client;
  const config: ClientConfig = {
    baseURLs: typeof options.url === 'string' ? [options.url] : [...options.url],
    createAxiosDefaults: registryRequestDefaults(DEFAULT_REGISTRY_REQUEST_TIMEOUT_MS),
    ...options.clientConfig,
  };
  const auth = options.auth;
  if (auth === undefined) return new SchemaRegistryClient(config);
  if ('username' in auth) {
    config.basicAuthCredentials = {
      credentialsSource: 'USER_INFO',
      userInfo: `${auth.username}:${auth.password}`,
    };
  } else if (auth.logicalCluster !== undefined) {
    config.bearerAuthCredentials = {
      credentialsSource: 'STATIC_TOKEN',
      token: auth.token,
      logicalCluster: auth.logicalCluster,
      ...(auth.identityPoolId === undefined ? {} : { identityPoolId: auth.identityPoolId }),
    };
  } else {
    // The official bearer support insists on Confluent Cloud's logical cluster; elsewhere a token is a header.
    const axios = config.createAxiosDefaults ?? {};
    config.createAxiosDefaults = {
      ...axios,
      headers: { ...axios.headers, Authorization: `Bearer ${auth.token}` },
    };
  }
  return new SchemaRegistryClient(config);
}
