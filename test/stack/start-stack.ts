import { dockerReachable } from './docker';
import { brokerCount } from './cluster';
import { down, up } from './local-stack';
import { selectProvider } from './select-provider';
import { startContainers } from './testcontainers-provider';
import type { RunningStack } from './types';

/** Starts (or adopts) the stack the integration tests run against; `stop()` undoes only what was started. */
export async function startStack(log: (msg: string) => void): Promise<RunningStack> {
  const kind = selectProvider({ env: process.env, dockerReachable: await dockerReachable() });
  if (kind === 'external') {
    return {
      provider: kind,
      brokers: process.env['KAFKA_BROKERS'] as string,
      registryUrl: process.env['SCHEMA_REGISTRY_URL'] as string,
      stop: async () => undefined,
    };
  }
  if (kind === 'testcontainers') {
    return startContainers();
  }
  const res = await up(log, brokerCount(undefined));
  return {
    provider: kind,
    brokers: res.brokers,
    registryUrl: res.registryUrl,
    stop: async () => {
      if (res.started) await down();
    },
  };
}
