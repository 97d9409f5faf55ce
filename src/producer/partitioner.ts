/** What a custom partitioner sees for one record. */
export interface PartitionerInput {
  /** The topic the record goes to. */
  readonly topic: string;
  /** The serialized key (Confluent-framed for registry keys), or null. */
  readonly key: Buffer | null;
  /** The typed key as given to `send`. */
  readonly keyValue: unknown;
  /** Partitions the topic has (fetched once per topic). */
  readonly partitionCount: number;
}

/**
 * Picks a partition in `[0, partitionCount)` for a record, or `undefined` to let librdkafka's default decide
 * (`murmur2_random`: the Java client's murmur2 for keyed records, random for null keys).
 */
export type Partitioner = (input: PartitionerInput) => number | undefined;
