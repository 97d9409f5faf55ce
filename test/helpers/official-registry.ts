import { SchemaRegistryClient, type ClientConfig } from '@confluentinc/schemaregistry';
import { registryRequestDefaults } from '../../src/client/registry-options';

/**
 * The official registry client's config as tests use it directly: with a request timeout (its default is
 * none, and a request to the registry occasionally stalled here, hanging a test until jest's timeout) so that
 * its own retries take over.
 */
export function officialRegistryConfig(url: string): ClientConfig {
  return {
    baseURLs: [url],
    createAxiosDefaults: registryRequestDefaults(5_000),
    maxRetries: 3,
    retriesWaitMs: 200,
  };
}

/** The official registry client with {@link officialRegistryConfig}. */
export function officialRegistryClient(url: string): SchemaRegistryClient {
  return new SchemaRegistryClient(officialRegistryConfig(url));
}
