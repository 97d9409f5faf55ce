import { randomBytes } from 'node:crypto';

/** The endpoints exported by the integration global setup. */
export function stackEnv(): { brokers: string; registryUrl: string } {
  const brokers = process.env['KAFKA_BROKERS'];
  const registryUrl = process.env['SCHEMA_REGISTRY_URL'];
  if (!brokers || !registryUrl) {
    throw new Error(
      'KAFKA_BROKERS / SCHEMA_REGISTRY_URL are not set: run integration tests through jest --selectProjects integration',
    );
  }
  return { brokers, registryUrl };
}

/** A topic/subject/group name no other test (or earlier run against an external stack) uses. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}
