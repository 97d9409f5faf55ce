// Endpoints of the local stack (started by `npm run stack:up`), overridable like the integration tests.
import { randomBytes } from 'node:crypto';

export const brokers = process.env['KAFKA_BROKERS'] ?? '127.0.0.1:19092';
export const registryUrl = process.env['SCHEMA_REGISTRY_URL'] ?? 'http://127.0.0.1:18081/apis/ccompat/v7';

/** A name no other run uses. */
export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}
