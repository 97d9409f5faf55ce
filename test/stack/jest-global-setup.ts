import { startStack } from './start-stack';
import type { RunningStack } from './types';

/** Starts the stack once per integration run (unless an external one is given) and exports its endpoints. */
export default async function globalSetup(): Promise<void> {
  const stack = await startStack((msg) => console.error(`stack: ${msg}`));
  (globalThis as { __kgenStack?: RunningStack }).__kgenStack = stack;
  process.env['KAFKA_BROKERS'] = stack.brokers;
  process.env['SCHEMA_REGISTRY_URL'] = stack.registryUrl;
  console.error(
    `\nstack: ${stack.provider} — KAFKA_BROKERS=${stack.brokers} SCHEMA_REGISTRY_URL=${stack.registryUrl}`,
  );
}
