import { releaseConsumerLockStorage } from '../kafka/lock-storage';
import { KafkaJS } from '@confluentinc/kafka-javascript';
import { connectOffsetsAdmin, type OffsetsAdmin } from '../consumer/committed-offsets';
import { OpsError } from './ops-error';

/** Where an operator command connects. */
export interface OpsConnectionOptions {
  readonly brokers: readonly string[];
  /** librdkafka properties (security, SASL...). */
  readonly kafka?: Readonly<Record<string, string | number | boolean>>;
  /** Give up connecting after this long (default 10 s). */
  readonly timeoutMs?: number;
}

/**
 * An admin safe for group reads (it shares a consumer's handle, see consumer/committed-offsets.ts).
 * An unreachable cluster is an {@link OpsError} within the timeout, not a hang.
 */
export async function connectOpsAdmin(options: OpsConnectionOptions): Promise<OffsetsAdmin> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const kafka = releaseConsumerLockStorage(
    new KafkaJS.Kafka({
      ...options.kafka,
      kafkaJS: {
        brokers: [...options.brokers],
        logLevel: KafkaJS.logLevel.NOTHING,
        connectionTimeout: timeoutMs,
      },
    }),
  );
  const connecting = connectOffsetsAdmin(kafka);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new OpsError(
            'CLUSTER_UNREACHABLE',
            `cannot reach the Kafka cluster at ${options.brokers.join(',')} within ${timeoutMs} ms`,
          ),
        ),
      timeoutMs,
    );
  });
  try {
    const connected = await Promise.race([connecting, timeout]);
    // A cluster that answers still has to answer a metadata call: librdkafka connects lazily.
    await Promise.race([connected.admin.listTopics({ timeout: timeoutMs }), timeout]).catch(
      async (err: unknown) => {
        await connected.disconnect().catch(() => undefined);
        throw unreachable(err, options.brokers);
      },
    );
    return connected;
  } catch (err) {
    // A connection that completes after the timeout must not keep the process alive.
    void connecting.then((c) => c.disconnect()).catch(() => undefined);
    throw unreachable(err, options.brokers);
  } finally {
    clearTimeout(timer);
  }
}

/** `err` as the OpsError an unreachable cluster gives (kept as is when it already is one). */
function unreachable(err: unknown, brokers: readonly string[]): OpsError {
  return err instanceof OpsError
    ? err
    : new OpsError(
        'CLUSTER_UNREACHABLE',
        `cannot reach the Kafka cluster at ${brokers.join(',')}: ${String(err)}`,
        {
          cause: err,
        },
      );
}
