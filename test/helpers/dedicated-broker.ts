import * as fs from 'node:fs';
import * as path from 'node:path';
import { host, stateDir } from '../stack/config';
import { findJava } from '../stack/java';
import { formatStorage, type KafkaNodeLayout } from '../stack/kafka';
import { nodeProcess } from './kafka-node-process';

/**
 * A second, private Kafka broker for tests that kill and restart it (the shared one on 19092 is never
 * touched). Own ports, own data under `.stack/dedicated-<port>/`, same jars and Java as the shared stack.
 */
export interface DedicatedBroker {
  /** `host:port` to give clients. */
  readonly brokers: string;
  /** Starts the broker on its existing data (formatted on first start) and waits until it answers. */
  start(): Promise<void>;
  /** SIGKILL: the broker dies with no chance to flush or hand over; data on disk stays. */
  kill(): Promise<void>;
  /** Kills it and removes its data. */
  destroy(): Promise<void>;
}

export function dedicatedBroker(port = 29092, controllerPort = port + 1): DedicatedBroker {
  const dir = path.join(stateDir, `dedicated-${port}`);
  const node: KafkaNodeLayout = {
    port,
    controllerPort,
    dataDir: path.join(dir, 'data'),
    propertiesFile: path.join(dir, 'server.properties'),
    log4jFile: path.join(dir, 'log4j2.properties'),
  };
  const jdk = findJava(21);
  const proc = nodeProcess(jdk, node);
  let formatted = false;

  return {
    brokers: `${host}:${port}`,
    async start() {
      if (!formatted) {
        await proc.kill(); // a leftover of an earlier run
        formatStorage(jdk, node);
        formatted = true;
      }
      proc.spawn();
      await proc.waitReady();
    },
    kill: () => proc.kill(),
    async destroy() {
      await proc.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
