// Profiles kgen's typed produce paths alone: `npx tsx bench/support/profile-produce.ts [out.cpuprofile]`.
// PROFILE_IMPL=fire (default) profiles `produce()`, =send `send()`, =raw-native(-promise) the floors; writes the
// .cpuprofile of the timed rounds (summarise it with profile-summary.ts).
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { createTopicSerializer, serdeContextOf } from 'kgen/serde';
import { sample } from './avro-fixture';
import { benchTopic, keyOf, MESSAGES, producerConfig } from './kafka-fixture';
import { rawNative } from '../produce';

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

/** The floor (bench/produce.ts's `raw-native`, with a promise per record for `raw-native-promise`). */
async function rawNativeRound(): Promise<number> {
  const { topic, kgen } = await benchTopic('bench-produce-profile');
  const serialize = await createTopicSerializer(
    serdeContextOf(kgen),
    topic,
    'value',
    kgen.topics[topic]!.value,
  );
  const values = Array.from({ length: MESSAGES }, (_, i) => serialize({ ...sample, quantity: i }) as Buffer);
  return rawNative(values, IMPL === 'raw-native-promise');
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
