// Profiles kgen's typed consume path alone: `npx tsx bench/support/profile-consume.ts [out.cpuprofile]`.
// Writes the input, then profiles (V8 CPU profiler, consume rounds only) a typed eachMessage consumer reading
// it (BENCH_MESSAGES records) and writes the .cpuprofile (open in Chrome DevTools or summarise it).
// PROFILE_IMPL=raw-native profiles the undecoded native floor instead, for comparison.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { sample, type BenchOrder } from './avro-fixture';
import { Counter, group, rawNativeRun } from './consume-peers';
import { benchTopic, keyOf, MESSAGES, producerConfig, rawKafka } from './kafka-fixture';
import { createTopicSerializer, serdeContextOf } from 'kgen/serde';

async function main(): Promise<void> {
  const { topic, kgen } = await benchTopic('bench-consume-profile');
  const serialize = await createTopicSerializer(
    serdeContextOf(kgen),
    topic,
    'value',
    kgen.topics[topic]!.value,
  );
  const producer = rawKafka().producer(producerConfig);
  await producer.connect();
  for (let i = 0; i < MESSAGES; i += 10_000) {
    const messages = [];
    for (let j = i; j < Math.min(MESSAGES, i + 10_000); j++)
      messages.push({ key: keyOf(j), value: (await serialize({ ...sample, quantity: j })) as Buffer });
    await producer.send({ topic, messages });
  }
  await producer.disconnect();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  for (let round = 0; round < 2; round++) {
    if (process.env['PROFILE_IMPL'] === 'raw-native') {
      console.log(JSON.stringify({ round, msgs_per_s: Math.round(await rawNativeRun(topic)) }));
      continue;
    }
    const batch = process.env['FETCH_BATCH'];
    const consumer = await kgen.consumer({
      groupId: group(),
      topics: [topic],
      fromBeginning: true,
      ...(batch === undefined ? {} : { config: { 'js.consumer.max.batch.size': Number(batch) } }),
    });
    const c = new Counter();
    let sum = 0;
    await consumer.run({
      eachMessage: async (m) => {
        if (m.key !== null) sum += (m.value as BenchOrder).quantity;
        c.hit();
      },
    });
    console.log(JSON.stringify({ round, msgs_per_s: Math.round(await c.done), sum }));
    await consumer.disconnect();
  }
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(process.argv[2] ?? 'consume.cpuprofile', JSON.stringify(profile));
  session.disconnect();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
