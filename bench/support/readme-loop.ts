// The README's produce loop — `void producer.send(...)` per record, then `await producer.flush()` — timed with
// kgen's default options and with the limits raised so that no send ever waits for room.
import type { ProducerOptions } from 'kgen';
import { sample } from './avro-fixture';
import { benchTopic, keyOf } from './kafka-fixture';

/** Records per README-loop run (`BENCH_README_MESSAGES` overrides). */
export const README_MESSAGES = Number(process.env['BENCH_README_MESSAGES'] ?? 300_000);

/** Options of the "limit raised" run: every record fits in flight, in kgen and in librdkafka's queue. */
export function raisedLimits(messages: number): ProducerOptions {
  return { maxInFlight: messages, config: { 'queue.buffering.max.messages': messages } };
}

/** Seconds the loop takes over `messages` records with `options` (nothing but the topic added). */
export async function readmeLoopSeconds(messages: number, options: ProducerOptions): Promise<number> {
  const { topic, kgen: client } = await benchTopic('bench-produce-readme');
  const producer = await client.producer({ ...options, topics: [topic] });
  const start = performance.now();
  for (let i = 0; i < messages; i++)
    void producer.send(topic, { key: keyOf(i), value: { ...sample, quantity: i } });
  await producer.flush();
  const seconds = (performance.now() - start) / 1000;
  await producer.disconnect();
  return seconds;
}
