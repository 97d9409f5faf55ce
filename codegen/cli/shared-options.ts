// Options several commands declare alike: one wording for `--help`, one place to change it.

/** `--brokers` of every command that talks to Kafka. */
export const brokersOption = {
  type: 'string',
  describe: 'Bootstrap brokers host:port[,...] (default: $KAFKA_BROKERS)',
} as const;

/** `--registry` of the schema governance commands (check, compat, register). */
export const registryOption = { type: 'string', describe: 'Registry base URL (Confluent API)' } as const;
