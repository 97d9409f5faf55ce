import type { ProducerGlobalConfig, ProducerTopicConfig } from '@confluentinc/kafka-javascript';

/** librdkafka producer properties (global and topic level), as the official client takes them. */
export type RdkafkaProducerConfig = ProducerGlobalConfig & ProducerTopicConfig;

/**
 * kgen's producer defaults: the correct thing unless you opt out. Idempotence on (no duplicates, no
 * reordering on retry), `acks=all`, at most 5 requests in flight (the idempotent-producer limit), and every
 * timeout set explicitly so a send never hangs on a library default nobody chose.
 */
export const producerDefaults = {
  'enable.idempotence': true,
  acks: -1,
  'max.in.flight.requests.per.connection': 5,
  /** Total time a send may take including retries; the send fails after it. At most `transaction.timeout.ms`. */
  'message.timeout.ms': 60_000,
  'request.timeout.ms': 30_000,
  'socket.timeout.ms': 60_000,
  'socket.connection.setup.timeout.ms': 30_000,
  'transaction.timeout.ms': 60_000,
  'retry.backoff.ms': 100,
  'retry.backoff.max.ms': 1_000,
  'linger.ms': 5,
} as const satisfies RdkafkaProducerConfig;

/**
 * Named configs to spread over the defaults and override: `{ ...producerPresets.highThroughput, 'linger.ms': 50 }`.
 * Each keeps the safety of the defaults (idempotence, acks=all) and changes only batching and compression.
 */
export const producerPresets = {
  /** Big batches, a longer linger and lz4: most messages per second, a few ms more latency. */
  highThroughput: {
    ...producerDefaults,
    'linger.ms': 50,
    'batch.size': 1_048_576,
    'batch.num.messages': 10_000,
    'compression.type': 'lz4',
    'queue.buffering.max.kbytes': 1_048_576,
  },
  /** Nothing lost, nothing reordered: idempotence, acks=all, zstd, generous delivery timeout. */
  highReliability: {
    ...producerDefaults,
    'linger.ms': 10,
    'compression.type': 'zstd',
    'message.timeout.ms': 300_000,
    'transaction.timeout.ms': 300_000,
  },
  /** Send at once, small batches, no compression; still idempotent. */
  lowLatency: {
    ...producerDefaults,
    'linger.ms': 0,
    'batch.num.messages': 100,
    'compression.type': 'none',
    'socket.nagle.disable': true,
  },
} as const satisfies Record<string, RdkafkaProducerConfig>;

/** Name of a producer preset. */
export type ProducerPresetName = keyof typeof producerPresets;
