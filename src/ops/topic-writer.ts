import { Producer, type DeliveryReport, type LibrdKafkaError } from '@confluentinc/kafka-javascript';
import { OpsError } from './ops-error';
import { connectToTopic, disconnect } from './rdkafka-connect';

/** A record ready to send: bytes already encoded and framed. */
export interface OutgoingRecord {
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: ReadonlyArray<readonly [string, Buffer]>;
  /** A partition of the topic; by default the key's partition (murmur2, as Java clients place keys). */
  readonly partition?: number | undefined;
}

export interface TopicWriterOptions {
  readonly brokers: readonly string[];
  readonly topic: string;
  readonly timeoutMs?: number;
  readonly kafka?: Readonly<Record<string, string | number | boolean>>;
}

/** A connected producer for one topic that `kgen produce` sends through. */
export interface TopicWriter {
  readonly partitions: readonly number[];
  /** Sends every record (in order per partition) and waits for each acknowledgement; rejects with the first failure. */
  send(records: readonly OutgoingRecord[]): Promise<number>;
  disconnect(): Promise<void>;
}

/** Connects an idempotent producer to a topic that must exist (an {@link OpsError} otherwise, or when unreachable). */
export async function connectTopicWriter(options: TopicWriterOptions): Promise<TopicWriter> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const producer = new Producer({
    ...options.kafka,
    'metadata.broker.list': options.brokers.join(','),
    'enable.idempotence': true,
    partitioner: 'murmur2_random',
    dr_cb: true,
    // Every line of a file is handed over before the first acknowledgement.
    'queue.buffering.max.messages': 1_000_000,
    'socket.connection.setup.timeout.ms': timeoutMs,
    log_level: 0,
  });
  let partitions: number[];
  try {
    partitions = await connectToTopic(producer, options.brokers, options.topic, timeoutMs);
  } catch (err) {
    await disconnect(producer);
    throw err;
  }
  producer.setPollInterval(20);
  return {
    partitions,
    send: (records) => sendAll(producer, options.topic, partitions, records),
    disconnect: async () => {
      await new Promise<void>((resolve) => producer.flush(timeoutMs, () => resolve()));
      await disconnect(producer);
    },
  };
}

function sendAll(
  producer: Producer,
  topic: string,
  partitions: readonly number[],
  records: readonly OutgoingRecord[],
): Promise<number> {
  return new Promise((resolve, reject) => {
    let acked = 0;
    let failed = false;
    const onReport = (err: LibrdKafkaError | null, report: DeliveryReport): void => {
      if (report.topic !== topic || failed) return;
      if (err) {
        failed = true;
        producer.removeListener('delivery-report', onReport);
        reject(
          new OpsError('CLUSTER_UNREACHABLE', `sending to topic "${topic}" failed: ${err.message}`, {
            cause: err,
          }),
        );
        return;
      }
      if (++acked === records.length) {
        producer.removeListener('delivery-report', onReport);
        resolve(acked);
      }
    };
    if (records.length === 0) {
      resolve(0);
      return;
    }
    producer.on('delivery-report', onReport);
    try {
      for (const r of records) {
        if (r.partition !== undefined && !partitions.includes(r.partition))
          throw new OpsError('UNKNOWN_TOPIC', `topic "${topic}" has no partition ${r.partition}`);
        producer.produce(
          topic,
          r.partition ?? -1,
          r.value,
          r.key,
          null,
          undefined,
          r.headers.map(([name, value]) => ({ [name]: value })),
        );
      }
    } catch (err) {
      failed = true;
      producer.removeListener('delivery-report', onReport);
      reject(err);
    }
  });
}
