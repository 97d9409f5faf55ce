import { KafkaConsumer, type Message } from '@confluentinc/kafka-javascript';
import { randomBytes } from 'node:crypto';
import { OpsError } from './ops-error';
import { call, connectToTopic, disconnect } from './rdkafka-connect';

/** Where reading starts in each partition. */
export type StartPosition =
  | { readonly kind: 'beginning' }
  | { readonly kind: 'end' }
  | { readonly kind: 'offset'; readonly offset: number }
  /** The first record whose timestamp is at or after this time (ms since epoch). */
  | { readonly kind: 'time'; readonly ms: number };

/** A record as fetched: raw key, value and headers, as librdkafka hands them over. */
export interface FetchedRecord {
  readonly partition: number;
  readonly offset: number;
  readonly timestamp: number | undefined;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  /** Header name and raw value, in record order. */
  readonly headers: ReadonlyArray<readonly [string, Buffer]>;
}

/** What {@link readTopic} reads. */
export interface TopicReadOptions {
  readonly brokers: readonly string[];
  readonly topic: string;
  /** Only this partition (default: all). */
  readonly partition?: number | undefined;
  readonly start: StartPosition;
  /** Keep waiting for new records after the end offsets seen at start (default false). */
  readonly follow?: boolean;
  /** Stop after this many records. */
  readonly limit?: number | undefined;
  /** Resolves when reading should stop early (Ctrl-C). */
  readonly stop?: Promise<void>;
  readonly timeoutMs?: number;
  /** librdkafka properties (security...). */
  readonly kafka?: Readonly<Record<string, string | number | boolean>>;
}

/** A partition's range at start: reading begins at `start` and, without follow, ends before `end`. */
export interface PartitionRange {
  readonly partition: number;
  readonly start: number;
  readonly end: number;
}

function headersOf(message: Message): Array<readonly [string, Buffer]> {
  const out: Array<readonly [string, Buffer]> = [];
  for (const header of message.headers ?? [])
    for (const [name, value] of Object.entries(header))
      out.push([name, Buffer.isBuffer(value) ? value : Buffer.from(String(value))]);
  return out;
}

function keyOf(message: Message): Buffer | null {
  const key = message.key as Buffer | string | null | undefined;
  if (key === null || key === undefined) return null;
  return Buffer.isBuffer(key) ? key : Buffer.from(key);
}

/**
 * Reads a topic without a consumer group (partitions assigned directly, nothing committed), from `start`
 * to the end offsets seen at start (or on, with `follow`), calling `onRecord` for each record in partition
 * order. An unreachable cluster or an unknown topic/partition is an {@link OpsError} within the timeout.
 */
export async function readTopic(
  options: TopicReadOptions,
  onRecord: (record: FetchedRecord) => Promise<void> | void,
  onRanges?: (ranges: readonly PartitionRange[]) => void,
): Promise<{ readonly count: number }> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const where = options.brokers.join(',');
  const consumer = new KafkaConsumer(
    {
      ...options.kafka,
      'metadata.broker.list': where,
      // Never committed: the group only satisfies librdkafka, which wants one for a consumer.
      'group.id': `kgen-tail-${randomBytes(4).toString('hex')}`,
      'enable.auto.commit': false,
      'enable.partition.eof': false,
      'socket.connection.setup.timeout.ms': timeoutMs,
      log_level: 0,
    },
    {},
  );
  try {
    const all = await connectToTopic(consumer, options.brokers, options.topic, timeoutMs);
    if (options.partition !== undefined && !all.includes(options.partition))
      throw new OpsError(
        'UNKNOWN_TOPIC',
        `topic "${options.topic}" has no partition ${options.partition} (partitions 0-${all.length - 1})`,
      );
    const partitions = options.partition !== undefined ? [options.partition] : all;
    const ranges = await Promise.all(partitions.map((p) => rangeOf(consumer, options, p, timeoutMs)));
    onRanges?.(ranges);
    return await consumeRanges(consumer, options, ranges, onRecord);
  } finally {
    await disconnect(consumer);
  }
}

async function rangeOf(
  consumer: KafkaConsumer,
  options: TopicReadOptions,
  partition: number,
  timeoutMs: number,
): Promise<PartitionRange> {
  const marks = await call<{ lowOffset: number; highOffset: number }>((cb) =>
    consumer.queryWatermarkOffsets(options.topic, partition, timeoutMs, cb),
  );
  const end = marks.highOffset;
  const start = options.start;
  switch (start.kind) {
    case 'beginning':
      return { partition, start: marks.lowOffset, end };
    case 'end':
      return { partition, start: end, end };
    case 'offset':
      // An offset below the log start (deleted by retention) starts at the first record kept.
      return { partition, start: Math.min(Math.max(start.offset, marks.lowOffset), end), end };
    case 'time': {
      const [found] = await call<Array<{ offset: number }>>((cb) =>
        consumer.offsetsForTimes([{ topic: options.topic, partition, offset: start.ms }], timeoutMs, cb),
      );
      // -1: no record at or after that time.
      const offset = found && found.offset >= 0 ? found.offset : end;
      return { partition, start: offset, end };
    }
  }
}

async function consumeRanges(
  consumer: KafkaConsumer,
  options: TopicReadOptions,
  ranges: readonly PartitionRange[],
  onRecord: (record: FetchedRecord) => Promise<void> | void,
): Promise<{ readonly count: number }> {
  const follow = options.follow === true;
  const open = new Set(ranges.filter((r) => follow || r.start < r.end).map((r) => r.partition));
  const endOf = new Map(ranges.map((r) => [r.partition, r.end]));
  let stopped = false;
  void options.stop?.then(() => (stopped = true));
  let count = 0;
  const limit = options.limit ?? Infinity;
  if (open.size === 0 || limit <= 0) return { count };
  consumer.assign(
    ranges
      .filter((r) => open.has(r.partition))
      .map((r) => ({ topic: options.topic, partition: r.partition, offset: r.start })),
  );
  consumer.setDefaultConsumeTimeout(200);
  while (!stopped && open.size > 0) {
    const batch = await call<Message[]>((cb) => consumer.consume(500, cb));
    // Control records (transaction markers) and compacted-away offsets are never delivered: the fetch
    // position, not the last record seen, tells that a partition reached its end.
    if (batch.length === 0 && !follow)
      for (const p of consumer.position())
        if (p.topic === options.topic && p.offset >= (endOf.get(p.partition) ?? 0)) open.delete(p.partition);
    for (const m of batch) {
      if (!open.has(m.partition)) continue;
      const end = endOf.get(m.partition) ?? 0;
      if (!follow && m.offset >= end) {
        open.delete(m.partition);
        continue;
      }
      await onRecord({
        partition: m.partition,
        offset: m.offset,
        timestamp: m.timestamp,
        key: keyOf(m),
        value: m.value,
        headers: headersOf(m),
      });
      if (++count >= limit) return { count };
      if (!follow && m.offset >= end - 1) open.delete(m.partition);
    }
  }
  return { count };
}
