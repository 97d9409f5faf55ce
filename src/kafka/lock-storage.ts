import { AsyncLocalStorage } from 'node:async_hooks';
import type { KafkaJS } from '@confluentinc/kafka-javascript';

// Why this exists: the KafkaJS layer of @confluentinc/kafka-javascript (1.10) gives each consumer a lock with an
// AsyncLocalStorage of its own, which the consumer's run() or disconnect() enables (kgen never calls run(): its
// consumers enable it when they disconnect) and nothing ever disables. Node's async_hooks-based
// AsyncLocalStorage (Node 20) keeps every enabled instance in a process-wide list and walks it for every promise
// created afterwards, so each consumer ever disconnected makes every later `await` in the process dearer: 56 ns
// per await before, 160 ns after one consumer, 3.3 µs after 40 (measured on this machine). kgen disables, once a
// consumer's disconnect has finished, the instances that its run or disconnect enabled.

type Run = (
  this: AsyncLocalStorage<unknown>,
  store: unknown,
  callback: (...args: unknown[]) => unknown,
  ...args: unknown[]
) => unknown;

/** Instances that enabled themselves while a consumer's run or disconnect was being called; else undefined. */
let enabledDuringCall: Array<AsyncLocalStorage<unknown>> | undefined;
let installed: boolean | undefined;

/**
 * Whether the runtime's AsyncLocalStorage enables itself lazily on first `run` (the async_hooks implementation,
 * which has the leak); then `run` is wrapped once to note such instances during a consumer's run or disconnect.
 */
function install(): boolean {
  if (installed !== undefined) return installed;
  installed = (new AsyncLocalStorage() as unknown as { enabled?: unknown }).enabled === false;
  if (!installed) return false;
  const proto = AsyncLocalStorage.prototype as unknown as { run: Run };
  const run = proto.run;
  proto.run = function (this: AsyncLocalStorage<unknown>, store, callback, ...args) {
    if (enabledDuringCall !== undefined && (this as unknown as { enabled?: unknown }).enabled === false)
      enabledDuringCall.push(this);
    return run.call(this, store, callback, ...args);
  };
  return true;
}

/**
 * Calls `call` noting in `enabled` the AsyncLocalStorage instances its synchronous part enables (where the
 * KafkaJS layer takes its lock). Instances already enabled before are not noted, so an application's own
 * storage is never touched.
 */
function noting<R>(enabled: Array<AsyncLocalStorage<unknown>>, call: () => R): R {
  const outer = enabledDuringCall;
  enabledDuringCall = enabled;
  try {
    return call();
  } finally {
    enabledDuringCall = outer;
  }
}

/**
 * Makes every consumer `kafka` creates from now on disable, once its disconnect has finished, the storage its
 * `run` or `disconnect` enabled. A consumer used again re-enables it on its next `run`.
 */
export function releaseConsumerLockStorage(kafka: KafkaJS.Kafka): KafkaJS.Kafka {
  if (!install()) return kafka;
  const create = kafka.consumer.bind(kafka);
  kafka.consumer = (config) => {
    const consumer = create(config);
    const enabled: Array<AsyncLocalStorage<unknown>> = [];
    const run = consumer.run.bind(consumer);
    consumer.run = (options) => noting(enabled, () => run(options));
    const disconnect = consumer.disconnect.bind(consumer);
    consumer.disconnect = async () => {
      try {
        await noting(enabled, disconnect);
      } finally {
        for (const storage of enabled.splice(0)) storage.disable();
      }
    };
    return consumer;
  };
  return kafka;
}
