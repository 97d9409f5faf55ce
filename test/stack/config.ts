import * as path from 'node:path';

/** Everything the local stack needs to know about where things live and which ports it owns. */
export const repoRoot = path.resolve(__dirname, '..', '..');
export const cacheDir = process.env['KGEN_STACK_CACHE'] ?? path.join(repoRoot, '.cache', 'stack');
export const stateDir = path.join(repoRoot, '.stack');
export const envFile = path.join(stateDir, 'env');

export const versions = {
  kafka: '4.1.1',
  apicurio: '3.3.3',
} as const;

/** Fixed, non-default loopback ports so the stack never collides with a developer's own Kafka. */
export const ports = {
  kafka: Number(process.env['KGEN_STACK_KAFKA_PORT'] ?? 19092),
  kafkaController: Number(process.env['KGEN_STACK_CONTROLLER_PORT'] ?? 19093),
  registry: Number(process.env['KGEN_STACK_REGISTRY_PORT'] ?? 18081),
  registryManagement: Number(process.env['KGEN_STACK_REGISTRY_MGMT_PORT'] ?? 19001),
} as const;

export const host = '127.0.0.1';
export const kafkaBrokers = `${host}:${ports.kafka}`;
export const registryUrl = `http://${host}:${ports.registry}/apis/ccompat/v7`;

export const paths = {
  kafkaLibs: path.join(cacheDir, `kafka-${versions.kafka}`, 'libs'),
  apicurioHome: path.join(cacheDir, `apicurio-registry-${versions.apicurio}`),
  kafkaData: path.join(stateDir, 'kafka-data'),
  kafkaProperties: path.join(stateDir, 'kafka-server.properties'),
  kafkaLog4j: path.join(stateDir, 'kafka-log4j2.properties'),
  logs: path.join(stateDir, 'logs'),
  pids: path.join(stateDir, 'pids'),
} as const;
