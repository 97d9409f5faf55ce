/**
 * A pipeline process for the kill/restart test: doubles `n` of every input record. Configured by env:
 * BROKERS, INPUT, OUTPUT, GROUP, TXID, STATIC. Prints `running` once it consumes; the test SIGKILLs it at will.
 */
import { KafkaJS } from '@confluentinc/kafka-javascript';
import { createPipeline } from '../../../src/pipeline/eos-pipeline';
import { jsonSerde, jsonTopic } from './support';

const env = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`pipeline-worker: ${name} is not set`);
  return v;
};

async function main(): Promise<void> {
  const input = env('INPUT');
  const output = env('OUTPUT');
  const topics = { [input]: jsonTopic<{ n: number }>(), [output]: jsonTopic<{ n: number }>() };
  const kafka = new KafkaJS.Kafka({
    kafkaJS: { brokers: [env('BROKERS')], logLevel: KafkaJS.logLevel.NOTHING },
  });
  const pipeline = await createPipeline({
    kafka,
    topics,
    from: [input],
    to: [output],
    groupId: env('GROUP'),
    transactionalId: env('TXID'),
    serde: jsonSerde,
    batch: { maxRecords: 500, maxMs: 100 },
    // Static membership (default) lets a restarted worker take its partitions back at once; STATIC=0 makes
    // an ordinary member, so instances joining and leaving cause rebalances.
    consumerConfig:
      process.env['STATIC'] === '0'
        ? { 'session.timeout.ms': 10_000 }
        : { 'group.instance.id': `${env('GROUP')}-worker`, 'session.timeout.ms': 10_000 },
    transform: (r) => [{ topic: output, key: r.key, value: { n: r.value.n * 2 } }],
    onError: (e) => {
      console.error('pipeline failed', e);
      process.exit(2);
    },
  });
  process.on('SIGTERM', () => {
    void pipeline.stop().then(() => process.exit(0));
  });
  console.log('running');
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
