import { KafkaJS } from '@confluentinc/kafka-javascript';
import { consoleLogger, KafkaLogBridge, type KgenLogger, type LogLevel } from '../telemetry/logger';
import { recordStatistics } from '../telemetry/rdkafka-stats';
import { SecurityWatch } from './security-watch';

const LOG_LEVELS: Record<LogLevel, KafkaJS.logLevel> = {
  nothing: KafkaJS.logLevel.NOTHING,
  error: KafkaJS.logLevel.ERROR,
  warn: KafkaJS.logLevel.WARN,
  info: KafkaJS.logLevel.INFO,
  debug: KafkaJS.logLevel.DEBUG,
};

/** What the common Kafka configuration of a client is made of. */
export interface KafkaConfigInput {
  /** librdkafka properties, including callbacks such as the OAUTHBEARER token refresh. */
  readonly kafka?: Readonly<Record<string, unknown>>;
  readonly clientId?: string;
  readonly logLevel?: LogLevel;
  readonly logger?: KgenLogger;
}

/** The client's logger: secrets masked and SASL/TLS failures watched, then kgen's log bridge at the user's level. */
export function securityWatchFor(options: KafkaConfigInput, secrets: readonly string[] = []): SecurityWatch {
  return new SecurityWatch(
    secrets,
    new KafkaLogBridge(options.logger ?? consoleLogger, options.logLevel ?? 'warn'),
  );
}

/**
 * The configuration every producer and consumer of a client shares: the application's librdkafka
 * properties, kgen's logger (librdkafka and kgen lines through `logger`, default one plain line on stderr;
 * librdkafka is asked for at least error lines, which the security watch needs) and, when
 * `statistics.interval.ms` is set, the statistics callback behind kgen's gauges.
 */
export function kafkaCommonConfig(
  options: KafkaConfigInput,
  brokers: string[],
  watch: SecurityWatch = securityWatchFor(options),
): KafkaJS.CommonConstructorConfig & { kafkaJS: KafkaJS.KafkaConfig } {
  const level = options.logLevel ?? 'warn';
  return {
    ...options.kafka,
    ...(Number(options.kafka?.['statistics.interval.ms'] ?? 0) > 0 ? { stats_cb: recordStatistics } : {}),
    kafkaJS: {
      brokers,
      logLevel: LOG_LEVELS[level === 'nothing' ? 'error' : level],
      logger: watch.logger,
      ...(options.clientId === undefined ? {} : { clientId: options.clientId }),
    },
  };
}
