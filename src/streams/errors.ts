import { KgenError } from '../errors';

/** A topology or streams option that cannot work (unknown topic, bad window, duplicate store name...). */
export class StreamsConfigError extends KgenError {
  constructor(message: string) {
    super('STREAMS_CONFIG', message);
  }
}

/** Topics that must be co-partitioned (a join, a table beside a stream) have different partition counts. */
export class CopartitioningError extends KgenError {
  /** Every topic of the group with its partition count. */
  readonly partitions: Readonly<Record<string, number>>;
  constructor(what: string, partitions: Readonly<Record<string, number>>) {
    const list = Object.entries(partitions)
      .map(([t, n]) => `${t} (${n} partitions)`)
      .join(', ');
    super(
      'STREAMS_COPARTITIONING',
      `streams: ${what} needs co-partitioned topics with equal partition counts, got ${list}`,
    );
    this.partitions = partitions;
  }
}

/** A state store could not be rebuilt from its changelog; the task does not process without its state. */
export class StoreRestoreError extends KgenError {
  readonly store: string;
  readonly topic: string;
  readonly partition: number;
  constructor(store: string, topic: string, partition: number, reason: string, cause?: unknown) {
    super(
      'STREAMS_RESTORE',
      `streams: store ${store} cannot be restored from ${topic} partition ${partition}: ${reason}`,
      cause === undefined ? undefined : { cause },
    );
    this.store = store;
    this.topic = topic;
    this.partition = partition;
  }
}

/**
 * A record's event time is missing or invalid (not a finite, non-negative number of ms). Windows and stream time
 * cannot place it; by default processing stops here (nothing of the batch is committed, so nothing is lost
 * or counted twice), or with `invalidTimestamps: 'skip'` the record is skipped and counted.
 */
export class InvalidTimestampError extends KgenError {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly timestamp: unknown;
  constructor(topic: string, partition: number, offset: string, timestamp: unknown) {
    super(
      'STREAMS_TIMESTAMP',
      `streams: record ${topic}[${partition}]@${offset} has no valid event time (got ${String(timestamp)}); ` +
        'a timestamp must be a finite number of ms >= 0',
    );
    this.topic = topic;
    this.partition = partition;
    this.offset = offset;
    this.timestamp = timestamp;
  }
}
