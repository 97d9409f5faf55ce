// Profiles kgen's typed produce paths alone: `npx tsx bench/support/profile-produce.ts [out.cpuprofile]`.
// PROFILE_IMPL=fire (default) profiles `produce()`, =send `send()`, =raw-native the undecoded floor; writes the
// .cpuprofile of the timed rounds (summarise it with profile-summary.ts).
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { Producer } from '@confluentinc/kafka-javascript';
import { producerDefaults } from 'kgen';
import { createTopicSerializer, serdeContextOf } from 'kgen/serde';
import { sample } from './avro-fixture';
import { benchTopic, keyOf, MESSAGES, producerConfig } from './kafka-fixture';
import { brokers } from './stack';

const IMPL = process.env['PROFILE_IMPL'] ?? 'fire';
const MAX_IN_FLIGHT = process.env['MAX_IN_FLIGHT'];

async function kgenRound(): Promise<number> {
  const { topic, kgen } = await benchTopic('bench-produce-profile');
  const producer = await kgen.producer({
    config: producerConfig,
    topics: [topic],
    ...(MAX_IN_FLIGHT === undefined ? {} : { maxInFlight: Number(MAX_IN_FLIGHT) }),
  });
  const start = performance.now();
  if (IMPL === 'send')
    for (let i = 0; i < MESSAGES; i++)
      void producer.send(topic, { key: keyOf(i), value: { ...sample, quantity: i } });
  else
    for (let i = 0; i < MESSAGES; i++)
      producer.produce(topic, { key: keyOf(i), value: { ...sample, quantity: i } });
  await producer.flush();
  const seconds = (performance.now() - start) / 1000;
  await producer.disconnect();
  return MESSAGES / seconds;
}

async function rawNativeRound(): Promise<number> {
  const { topic, kgen } = await benchTopic('bench-produce-profile');
  const serialize = await createTopicSerializer(
    serdeContextOf(kgen),
    topic,
    'value',
    kgen.topics[topic]!.value,
  );
  const values = Array.from({ length: MESSAGES }, (_, i) => serialize({ ...sample, quantity: i }) as Buffer);
  const producer = new Producer({
    'metadata.broker.list': brokers,
    dr_cb: true,
    ...producerDefaults,
    ...producerConfig,
  });
  await new Promise<void>((resolve, reject) =>
    producer.connect({}, (err) => (err ? reject(new Error(err.message)) : resolve())),
  );
  producer.setPollInBackground(true);
  let delivered = 0;
  const done = new Promise<void>((resolve) =>
    producer.on('delivery-report', (_err, report) => {
      (report.opaque as { resolve?: () => void } | undefined)?.resolve?.();
      if (++delivered === MESSAGES) resolve();
    }),
  );
  const start = performance.now();
  if (IMPL === 'raw-native-promise')
    for (let i = 0; i < MESSAGES; i++)
      void new Promise((resolve, reject) =>
        producer.produce(topic, null, values[i]!, keyOf(i), 0, { resolve, reject }),
      );
  else for (let i = 0; i < MESSAGES; i++) producer.produce(topic, null, values[i]!, keyOf(i), 0);
  await done;
  const seconds = (performance.now() - start) / 1000;
  await new Promise<void>((resolve) => producer.disconnect(() => resolve()));
  return MESSAGES / seconds;
}

async function main(): Promise<void> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  for (let round = 0; round < 2; round++) {
    const rate = IMPL.startsWith('raw-native') ? await rawNativeRound() : await kgenRound();
    console.log(JSON.stringify({ impl: IMPL, round, msgs_per_s: Math.round(rate) }));
  }
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(process.argv[2] ?? 'produce.cpuprofile', JSON.stringify(profile));
  session.disconnect();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
