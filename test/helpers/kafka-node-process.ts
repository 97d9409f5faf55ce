import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { host } from '../stack/config';
import type { Jdk } from '../stack/java';
import { kafkaAnswersMetadata, kafkaJvmArgs, type KafkaNodeLayout } from '../stack/kafka';
import { isAlive, sleep, waitUntil } from '../stack/process';

/** A Kafka JVM a test starts and SIGKILLs, with its pid and log beside its properties file. */
export interface NodeProcess {
  readonly node: KafkaNodeLayout;
  readonly address: string;
  /** Spawns the JVM on existing (formatted) storage; does not wait. */
  spawn(): void;
  /** Waits until the node answers a metadata request. */
  waitReady(timeoutMs?: number): Promise<void>;
  /** SIGKILL: no flush, no controlled shutdown; data on disk stays. */
  kill(): Promise<void>;
  /** SIGTERM: a controlled shutdown (leadership handed over first); waits until the JVM is gone. */
  stop(): Promise<void>;
  running(): boolean;
}

export function nodeProcess(jdk: Jdk, node: KafkaNodeLayout, heap = '512m'): NodeProcess {
  const dir = path.dirname(node.propertiesFile);
  const pidFile = path.join(dir, 'kafka.pid');
  const logFile = path.join(dir, 'kafka.log');
  const address = `${host}:${node.port}`;

  const livePid = (): number | undefined => {
    try {
      const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
      if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
      // Only ever kill a JVM that runs OUR properties file, never the shared broker.
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      return cmdline.includes(node.propertiesFile) ? pid : undefined;
    } catch {
      return undefined;
    }
  };

  const signal = async (name: 'SIGKILL' | 'SIGTERM'): Promise<void> => {
    const pid = livePid();
    if (pid !== undefined) {
      try {
        process.kill(pid, name);
      } catch {
        // already gone
      }
      while (isAlive(pid)) await sleep(50);
    }
    fs.rmSync(pidFile, { force: true });
  };

  return {
    node,
    address,
    spawn() {
      fs.mkdirSync(dir, { recursive: true });
      const log = fs.openSync(logFile, 'a');
      const child = spawn(jdk.javaBin, kafkaJvmArgs(node, heap), {
        cwd: dir,
        detached: true,
        stdio: ['ignore', log, log],
      });
      fs.closeSync(log);
      if (child.pid === undefined) throw new Error(`could not start the Kafka node on ${address}`);
      child.unref();
      fs.writeFileSync(pidFile, `${child.pid}\n`);
    },
    async waitReady(timeoutMs = 90_000) {
      const ok = await waitUntil(
        () => kafkaAnswersMetadata(address, 2000),
        timeoutMs,
        () => livePid() !== undefined,
      );
      if (!ok) {
        const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n');
        throw new Error(`Kafka node ${node.nodeId ?? 1} on ${address} did not come up:\n${tail}`);
      }
    },
    kill: () => signal('SIGKILL'),
    stop: () => signal('SIGTERM'),
    running: () => livePid() !== undefined,
  };
}
