import { KafkaJS } from '@confluentinc/kafka-javascript';
import { redact } from './security-options';

/** Log level of the underlying Kafka client. */
export type KafkaLogLevel = 'nothing' | 'error' | 'warn' | 'info' | 'debug';

const RANK: Record<KafkaLogLevel, number> = { nothing: 0, error: 1, warn: 2, info: 3, debug: 4 };
const KAFKAJS_LEVEL: Record<KafkaLogLevel, KafkaJS.logLevel> = {
  nothing: KafkaJS.logLevel.NOTHING,
  error: KafkaJS.logLevel.ERROR,
  warn: KafkaJS.logLevel.WARN,
  info: KafkaJS.logLevel.INFO,
  debug: KafkaJS.logLevel.DEBUG,
};

/**
 * How librdkafka words a refused SASL exchange or TLS handshake in its log. It reports neither to `connect`
 * (which only times out with "broker transport failure" after the connection timeout, while librdkafka keeps
 * retrying), so the log is the only early sign.
 */
const SECURITY_FAILURE = /SASL authentication error|SSL handshake failed|certificate verify failed/;

/**
 * The Kafka client's logger: forwards at the user's level with secrets masked, and tells waiting connects
 * about SASL / TLS failures. librdkafka is always asked for error lines, even at level `nothing`.
 */
export class SecurityWatch {
  readonly #rank: number;
  readonly #secrets: readonly string[];
  readonly #waiters = new Set<(line: string) => void>();
  /** Clients given up after a security failure: they retry until their connect times out, unheard. */
  readonly #muted = new Set<string>();
  /** The level to give the Kafka client: at least `error`, so failures reach {@link SecurityWatch.logger}. */
  readonly clientLevel: KafkaJS.logLevel;
  readonly logger: KafkaJS.Logger;

  constructor(level: KafkaLogLevel, secrets: readonly string[]) {
    this.#rank = RANK[level];
    this.#secrets = secrets;
    this.clientLevel = KAFKAJS_LEVEL[level === 'nothing' ? 'error' : level];
    const at =
      (rank: number, print: (line: object) => void) =>
      (message: string, extra?: object): void => {
        const text = redact(message, this.#secrets);
        const client = (extra as { name?: unknown } | undefined)?.name;
        if (typeof client === 'string' && this.#muted.has(client)) return;
        if (rank <= this.#rank) print({ message: text, ...extra });
        if (rank === 1 && SECURITY_FAILURE.test(text) && this.#waiters.size > 0) {
          if (typeof client === 'string') this.#muted.add(client);
          for (const waiter of this.#waiters) waiter(text);
        }
      };
    const logger: KafkaJS.Logger = {
      error: at(1, (l) => console.error(l)),
      warn: at(2, (l) => console.warn(l)),
      info: at(3, (l) => console.info(l)),
      debug: at(4, (l) => console.log(l)),
      namespace: () => logger,
      setLogLevel: () => undefined,
    };
    this.logger = logger;
  }

  /** Runs `connect`; rejects early with librdkafka's own words when it logs a SASL or TLS failure first. */
  async connect(connect: () => Promise<void>, abandon: () => Promise<void>): Promise<void> {
    let onFailure: ((line: string) => void) | undefined;
    const failed = new Promise<never>((_, reject) => {
      onFailure = (line) => reject(new SecurityFailure(line));
    });
    this.#waiters.add(onFailure!);
    const connecting = connect();
    try {
      await Promise.race([connecting, failed]);
    } catch (err) {
      // The client keeps retrying until its connect gives up: release it then.
      if (err instanceof SecurityFailure) void connecting.then(abandon, abandon).catch(() => undefined);
      throw err;
    } finally {
      this.#waiters.delete(onFailure!);
    }
  }
}

/** librdkafka's log line about a refused authentication or TLS handshake (secrets masked). */
export class SecurityFailure extends Error {}
