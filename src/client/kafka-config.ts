import { KafkaJS } from '@confluentinc/kafka-javascript';
import { consoleLogger, KafkaLogBridge, type KgenLogger, type LogLevel } from '../telemetry/logger';
import { recordStatistics } from '../telemetry/rdkafka-stats';

const LOG_LEVELS: Record<LogLevel, KafkaJS.logLevel> = {
  nothing: KafkaJS.logLevel.NOTHING,
  error: KafkaJS.logLevel.ERROR,
  warn: KafkaJS.logLevel.WARN,
  info: KafkaJS.logLevel.INFO,
  debug: KafkaJS.logLevel.DEBUG,
};

/** What the common Kafka configuration of a client is made of. */
export interface KafkaConfigInput {
  readonly kafka?: Readonly<Record<string, string | number | boolean>>;
  readonly clientId?: string;
  readonly logLevel?: LogLevel;
  readonly logger?: KgenLogger;
}

/**
 * The configuration every producer and consumer of a client shares: the application's librdkafka
 * properties, kgen's log bridge (librdkafka and kgen lines through `logger`, default one plain line on
 * stderr) and, when `statistics.interval.ms` is set, the statistics callback behind kgen's gauges.
 */
export function kafkaCommonConfig(
  options: KafkaConfigInput,
  brokers: string[],
): KafkaJS.CommonConstructorConfig & { kafkaJS: KafkaJS.KafkaConfig } {
  const level = options.logLevel ?? 'warn';
  return {
    ...options.kafka,
    ...(Number(options.kafka?.['statistics.interval.ms'] ?? 0) > 0 ? { stats_cb: recordStatistics } : {}),
    kafkaJS: {
      brokers,
      logLevel: LOG_LEVELS[level],
      logger: new KafkaLogBridge(options.logger ?? consoleLogger, level),
      ...(options.clientId === undefined ? {} : { clientId: options.clientId }),
    },
  };
}
