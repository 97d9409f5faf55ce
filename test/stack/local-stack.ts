import * as fs from 'node:fs';
import { envFile, kafkaBrokers, ports, registryUrl, stateDir } from './config';
import { ensureApicurio, ensureKafka } from './download';
import { StackError } from './errors';
import { findJava } from './java';
import { kafkaAnswersMetadata, startKafka, waitForKafka } from './kafka';
import { isPortOpen, runningPid, stop, waitUntil } from './process';
import { registryAnswers, startRegistry, waitForRegistry } from './registry';
import type { StackEndpoints } from './types';

const startTimeoutMs = 120_000;

export interface ServiceStatus {
  name: 'kafka' | 'registry';
  pid: number | undefined;
  healthy: boolean;
  endpoint: string;
}

export const endpoints: StackEndpoints = { brokers: kafkaBrokers, registryUrl };

export async function status(): Promise<ServiceStatus[]> {
  const [kafkaOk, registryOk] = await Promise.all([
    kafkaAnswersMetadata(kafkaBrokers, 3000),
    registryAnswers(registryUrl),
  ]);
  return [
    { name: 'kafka', pid: runningPid('kafka'), healthy: kafkaOk, endpoint: kafkaBrokers },
    { name: 'registry', pid: runningPid('registry'), healthy: registryOk, endpoint: registryUrl },
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

/** Starts whatever is not already running and healthy; idempotent. */
export async function up(log: (msg: string) => void = () => undefined): Promise<UpResult> {
  const kafkaPid = runningPid('kafka');
  const registryPid = runningPid('registry');
  let started = false;
  if (kafkaPid === undefined || registryPid === undefined) {
    const jdk = findJava(21);
    ensureKafka(log);
    ensureApicurio(log);
    if (kafkaPid === undefined) {
      await assertPortFree(ports.kafka, 'Kafka', 'KGEN_STACK_KAFKA_PORT');
      await assertPortFree(ports.kafkaController, 'Kafka controller', 'KGEN_STACK_CONTROLLER_PORT');
      log(`starting Kafka on ${kafkaBrokers} (Java ${jdk.major})`);
      startKafka(jdk);
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
  try {
    await Promise.all([
      waitForKafka(kafkaBrokers, startTimeoutMs),
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

/** Stops what `up` started (by pid) and waits until the stack's ports are closed. */
export async function down(): Promise<string[]> {
  const stopped: string[] = [];
  for (const name of ['registry', 'kafka'] as const) {
    if (await stop(name)) stopped.push(name);
  }
  fs.rmSync(envFile, { force: true });
  const all = [ports.kafka, ports.kafkaController, ports.registry, ports.registryManagement];
  await waitUntil(async () => !(await Promise.all(all.map((p) => isPortOpen(p)))).some(Boolean), 20_000);
  return stopped;
}
