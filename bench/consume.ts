// consume: end-to-end msgs/s from the local broker with eachMessage — kgen typed (decoding each record)
// vs raw @confluentinc/kafka-javascript handing over undecoded buffers. Timed from the first record to the last.
import { randomBytes } from 'node:crypto';
import { best, medianRatio, runRounds } from './support/end-to-end';
import { report, ROUNDS } from './support/measure';
import { sample } from './support/avro-fixture';
import { benchTopic, keyOf, MESSAGES, producerConfig, rawKafka } from './support/kafka-fixture';

function group(): string {
  return `bench-consume-${randomBytes(4).toString('hex')}`;
}

/** Resolves with msgs/s once `MESSAGES` records were handled; `first` marks the start. */
function counter(): { hit: () => void; done: Promise<number> } {
  let n = 0;
  let start = 0;
  let finish: (rate: number) => void = () => undefined;
  const done = new Promise<number>((resolve) => (finish = resolve));
  return {
    hit: () => {
      if (n === 0) start = performance.now();
      if (++n === MESSAGES) finish((MESSAGES - 1) / ((performance.now() - start) / 1000));
    },
    done,
  };
}

export async function run(): Promise<void> {
  const { topic, kgen } = await benchTopic('bench-consume');
  const producer = await kgen.producer({ config: producerConfig, maxInFlight: MESSAGES, topics: [topic] });
  for (let i = 0; i < MESSAGES; i++)
    void producer.send(topic, { key: keyOf(i), value: { ...sample, quantity: i } });
  await producer.disconnect();

  const rawRun = async (): Promise<number> => {
    const consumer = rawKafka().consumer({ kafkaJS: { groupId: group(), fromBeginning: true } });
    const c = counter();
    let bytes = 0;
    await consumer.connect();
    await consumer.subscribe({ topics: [topic] });
    await consumer.run({
      eachMessage: async ({ message }) => {
        bytes += message.value?.length ?? 0;
        c.hit();
      },
    });
    const rate = await c.done;
    await consumer.disconnect();
    return bytes > 0 ? rate : 0;
  };
  const kgenRun = async (): Promise<number> => {
    const consumer = await kgen.consumer({ groupId: group(), topics: [topic], fromBeginning: true });
    const c = counter();
    let sum = 0;
    await consumer.run({
      eachMessage: async (m) => {
        sum += (m.value as typeof sample).quantity;
        c.hit();
      },
    });
    const rate = await c.done;
    await consumer.disconnect();
    return sum > 0 ? rate : 0;
  };
  const runs = await runRounds({ raw: rawRun, kgen: kgenRun });
  const common = { messages: MESSAGES, runs: ROUNDS };
  report({
    bench: 'consume',
    impl: 'kgen',
    msgs_per_s: Math.round(best(runs.kgen)),
    ...common,
    vs_raw: medianRatio(runs.kgen, runs.raw),
    note: 'decodes string key and Avro value; vs_raw: median of per-round ratios',
  });
  report({
    bench: 'consume',
    impl: 'raw',
    msgs_per_s: Math.round(best(runs.raw)),
    ...common,
    note: 'undecoded buffers',
  });
}

if (require.main === module)
  run().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
