import * as fs from 'node:fs';
import * as path from 'node:path';
import { bootstrap, brokerCountFile, nodeService, stackNodes } from './cluster';
import { envFile, host, ports, registryUrl, stateDir } from './config';
import { ensureApicurio, ensureKafka } from './download';
import { StackError } from './errors';
import { findJava } from './java';
import { kafkaAnswersMetadata, startKafka, waitForKafka } from './kafka';
import { isPortOpen, runningPid, stop, waitUntil, type ServiceName } from './process';
import { registryAnswers, startRegistry, waitForRegistry } from './registry';
import type { StackEndpoints } from './types';

const startTimeoutMs = 120_000;

export interface ServiceStatus {
  name: ServiceName;
  pid: number | undefined;
  healthy: boolean;
  endpoint: string;
}

/** The node count the running (or last started) stack was started with; 1 when nothing says otherwise. */
export function recordedBrokerCount(): number {
  try {
    const n = Number(fs.readFileSync(brokerCountFile, 'utf8').trim());
    return Number.isInteger(n) && n >= 1 ? n : 1;
  } catch {
    return 1;
  }
}

export function endpointsFor(brokers: number): StackEndpoints {
  return { brokers: bootstrap(stackNodes(brokers)), registryUrl };
}

/** One line per Kafka node (each asked for metadata on its own address), then the registry. */
export async function status(): Promise<ServiceStatus[]> {
  const nodes = stackNodes(recordedBrokerCount());
  const [registryOk, ...kafkaOk] = await Promise.all([
    registryAnswers(registryUrl),
    ...nodes.map((n) => kafkaAnswersMetadata(`${host}:${n.port}`, 3000)),
  ]);
  return [
    ...nodes.map((n, i) => ({
      name: nodeService(n),
      pid: runningPid(nodeService(n)),
      healthy: kafkaOk[i] === true,
      endpoint: `${host}:${n.port} (node.id ${n.nodeId ?? 1}, controller ${host}:${n.controllerPort})`,
    })),
    { name: 'registry', pid: runningPid('registry'), healthy: registryOk === true, endpoint: registryUrl },
  ];
}

/** A port held by a process this stack did not start would make us test against a stranger. */
async function assertPortFree(port: number, service: string, envVar: string): Promise<void> {
  if (await isPortOpen(port)) {
    throw new StackError(
      `port ${port} (${service}) is in use by a process the kgen stack did not start; stop it or choose another port with ${envVar}.`,
    );
  }
}

export interface UpResult extends StackEndpoints {
  /** True when this call started at least one process (the caller owns stopping it). */
  started: boolean;
}

/**
 * Starts whatever is not already running and healthy; idempotent. `brokers` > 1 starts that many KRaft
 * nodes (combined broker+controller roles, one quorum) with replication factor 3 and min ISR 2.
 */
export async function up(log: (msg: string) => void = () => undefined, brokers = 1): Promise<UpResult> {
  const nodes = stackNodes(brokers);
  const kafkaPids = nodes.map((n) => runningPid(nodeService(n)));
  const running = recordedBrokerCount();
  if (kafkaPids.some((p) => p !== undefined) && running !== brokers) {
    throw new StackError(
      `the stack is running with ${running} Kafka node(s), not ${brokers}; run \`npm run stack:down\` first.`,
    );
  }
  const registryPid = runningPid('registry');
  const kafkaRunning = kafkaPids.every((p) => p !== undefined);
  let started = false;
  if (!kafkaRunning || registryPid === undefined) {
    const jdk = findJava(21);
    ensureKafka(log);
    ensureApicurio(log);
    if (!kafkaRunning) {
      // A half-running cluster cannot be reformatted under its live nodes: start it whole.
      for (const n of nodes) await stop(nodeService(n));
      for (const n of nodes) {
        await assertPortFree(n.port, `Kafka node ${n.nodeId ?? 1}`, 'KGEN_STACK_KAFKA_PORT');
        await assertPortFree(
          n.controllerPort,
          `Kafka controller ${n.nodeId ?? 1}`,
          'KGEN_STACK_CONTROLLER_PORT',
        );
      }
      log(
        `starting Kafka (${brokers} node${brokers > 1 ? 's' : ''}) on ${bootstrap(nodes)} (Java ${jdk.major})`,
      );
      fs.mkdirSync(path.dirname(brokerCountFile), { recursive: true });
      fs.writeFileSync(brokerCountFile, `${brokers}\n`);
      startKafka(jdk, nodes, nodeService);
      started = true;
    }
    if (registryPid === undefined) {
      await assertPortFree(ports.registry, 'schema registry', 'KGEN_STACK_REGISTRY_PORT');
      await assertPortFree(ports.registryManagement, 'registry management', 'KGEN_STACK_REGISTRY_MGMT_PORT');
      log(`starting Apicurio Registry on ${registryUrl} (Java ${jdk.major})`);
      startRegistry(jdk);
      started = true;
    }
  }
  const endpoints = endpointsFor(brokers);
  try {
    await Promise.all([
      ...nodes.map((n) => waitForKafka(`${host}:${n.port}`, startTimeoutMs, nodeService(n))),
      waitForRegistry(registryUrl, startTimeoutMs),
    ]);
  } catch (err) {
    if (started) await down();
    throw err;
  }
  writeEnvFile(endpoints);
  return { ...endpoints, started };
}

export function writeEnvFile(e: StackEndpoints): void {
  fs.mkdirSync(stateDir, { recursive: true });
  fs.writeFileSync(envFile, envLines(e).join('\n') + '\n');
}

export function envLines(e: StackEndpoints): string[] {
  return [`KAFKA_BROKERS=${e.brokers}`, `SCHEMA_REGISTRY_URL=${e.registryUrl}`];
}

/** Stops what `up` started (by pid, every node) and waits until the stack's ports are closed. */
export async function down(): Promise<string[]> {
  const nodes = stackNodes(recordedBrokerCount());
  const stopped: string[] = [];
  const stopOne = async (name: ServiceName): Promise<void> => {
    if (await stop(name)) stopped.push(name);
  };
  await Promise.all([stopOne('registry'), ...nodes.map((n) => stopOne(nodeService(n)))]);
  fs.rmSync(envFile, { force: true });
  fs.rmSync(brokerCountFile, { force: true });
  const all = [...nodes.flatMap((n) => [n.port, n.controllerPort]), ports.registry, ports.registryManagement];
  await waitUntil(async () => !(await Promise.all(all.map((p) => isPortOpen(p)))).some(Boolean), 20_000);
  return stopped;
}
