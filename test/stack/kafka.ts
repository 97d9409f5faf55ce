import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KafkaJS } from '@confluentinc/kafka-javascript';
import { host, paths, ports, stateDir } from './config';
import { StackError } from './errors';
import type { Jdk } from './java';
import { logTail, runningPid, startDetached, waitUntil } from './process';

/** Where one Kafka node listens and keeps its files; the shared stack's node is {@link sharedKafkaNode}. */
export interface KafkaNodeLayout {
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

/**
 * Single-node KRaft: one process is broker and controller. Internal topics get replication factor and
 * min ISR 1, otherwise transactions cannot complete on one node (transaction.state.log.min.isr defaults to 2).
 */
export function serverProperties(node: KafkaNodeLayout = sharedKafkaNode): string {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@${host}:${node.controllerPort}`,
    `listeners=PLAINTEXT://${host}:${node.port},CONTROLLER://${host}:${node.controllerPort}`,
    `advertised.listeners=PLAINTEXT://${host}:${node.port}`,
    'controller.listener.names=CONTROLLER',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'inter.broker.listener.name=PLAINTEXT',
    `log.dirs=${node.dataDir}`,
    'num.partitions=1',
    'auto.create.topics.enable=true',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=10',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'transaction.state.log.num.partitions=10',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    'min.insync.replicas=1',
    'default.replication.factor=1',
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

/** KRaft needs formatted storage; the stack formats fresh storage at every start. */
export function formatStorage(jdk: Jdk, node: KafkaNodeLayout = sharedKafkaNode): void {
  fs.rmSync(node.dataDir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(node.propertiesFile), { recursive: true });
  fs.writeFileSync(node.propertiesFile, serverProperties(node));
  fs.writeFileSync(node.log4jFile, log4j);
  const clusterId = newClusterId();
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
    ],
    { encoding: 'utf8' },
  );
  if (res.status !== 0)
    throw new StackError(`formatting Kafka storage failed:\n${res.stdout}\n${res.stderr}`);
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

export function startKafka(jdk: Jdk): number {
  formatStorage(jdk);
  return startDetached('kafka', jdk.javaBin, kafkaJvmArgs(), stateDir);
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

export async function waitForKafka(brokers: string, timeoutMs: number): Promise<void> {
  const ok = await waitUntil(
    () => kafkaAnswersMetadata(brokers, 3000),
    timeoutMs,
    () => runningPid('kafka') !== undefined,
  );
  if (!ok) {
    throw new StackError(
      `Kafka at ${brokers} did not answer metadata within ${timeoutMs} ms. Last log lines:\n${logTail('kafka')}`,
    );
  }
}
