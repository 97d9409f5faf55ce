import type { KafkaJS } from '@confluentinc/kafka-javascript';
import { uniqueName } from './stack-env';

export interface ConsumedMessage {
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, unknown> | undefined;
}

interface ConsumeOptions {
  topic: string;
  isolation?: 'read_committed' | 'read_uncommitted';
}

/** Reads a topic from the beginning with a fresh group until `stop` says so or `timeoutMs` passes. */
async function consume(
  kafka: KafkaJS.Kafka,
  opts: ConsumeOptions,
  stop: (received: ConsumedMessage[], msSinceLast: number) => boolean,
  timeoutMs: number,
): Promise<ConsumedMessage[]> {
  const consumer = kafka.consumer({
    kafkaJS: {
      groupId: uniqueName('test-reader'),
      fromBeginning: true,
      readUncommitted: opts.isolation === 'read_uncommitted',
    },
  });
  const received: ConsumedMessage[] = [];
  let lastAt = Date.now();
  await consumer.connect();
  await consumer.subscribe({ topics: [opts.topic] });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      received.push({
        partition,
        offset: message.offset,
        key: message.key ?? null,
        value: message.value ?? null,
        headers: message.headers,
      });
      lastAt = Date.now();
    },
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stop(received, Date.now() - lastAt)) {
    await new Promise((r) => setTimeout(r, 100));
  }
  await consumer.disconnect();
  return received;
}

/** Exactly `count` messages, or a timeout error saying how many arrived. */
export async function consumeN(
  kafka: KafkaJS.Kafka,
  opts: ConsumeOptions & { count: number; timeoutMs?: number },
): Promise<ConsumedMessage[]> {
  const got = await consume(kafka, opts, (r) => r.length >= opts.count, opts.timeoutMs ?? 30_000);
  if (got.length < opts.count)
    throw new Error(`expected ${opts.count} messages on ${opts.topic}, got ${got.length}`);
  return got;
}

/**
 * Everything readable: waits for at least `expectAtLeast` messages, then for `idleMs` of silence, so that
 * messages that must NOT arrive (aborted, duplicates) have had their chance to show up.
 */
export async function consumeUntilIdle(
  kafka: KafkaJS.Kafka,
  opts: ConsumeOptions & { expectAtLeast: number; idleMs?: number; timeoutMs?: number },
): Promise<ConsumedMessage[]> {
  const idle = opts.idleMs ?? 2000;
  return consume(
    kafka,
    opts,
    (r, since) => r.length >= opts.expectAtLeast && since >= idle,
    opts.timeoutMs ?? 30_000,
  );
}
