import type { RunningStack } from './types';

/** Stops only what the global setup started; an external or pre-started stack keeps running. */
export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __kgenStack?: RunningStack }).__kgenStack?.stop();
}
