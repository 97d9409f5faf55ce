/**
 * A logger in the shape of pino (and bunyan, and many others): a structured object first, the message
 * second. `createClient({ logger })` sends librdkafka's and kgen's logs through it.
 */
export interface KgenLogger {
  /** Retried conditions, librdkafka detail. */
  debug(obj: object, msg?: string): void;
  /** Connections, joins and other normal events (at `logLevel: 'info'`). */
  info(obj: object, msg?: string): void;
  /** Something may need attention. */
  warn(obj: object, msg?: string): void;
  /** Something needs action (authentication, TLS, a failing handler...). */
  error(obj: object, msg?: string): void;
}

/** Log levels, most to least severe (`nothing` logs nothing). */
export type LogLevel = 'nothing' | 'error' | 'warn' | 'info' | 'debug';

const RANK: Record<LogLevel, number> = { nothing: 0, error: 1, warn: 2, info: 3, debug: 4 };
/** The KafkaJS layer's numeric levels (`KafkaJS.logLevel`): NOTHING 0, ERROR 1, WARN 2, INFO 3, DEBUG 4. */
const BY_RANK: readonly LogLevel[] = ['nothing', 'error', 'warn', 'info', 'debug'];

/**
 * Conditions librdkafka logs as warnings or errors and then retries by itself: a service has nothing to do
 * about them, so they go out at `debug`. Matched on the message (and facility) text.
 */
const TRANSIENT: readonly RegExp[] = [
  /Failed to acquire (idempotence|transactional) PID/i,
  /COORDINATOR_LOAD_IN_PROGRESS|Coordinator load in progress/i,
  /NOT_COORDINATOR|Not coordinator/i,
  /COORDINATOR_NOT_AVAILABLE|Coordinator not available/i,
  /NOT_LEADER_(OR_FOLLOWER|FOR_PARTITION)|Not leader for partition|Broker: Not leader/i,
  /LEADER_NOT_AVAILABLE|Leader not available|leader change/i,
  /REBALANCE_IN_PROGRESS|Rebalance in progress/i,
  // The broker closed an idle connection (connections.max.idle.ms); librdkafka reconnects when needed.
  /Disconnected \(after \d+ms in state UP/i,
];

/** Facilities whose warnings are retried by librdkafka as a rule (`GETPID`: idempotent producer id). */
const TRANSIENT_FACILITIES: ReadonlySet<string> = new Set(['GETPID']);

/** The level a librdkafka or kgen log line goes out at: transient, retried conditions drop to `debug`. */
export function effectiveLevel(level: LogLevel, message: string, facility: string | undefined): LogLevel {
  if (level !== 'warn' && level !== 'error') return level;
  if (facility !== undefined && TRANSIENT_FACILITIES.has(facility)) return 'debug';
  return TRANSIENT.some((re) => re.test(message)) ? 'debug' : level;
}

/** The fields of a log line, with librdkafka's `[thrd:...]: ` prefix split off the message. */
export function logFields(
  message: string,
  extra: Readonly<Record<string, unknown>> | undefined,
): { fields: Record<string, unknown>; msg: string } {
  const fields: Record<string, unknown> = { component: 'kgen' };
  let msg = message;
  const thread = /^\[thrd:([^\]]*)\]:\s*/.exec(message);
  if (thread !== null) {
    fields['source'] = 'librdkafka';
    fields['thread'] = thread[1];
    msg = message.slice(thread[0].length);
  }
  if (extra !== undefined) {
    if (typeof extra['fac'] === 'string' && extra['fac'] !== 'BINDING') fields['facility'] = extra['fac'];
    if (typeof extra['name'] === 'string' && extra['name'] !== '') fields['client'] = extra['name'];
    for (const [k, v] of Object.entries(extra))
      if (k !== 'fac' && k !== 'name' && k !== 'timestamp' && k !== 'message') fields[k] = v;
  }
  return { fields, msg };
}

/** A logger writing one plain line per entry to stderr: what a client without `logger` uses. */
export const consoleLogger: KgenLogger = {
  debug: (obj, msg) => writeLine('debug', obj, msg),
  info: (obj, msg) => writeLine('info', obj, msg),
  warn: (obj, msg) => writeLine('warn', obj, msg),
  error: (obj, msg) => writeLine('error', obj, msg),
};

function writeLine(level: LogLevel, obj: object, msg: string | undefined): void {
  const fields = obj as Record<string, unknown>;
  const where = [fields['facility'], fields['client']].filter((v) => typeof v === 'string').join(' ');
  process.stderr.write(`kgen ${level}${where === '' ? '' : ` [${where}]`}: ${msg ?? ''}\n`);
}

/**
 * The logger object the KafkaJS layer of `@confluentinc/kafka-javascript` takes (`kafkaJS.logger`): its
 * `(message, extra)` calls become `(fields, msg)` calls of `target` at the effective level, filtered at the
 * layer's level (`setLogLevel`).
 */
export class KafkaLogBridge {
  #rank: number;

  constructor(
    private readonly target: KgenLogger,
    level: LogLevel,
  ) {
    this.#rank = RANK[level];
  }

  setLogLevel(level: number): void {
    this.#rank = RANK[BY_RANK[level] ?? 'warn'];
  }

  namespace(): this {
    return this;
  }

  error(message: string, extra?: object): void {
    this.#log('error', message, extra);
  }

  warn(message: string, extra?: object): void {
    this.#log('warn', message, extra);
  }

  info(message: string, extra?: object): void {
    this.#log('info', message, extra);
  }

  debug(message: string, extra?: object): void {
    this.#log('debug', message, extra);
  }

  #log(level: LogLevel, message: unknown, extra: object | undefined): void {
    const text = typeof message === 'string' ? message : String(message);
    const facts = extra as Readonly<Record<string, unknown>> | undefined;
    const fac = typeof facts?.['fac'] === 'string' ? facts['fac'] : undefined;
    const at = effectiveLevel(level, text, fac);
    if (RANK[at] > this.#rank || at === 'nothing') return;
    const { fields, msg } = logFields(text, facts);
    try {
      this.target[at](fields, msg);
    } catch {
      // a failing application logger must not break the Kafka client
    }
  }
}
