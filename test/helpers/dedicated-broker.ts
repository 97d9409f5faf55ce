import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { host, stateDir } from '../stack/config';
import { findJava } from '../stack/java';
import { formatStorage, kafkaAnswersMetadata, kafkaJvmArgs, type KafkaNodeLayout } from '../stack/kafka';
import { isAlive, sleep, waitUntil } from '../stack/process';

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

function pidAlive(pidFile: string, propertiesFile: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
    if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
    // Only ever kill a JVM that runs OUR properties file, never the shared broker.
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.includes(propertiesFile) ? pid : undefined;
  } catch {
    return undefined;
  }
}

async function killPid(pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return;
  }
  while (isAlive(pid)) await sleep(50);
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
  const pidFile = path.join(dir, 'kafka.pid');
  const logFile = path.join(dir, 'kafka.log');
  const brokers = `${host}:${port}`;
  const jdk = findJava(21);
  let formatted = false;

  const kill = async (): Promise<void> => {
    const pid = pidAlive(pidFile, node.propertiesFile);
    if (pid !== undefined) await killPid(pid);
    fs.rmSync(pidFile, { force: true });
  };

  return {
    brokers,
    async start() {
      if (!formatted) {
        await kill(); // a leftover of an earlier run
        formatStorage(jdk, node);
        formatted = true;
      }
      const log = fs.openSync(logFile, 'a');
      const child = spawn(jdk.javaBin, kafkaJvmArgs(node, '512m'), {
        cwd: dir,
        detached: true,
        stdio: ['ignore', log, log],
      });
      fs.closeSync(log);
      if (child.pid === undefined) throw new Error(`could not start the dedicated broker on ${brokers}`);
      child.unref();
      fs.writeFileSync(pidFile, `${child.pid}\n`);
      const pid = child.pid;
      const ok = await waitUntil(
        () => kafkaAnswersMetadata(brokers, 2000),
        90_000,
        () => isAlive(pid),
      );
      if (!ok) {
        const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n');
        throw new Error(`dedicated broker on ${brokers} did not come up:\n${tail}`);
      }
    },
    kill,
    async destroy() {
      await kill();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
