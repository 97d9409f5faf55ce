import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KafkaJS } from '@confluentinc/kafka-javascript';
import { host, paths, ports, stateDir } from './config';
import { StackError } from './errors';
import type { Jdk } from './java';
import { logTail, runningPid, startDetached, waitUntil, type ServiceName } from './process';

/** Where one Kafka node listens and keeps its files; the shared stack's node is {@link sharedKafkaNode}. */
export interface KafkaNodeLayout {
  /** KRaft `node.id`; 1 when absent (the single-node stack). */
  readonly nodeId?: number;
  readonly port: number;
  readonly controllerPort: number;
  readonly dataDir: string;
  readonly propertiesFile: string;
  readonly log4jFile: string;
}

export const sharedKafkaNode: KafkaNodeLayout = {
  port: ports.kafka,
  controllerPort: ports.kafkaController,
  dataDir: paths.kafkaData,
  propertiesFile: paths.kafkaProperties,
  log4jFile: paths.kafkaLog4j,
};

/** The nodes of a multi-node cluster: who votes in the controller quorum and the replication defaults. */
export interface ClusterShape {
  readonly nodes: readonly KafkaNodeLayout[];
}

/** `id@host:controllerPort` for every node: the static quorum all nodes share. */
export function quorumVoters(nodes: readonly KafkaNodeLayout[]): string {
  return nodes.map((n) => `${n.nodeId ?? 1}@${host}:${n.controllerPort}`).join(',');
}

/**
 * KRaft with combined roles: each process is broker and controller. One node: internal topics get
 * replication factor and min ISR 1, otherwise transactions cannot complete (transaction.state.log.min.isr
 * defaults to 2). Several nodes: replication factor 3 (or the node count) and min ISR 2 for internal topics
 * and for the topics tests create, as a production cluster would have.
 */
export function serverProperties(node: KafkaNodeLayout = sharedKafkaNode, cluster?: ClusterShape): string {
  const nodes = cluster?.nodes ?? [node];
  const rf = Math.min(3, nodes.length);
  const minIsr = rf > 1 ? 2 : 1;
  return [
    'process.roles=broker,controller',
    `node.id=${node.nodeId ?? 1}`,
    `controller.quorum.voters=${quorumVoters(nodes)}`,
    `listeners=PLAINTEXT://${host}:${node.port},CONTROLLER://${host}:${node.controllerPort}`,
    `advertised.listeners=PLAINTEXT://${host}:${node.port}`,
    'controller.listener.names=CONTROLLER',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'inter.broker.listener.name=PLAINTEXT',
    `log.dirs=${node.dataDir}`,
    'num.partitions=1',
    'auto.create.topics.enable=true',
    `offsets.topic.replication.factor=${rf}`,
    'offsets.topic.num.partitions=10',
    `transaction.state.log.replication.factor=${rf}`,
    `transaction.state.log.min.isr=${minIsr}`,
    'transaction.state.log.num.partitions=10',
    `share.coordinator.state.topic.replication.factor=${rf}`,
    `share.coordinator.state.topic.min.isr=${minIsr}`,
    `min.insync.replicas=${minIsr}`,
    `default.replication.factor=${rf}`,
    // Tests create many short-lived groups; do not wait 3 s for more members before the first rebalance.
    'group.initial.rebalance.delay.ms=0',
    '',
  ].join('\n');
}

const log4j = [
  'status = warn',
  'appender.console.type = Console',
  'appender.console.name = STDOUT',
  'appender.console.layout.type = PatternLayout',
  'appender.console.layout.pattern = [%d] %p %m (%c)%n',
  'rootLogger.level = info',
  'rootLogger.appenderRef.stdout.ref = STDOUT',
  'logger.kafka.name = kafka',
  'logger.kafka.level = warn',
  'logger.apache.name = org.apache.kafka',
  'logger.apache.level = warn',
  '',
].join('\n');

function classpath(): string {
  return path.join(paths.kafkaLibs, '*');
}

/**
 * A random KRaft cluster id (16 bytes, base64url) that never starts with `-`: the storage tool would read
 * such an id as an option and fail (1 start in 64 did).
 */
export function newClusterId(): string {
  const bytes = randomBytes(16);
  bytes.writeUInt8(bytes.readUInt8(0) & 0x7f, 0); // first character from A–Z, a–f
  return bytes.toString('base64url');
}

/**
 * KRaft needs formatted storage; the stack formats fresh storage at every start. Every node of a cluster is
 * formatted with the same `clusterId` (and the same `cluster` shape), or the nodes refuse each other.
 * `extraArgs` go to the storage tool (e.g. `--add-scram`).
 */
export function formatStorage(
  jdk: Jdk,
  node: KafkaNodeLayout = sharedKafkaNode,
  options: { clusterId?: string; cluster?: ClusterShape; properties?: string; extraArgs?: string[] } = {},
): void {
  fs.rmSync(node.dataDir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(node.propertiesFile), { recursive: true });
  fs.writeFileSync(node.propertiesFile, options.properties ?? serverProperties(node, options.cluster));
  fs.writeFileSync(node.log4jFile, log4j);
  const clusterId = options.clusterId ?? newClusterId();
  const res = spawnSync(
    jdk.javaBin,
    [
      `-Dlog4j2.configurationFile=${node.log4jFile}`,
      '-cp',
      classpath(),
      'kafka.tools.StorageTool',
      'format',
      '-t',
      clusterId,
      '-c',
      node.propertiesFile,
      ...(options.extraArgs ?? []),
    ],
    { encoding: 'utf8' },
  );
  if (res.status !== 0)
    throw new StackError(
      `formatting Kafka storage of node ${node.nodeId ?? 1} failed:\n${res.stdout}\n${res.stderr}`,
    );
}

/** JVM arguments that run the broker of `node` (its storage must be formatted). */
export function kafkaJvmArgs(node: KafkaNodeLayout = sharedKafkaNode, heap = '1g'): string[] {
  return [
    '-Xms256m',
    `-Xmx${heap}`,
    '-XX:+UseG1GC',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${node.log4jFile}`,
    '-cp',
    classpath(),
    'kafka.Kafka',
    node.propertiesFile,
  ];
}

/**
 * Formats fresh storage for every node (one cluster id) and starts them; `service(node)` names each
 * node's pid and log file. One node is the single-node stack exactly as before.
 */
export function startKafka(
  jdk: Jdk,
  nodes: readonly KafkaNodeLayout[] = [sharedKafkaNode],
  service: (node: KafkaNodeLayout) => ServiceName = () => 'kafka',
): number[] {
  const clusterId = newClusterId();
  const cluster = nodes.length > 1 ? { nodes } : undefined;
  for (const node of nodes) formatStorage(jdk, node, { clusterId, ...(cluster ? { cluster } : {}) });
  const heap = nodes.length > 1 ? '512m' : '1g';
  return nodes.map((node) => startDetached(service(node), jdk.javaBin, kafkaJvmArgs(node, heap), stateDir));
}

/** Ready means the broker answers a metadata request, not merely that the port is open. */
export async function kafkaAnswersMetadata(brokers: string, timeoutMs = 5000): Promise<boolean> {
  const admin = new KafkaJS.Kafka({
    kafkaJS: { brokers: [brokers], logLevel: KafkaJS.logLevel.NOTHING, connectionTimeout: timeoutMs },
  }).admin();
  try {
    await admin.connect();
    await admin.listTopics({ timeout: timeoutMs });
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

export async function waitForKafka(
  brokers: string,
  timeoutMs: number,
  service: ServiceName = 'kafka',
): Promise<void> {
  const ok = await waitUntil(
    () => kafkaAnswersMetadata(brokers, 3000),
    timeoutMs,
    () => runningPid(service) !== undefined,
  );
  if (!ok) {
    throw new StackError(
      `Kafka at ${brokers} (${service}) did not answer metadata within ${timeoutMs} ms. Last log lines:\n${logTail(service)}`,
    );
  }
}
