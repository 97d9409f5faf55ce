import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KafkaJS } from '@confluentinc/kafka-javascript';
import { host, paths, ports, stateDir } from './config';
import { StackError } from './errors';
import type { Jdk } from './java';
import { logTail, runningPid, startDetached, waitUntil } from './process';

/**
 * Single-node KRaft: one process is broker and controller. Internal topics get replication factor and
 * min ISR 1, otherwise transactions cannot complete on one node (transaction.state.log.min.isr defaults to 2).
 */
export function serverProperties(): string {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@${host}:${ports.kafkaController}`,
    `listeners=PLAINTEXT://${host}:${ports.kafka},CONTROLLER://${host}:${ports.kafkaController}`,
    `advertised.listeners=PLAINTEXT://${host}:${ports.kafka}`,
    'controller.listener.names=CONTROLLER',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'inter.broker.listener.name=PLAINTEXT',
    `log.dirs=${paths.kafkaData}`,
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

/** KRaft needs formatted storage; the stack formats fresh storage at every start. */
function formatStorage(jdk: Jdk): void {
  fs.rmSync(paths.kafkaData, { recursive: true, force: true });
  fs.mkdirSync(stateDir, { recursive: true });
  fs.writeFileSync(paths.kafkaProperties, serverProperties());
  fs.writeFileSync(paths.kafkaLog4j, log4j);
  const clusterId = randomBytes(16).toString('base64url');
  const res = spawnSync(
    jdk.javaBin,
    [
      `-Dlog4j2.configurationFile=${paths.kafkaLog4j}`,
      '-cp',
      classpath(),
      'kafka.tools.StorageTool',
      'format',
      '-t',
      clusterId,
      '-c',
      paths.kafkaProperties,
    ],
    { encoding: 'utf8' },
  );
  if (res.status !== 0)
    throw new StackError(`formatting Kafka storage failed:\n${res.stdout}\n${res.stderr}`);
}

export function startKafka(jdk: Jdk): number {
  formatStorage(jdk);
  return startDetached(
    'kafka',
    jdk.javaBin,
    [
      '-Xms256m',
      '-Xmx1g',
      '-XX:+UseG1GC',
      '-Djava.awt.headless=true',
      `-Dlog4j2.configurationFile=${paths.kafkaLog4j}`,
      '-cp',
      classpath(),
      'kafka.Kafka',
      paths.kafkaProperties,
    ],
    stateDir,
  );
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
