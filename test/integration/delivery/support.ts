import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { KafkaJS } from '@confluentinc/kafka-javascript';
import { producerDefaults } from '../../../src/producer/presets';
import type { RecordSerde } from '../../../src/producer/record-serde';
import type { RawRecord } from '../../../src/kafka/raw-record';
import {
  avroSchema,
  stringSerde,
  type AvroSchemaDescriptor,
  type StringDescriptor,
  type TopicDescriptor,
} from '../../../src/topics';
import {
  connectOffsetsAdmin,
  fetchCommittedOffsets,
  type OffsetsAdmin,
} from '../../../src/consumer/committed-offsets';

/** A promisified-API client for the given brokers with logging quiet. */
export function kafkaFor(brokers: string): KafkaJS.Kafka {
  return new KafkaJS.Kafka({ kafkaJS: { brokers: [brokers], logLevel: KafkaJS.logLevel.NOTHING } });
}

export async function createTopics(
  kafka: KafkaJS.Kafka,
  topics: readonly string[],
  numPartitions = 1,
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: topics.map((topic) => ({ topic, numPartitions })) });
  } finally {
    await admin.disconnect();
  }
}

/** JSON values and UTF-8 keys: enough serde to count records end to end. Throws on bytes that are not JSON. */
export const jsonSerde = {
  encode: (_topic: string, key: unknown, value: unknown) => ({
    key: key === null || key === undefined ? null : Buffer.from(String(key)),
    value: Buffer.from(JSON.stringify(value)),
  }),
  decode: (record: RawRecord) => ({
    key: record.key?.toString() ?? null,
    value: JSON.parse(record.value?.toString() ?? 'null') as unknown,
  }),
} satisfies RecordSerde;

export function headerString(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  if (Array.isArray(v)) return headerString(v[0]);
  return Buffer.isBuffer(v) ? v.toString() : String(v);
}

/**
 * A topic typed `string` key / `V` value for the JSON test serde. The Avro descriptor only carries the type
 * (the JSON serde never reads its schema), so tests stay typed end to end without a registry.
 */
export function jsonTopic<V>(): TopicDescriptor<StringDescriptor, AvroSchemaDescriptor<V>> {
  return {
    key: stringSerde,
    value: avroSchema<V>({
      name: 'kgen.test.Json',
      schema: '"string"',
      references: [],
      options: { long: 'number', unions: 'wrapped', timestamps: 'number', date: 'number', decimal: 'string' },
    }),
  };
}

/** A TypeScript worker run as ONE node process (`node --import tsx`), so SIGKILL hits the worker itself. */
export interface Worker {
  readonly child: ChildProcess;
  /** Resolves when the worker printed `running`. */
  readonly running: Promise<void>;
  /** Resolves with the exit code (or signal name) when it exits. */
  readonly exited: Promise<number | string>;
  /** Everything it printed on stderr. */
  stderr(): string;
}

export function spawnWorker(file: string, env: Record<string, string>): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, file)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  const running = new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('running')) resolve();
    });
    void exited.then((code) => reject(new Error(`worker ${file} exited (${code}) before running:\n${err}`)));
  });
  running.catch(() => undefined);
  return { child, running, exited, stderr: () => err };
}

/** One offsets admin per Kafka instance: tests poll committed offsets often, and connecting costs ~0.5 s. */
const offsetsAdmins = new Map<KafkaJS.Kafka, Promise<OffsetsAdmin>>();
// Registered in every test file that imports this module (top-level hooks belong to the file running them);
// worker processes spawned by the kill tests import it outside jest.
if (typeof afterAll === 'function') {
  afterAll(async () => {
    const open = [...offsetsAdmins.values()];
    offsetsAdmins.clear();
    await Promise.all(open.map(async (admin) => (await admin).disconnect()));
  });
}

/** Sum over partitions of the group's committed offsets on `topic` (records consumed when offsets are dense). */
export async function committedTotal(kafka: KafkaJS.Kafka, groupId: string, topic: string): Promise<number> {
  let offsets = offsetsAdmins.get(kafka);
  if (offsets === undefined) {
    offsets = connectOffsetsAdmin(kafka);
    offsetsAdmins.set(kafka, offsets);
  }
  // Offsets of committed transactions: a pending one (e.g. of a killed worker) does not count yet.
  const res = await fetchCommittedOffsets((await offsets).admin, groupId, [topic]);
  return res.flatMap((t) => t.partitions).reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
}

/** A connected consumer of `group` from the earliest offset that leaves every commit to kgen. */
export async function connectedConsumer(kafka: KafkaJS.Kafka, group: string): Promise<KafkaJS.Consumer> {
  const consumer = kafka.consumer({
    'group.id': group,
    'enable.auto.commit': false,
    'auto.offset.reset': 'earliest',
  } as KafkaJS.ConsumerConstructorConfig);
  await consumer.connect();
  return consumer;
}

/** Produces `count` records `{ key: String(i), value: JSON {n: i} }` with kgen's producer defaults. */
export async function produceNumbers(
  kafka: KafkaJS.Kafka,
  topic: string,
  count: number,
  from = 0,
): Promise<void> {
  const producer = kafka.producer({ ...producerDefaults, 'linger.ms': 20 });
  await producer.connect();
  try {
    const chunk = 5000;
    for (let i = from; i < from + count; i += chunk) {
      const messages: KafkaJS.Message[] = [];
      for (let j = i; j < Math.min(from + count, i + chunk); j++)
        messages.push({ key: String(j), value: JSON.stringify({ n: j }) });
      await producer.send({ topic, messages });
    }
  } finally {
    await producer.disconnect();
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `check` every 100 ms until true; throws naming `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}
