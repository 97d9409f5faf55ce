import { type Client, type ClientConfig, SchemaRegistryClient } from '@confluentinc/schemaregistry';

/** Credentials for the schema registry. */
export type RegistryAuth =
  /** HTTP basic auth (Confluent Cloud API key/secret). */
  | { readonly username: string; readonly password: string }
  /** A static bearer token. */
  | { readonly token: string };

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

/** The official registry client for these options; every registry REST call of kgen goes through it. */
export function createRegistryClient(options: RegistryOptions): Client {
  if (options.client !== undefined) return options.client;
  const auth = options.auth;
  const config: ClientConfig = {
    baseURLs: typeof options.url === 'string' ? [options.url] : [...options.url],
    ...options.clientConfig,
    ...(auth === undefined
      ? {}
      : 'token' in auth
        ? { bearerAuthCredentials: { credentialsSource: 'STATIC_TOKEN', token: auth.token } }
        : {
            basicAuthCredentials: {
              credentialsSource: 'USER_INFO',
              userInfo: `${auth.username}:${auth.password}`,
            },
          }),
  };
  return new SchemaRegistryClient(config);
}
