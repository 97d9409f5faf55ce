import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { paths } from '../stack/config';
import { findJava } from '../stack/java';

/**
 * Changes a topic's configuration with Kafka's own `kafka-configs` tool (`kafka.admin.ConfigCommand`, run
 * from the stack's broker jars): the KafkaJS-style admin of the official client has no alterConfigs.
 */
export function alterTopicConfig(brokers: string, topic: string, entries: Record<string, string>): void {
  if (!fs.existsSync(paths.kafkaLibs))
    throw new Error(`alterTopicConfig needs the local stack's Kafka jars in ${paths.kafkaLibs}`);
  const jdk = findJava(17);
  const config = Object.entries(entries)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const res = spawnSync(
    jdk.javaBin,
    [
      '-cp',
      path.join(paths.kafkaLibs, '*'),
      'kafka.admin.ConfigCommand',
      '--bootstrap-server',
      brokers,
      '--alter',
      '--entity-type',
      'topics',
      '--entity-name',
      topic,
      '--add-config',
      config,
    ],
    { encoding: 'utf8', timeout: 60_000 },
  );
  if (res.status !== 0)
    throw new Error(`kafka-configs --alter ${topic} ${config} failed: ${res.stderr || res.stdout}`);
}
