/**
 * A consumer process for the kill/restart tests of commit strategies. Env: BROKERS, TOPIC, GROUP, STRATEGY
 * (`at-most-once`, `per-batch`, `n-or-t`...), LOG, HANDLER_MS (default 1), INSTANCE (its static member id, default
 * `<GROUP>-worker`: give each of several workers in one group its own). Each handled record's key is appended
 * to LOG synchronously (the side effect that must not be lost or duplicated); a handler takes ~HANDLER_MS so a
 * kill lands mid-batch (0: no wait at all, as fast as the consumer goes).
 * SIGTERM stops it gracefully (drain, commit, disconnect).
 */
import * as fs from 'node:fs';
import { KafkaJS } from '@confluentinc/kafka-javascript';
import { runConsumer } from '../../../src/delivery/run-consumer';
import { validateCommitStrategy, type CommitStrategy } from '../../../src/consumer/commit/strategy';
import { installShutdownHandler } from '../../../src/consumer/shutdown';

const env = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`consumer-worker: ${name} is not set`);
  return v;
};

function strategyOf(kind: string): CommitStrategy {
  return validateCommitStrategy({ kind, records: 50, intervalMs: 200 } as unknown as CommitStrategy);
}

async function main(): Promise<void> {
  const kafka = new KafkaJS.Kafka({
    kafkaJS: { brokers: [env('BROKERS')], logLevel: KafkaJS.logLevel.NOTHING },
  });
  const consumer = kafka.consumer({
    'group.id': env('GROUP'),
    'group.instance.id': process.env['INSTANCE'] ?? `${env('GROUP')}-worker`,
    'session.timeout.ms': 10_000,
    'enable.auto.commit': false,
    'auto.offset.reset': 'earliest',
  } as KafkaJS.ConsumerConstructorConfig);
  await consumer.connect();
  const log = fs.openSync(env('LOG'), 'a');
  const handlerMs = Number(process.env['HANDLER_MS'] ?? 1);
  const run = await runConsumer({
    consumer,
    topics: [env('TOPIC')],
    strategy: strategyOf(env('STRATEGY')),
    batchSize: 100,
    handle: async (record) => {
      if (handlerMs > 0) await new Promise((r) => setTimeout(r, handlerMs));
      fs.writeSync(log, `${record.key?.toString()}\n`);
    },
  });
  installShutdownHandler({ stop: () => run.stop({ timeoutMs: 10_000 }) });
  console.log('running');
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
