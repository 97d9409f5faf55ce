import type { Client } from '@confluentinc/schemaregistry';
import {
  createRegistryClient,
  registryRequestDefaults,
  type RegistryAuth,
} from '../../src/client/registry-options';

/** Per-request timeout when no config sets `registry.timeoutMs` (e.g. `kgen check --registry <url>`). */
export const DEFAULT_REGISTRY_TIMEOUT_MS = 10_000;

/** Where every kgen command reaches the registry, with credentials already read. */
export interface RegistryTarget {
  readonly url: string;
  readonly auth?: RegistryAuth | undefined;
  /** Per-request timeout (re-armed on the retry). Default {@link DEFAULT_REGISTRY_TIMEOUT_MS}. */
  readonly timeoutMs?: number | undefined;
}

/**
 * The one policy of every kgen command (pull, check, register, compat): a per-request timeout from the config,
 * one quick retry (a CI job rides out a blip, an unreachable registry still fails within a second), auth as
 * the SDK sends it. Built on the SDK's factory so the CLI and the runtime speak to a registry the same way.
 */
export function createCodegenRegistryClient(target: RegistryTarget): Client {
  return createRegistryClient({
    url: target.url,
    ...(target.auth === undefined ? {} : { auth: target.auth }),
    clientConfig: {
      createAxiosDefaults: registryRequestDefaults(target.timeoutMs ?? DEFAULT_REGISTRY_TIMEOUT_MS),
      maxRetries: 1,
      retriesWaitMs: 100,
    },
  });
}

/**
 * The `Authorization` header for a request the official client cannot make (the verbose compatibility check),
 * matching what {@link createCodegenRegistryClient} sends.
 */
export function authorizationHeader(auth: RegistryAuth | undefined): string | undefined {
  if (auth === undefined) return undefined;
  if ('username' in auth)
    return `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
  return `Bearer ${auth.token}`;
}
