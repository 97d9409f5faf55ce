/**
 * `npm run demo`: starts the local stack and shows kgen end to end. Until the SDK and codegen land it only
 * proves the stack is up.
 */
import { up } from '../test/stack/local-stack';

async function main(): Promise<void> {
  const stack = await up((msg) => console.error(`stack: ${msg}`));
  console.log(`stack ready: KAFKA_BROKERS=${stack.brokers} SCHEMA_REGISTRY_URL=${stack.registryUrl}`);
  console.log('typed produce/consume demo: coming with the SDK and codegen.');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
