// Reads a windowed-count output topic ("<key>@<windowStart>" → 8-byte big-endian count) as a read_committed
// consumer, independently of the impl that wrote it: the latest count per window, and the broker's append
// times of the first and last output record (the topic uses LogAppendTime, so both impls are timed alike).
import type { KafkaJS } from '@confluentinc/kafka-javascript';

export interface WindowedOutput {
  /** Latest count per "<key>@<windowStart>". */
  readonly counts: Map<string, number>;
  readonly records: number;
  readonly firstAppendMs: number;
  readonly lastAppendMs: number;
}

/**
 * Consumes `topic` from the start until the latest counts add up to `expectedTotal` (every input record
 * counted and committed) or nothing new arrives for `idleMs`. `complete` resolves at the former.
 */
export function readWindowedOutput(
  kafka: KafkaJS.Kafka,
  topic: string,
  expectedTotal: number,
  idleMs: number,
): { complete: Promise<void>; result: Promise<WindowedOutput> } {
  let markComplete!: () => void;
  const complete = new Promise<void>((resolve) => (markComplete = resolve));
  const result = (async (): Promise<WindowedOutput> => {
    const consumer = kafka.consumer({
      kafkaJS: {
        groupId: `bench-wc-reader-${Date.now()}-${Math.random()}`,
        fromBeginning: true,
        autoCommit: false,
      },
      'isolation.level': 'read_committed',
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic] });
    const counts = new Map<string, number>();
    let total = 0;
    let records = 0;
    let first = Infinity;
    let last = 0;
    let lastProgress = Date.now();
    await consumer.run({
      eachBatch: async ({ batch }) => {
        for (const m of batch.messages) {
          const window = m.key!.toString();
          const count = Number(m.value!.readBigInt64BE(0));
          total += count - (counts.get(window) ?? 0);
          counts.set(window, count);
          records++;
          const ts = Number(m.timestamp);
          if (ts < first) first = ts;
          if (ts > last) last = ts;
        }
        lastProgress = Date.now();
      },
    });
    while (total !== expectedTotal && Date.now() - lastProgress < idleMs)
      await new Promise((r) => setTimeout(r, 100));
    if (total === expectedTotal) markComplete();
    await consumer.disconnect();
    return { counts, records, firstAppendMs: first, lastAppendMs: last };
  })();
  return { complete, result };
}
