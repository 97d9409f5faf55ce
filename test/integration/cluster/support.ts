import type { KafkaJS } from '@confluentinc/kafka-javascript';
import { consumeUntilIdle } from '../../helpers/consume';

/**
 * Lost and duplicated keys `0..records-1` of `topic`, counted by an independent read_committed reader.
 * `extraKeys` (warm-up records, records whose fate the test cannot know) are read but not counted;
 * `mayRepeat` keys were sent again by the caller after an ambiguous failure: twice is not a duplicate.
 */
export async function countKeys(
  kafka: KafkaJS.Kafka,
  topic: string,
  records: number,
  extraKeys: readonly string[] = [],
  mayRepeat: ReadonlySet<string> = new Set(),
): Promise<{ read: number; lost: number; duplicated: number; repeatedAfterRetry: number }> {
  const got = await consumeUntilIdle(kafka, {
    topic,
    isolation: 'read_committed',
    expectAtLeast: records,
    idleMs: 3000,
    timeoutMs: 180_000,
  });
  const counts = keyCounts(got);
  let extra = 0;
  for (const k of extraKeys) {
    extra += counts.get(k) ?? 0;
    counts.delete(k);
  }
  let lost = 0;
  for (let i = 0; i < records; i++) if (!counts.has(String(i))) lost++;
  const repeated = [...counts].filter(([, c]) => c > 1);
  const duplicated = repeated.filter(([k]) => !mayRepeat.has(k)).length;
  return { read: got.length - extra, lost, duplicated, repeatedAfterRetry: repeated.length - duplicated };
}

/** How often each key occurs among `messages`. */
export function keyCounts(messages: ReadonlyArray<{ key: Buffer | null }>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of messages) {
    const key = m.key?.toString() ?? '<null>';
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** One JSON line per counting test: what the README's delivery section quotes. */
export function report(test: string, facts: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ test, ...facts })}\n`);
}

/** The error `promise` rejects with (undefined when it resolves; a resolved client is disconnected). */
export async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    async (value) => {
      const closable = value as { disconnect?: () => Promise<void> } | undefined;
      await closable?.disconnect?.().catch(() => undefined);
      return undefined;
    },
    (err: unknown) => err,
  );
}

/** Everything written to the console and to stdout/stderr until `restore()`. */
export function captureOutput(): { lines: string[]; text(): string; restore(): void } {
  const lines: string[] = [];
  const spies = [
    ...(['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
      jest.spyOn(console, m).mockImplementation((...args: unknown[]) => {
        lines.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
      }),
    ),
    ...[process.stdout, process.stderr].map((stream) =>
      jest.spyOn(stream, 'write').mockImplementation((chunk: unknown) => {
        lines.push(String(chunk));
        return true;
      }),
    ),
  ];
  return {
    lines,
    text: () => lines.join('\n'),
    restore: () => spies.forEach((s) => s.mockRestore()),
  };
}
