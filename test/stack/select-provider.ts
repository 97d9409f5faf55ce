import { StackError } from './errors';
import type { ProviderKind } from './types';

export interface ProviderFacts {
  env: Readonly<Record<string, string | undefined>>;
  dockerReachable: boolean;
}

/**
 * Which stack the tests run against:
 * 1. KAFKA_BROKERS + SCHEMA_REGISTRY_URL set → that external stack;
 * 2. KGEN_STACK=local|testcontainers forces a provider;
 * 3. a reachable Docker engine → testcontainers;
 * 4. otherwise the local Maven-jar stack.
 */
export function selectProvider(facts: ProviderFacts): ProviderKind {
  const brokers = facts.env['KAFKA_BROKERS'];
  const registry = facts.env['SCHEMA_REGISTRY_URL'];
  if (brokers && registry) return 'external';
  if (brokers || registry) {
    const missing = brokers ? 'SCHEMA_REGISTRY_URL' : 'KAFKA_BROKERS';
    throw new StackError(
      `an external stack needs both KAFKA_BROKERS and SCHEMA_REGISTRY_URL; ${missing} is not set.`,
    );
  }
  const forced = facts.env['KGEN_STACK'];
  if (forced !== undefined && forced !== '') {
    if (forced === 'local' || forced === 'testcontainers') {
      if (forced === 'testcontainers' && !facts.dockerReachable) {
        throw new StackError(
          'KGEN_STACK=testcontainers but no Docker engine is reachable (DOCKER_HOST or /var/run/docker.sock).',
        );
      }
      return forced;
    }
    throw new StackError(`KGEN_STACK must be "local" or "testcontainers", got "${forced}".`);
  }
  return facts.dockerReachable ? 'testcontainers' : 'local';
}
