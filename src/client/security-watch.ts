import type { KafkaJS } from '@confluentinc/kafka-javascript';
import { redact } from './security-options';

/** Where the watch forwards each line it lets through (kgen's log bridge, which applies the user's level). */
export interface LogSink {
  error(message: string, extra?: object): void;
  warn(message: string, extra?: object): void;
  info(message: string, extra?: object): void;
  debug(message: string, extra?: object): void;
}

/**
 * How librdkafka words a refused SASL exchange or TLS handshake in its log. It reports neither to `connect`
 * (which only times out with "broker transport failure" after the connection timeout, while librdkafka keeps
 * retrying), so the log is the only early sign.
 */
const SECURITY_FAILURE = /SASL authentication error|SSL handshake failed|certificate verify failed/;

/**
 * The Kafka client's logger: masks secrets, tells waiting connects about SASL / TLS failures, and forwards
 * every line to `next` (which filters by the user's level). The client must be asked for at least error
 * lines, even at level `nothing`, so that failures reach the watch.
 */
export class SecurityWatch {
  readonly #secrets: readonly string[];
  readonly #waiters = new Set<(line: string) => void>();
  /** Clients given up after a security failure: they retry until their connect times out, unheard. */
  readonly #muted = new Set<string>();
  readonly logger: KafkaJS.Logger;

  constructor(secrets: readonly string[], next: LogSink) {
    this.#secrets = secrets;
    const at =
      (level: keyof LogSink) =>
      (message: string, extra?: object): void => {
        const text = redact(message, this.#secrets);
        const client = (extra as { name?: unknown } | undefined)?.name;
        if (typeof client === 'string' && this.#muted.has(client)) return;
        next[level](text, extra);
        if (level === 'error' && SECURITY_FAILURE.test(text) && this.#waiters.size > 0) {
          if (typeof client === 'string') this.#muted.add(client);
          for (const waiter of this.#waiters) waiter(text);
        }
      };
    const logger: KafkaJS.Logger = {
      error: at('error'),
      warn: at('warn'),
      info: at('info'),
      debug: at('debug'),
      namespace: () => logger,
      // The user's level lives in `next`; the client's own level stays at least `error` (see above).
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
