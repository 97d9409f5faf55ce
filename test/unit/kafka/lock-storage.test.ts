import { AsyncLocalStorage } from 'node:async_hooks';
import type { KafkaJS } from '@confluentinc/kafka-javascript';
import { releaseConsumerLockStorage } from '../../../src/kafka/lock-storage';

/** Enabled AsyncLocalStorage instances: each stamps every new promise (Node's async_hooks implementation). */
const stamps = (): number => Object.getOwnPropertySymbols(new Promise(() => undefined)).length;

/** A consumer shaped like the KafkaJS layer's: run and disconnect take a lock that runs in its own storage. */
class LockedConsumer {
  readonly lock = new AsyncLocalStorage<string>();
  storeWhileDisconnecting: string | undefined;
  constructor(private readonly failDisconnect = false) {}

  run(): Promise<void> {
    return this.lock.run('run', () => new Promise((r) => setTimeout(r, 1)));
  }

  disconnect(): Promise<void> {
    return this.lock.run('disconnect', async () => {
      await new Promise((r) => setTimeout(r, 5));
      this.storeWhileDisconnecting = this.lock.getStore();
      if (this.failDisconnect) throw new Error('broker gone');
    });
  }
}

function kafkaOf(make: () => LockedConsumer): KafkaJS.Kafka {
  const kafka = { consumer: () => make() };
  return releaseConsumerLockStorage(kafka as unknown as KafkaJS.Kafka);
}

describe('releaseConsumerLockStorage', () => {
  it('disables the storage disconnect enabled, once the disconnect has finished', async () => {
    const before = stamps();
    const consumer = kafkaOf(() => new LockedConsumer()).consumer({}) as unknown as LockedConsumer;
    await consumer.disconnect();
    expect(consumer.storeWhileDisconnecting).toBe('disconnect'); // not disabled while it still ran
    expect(stamps()).toBe(before);
  });

  it('also the storage run enabled (a consumer run through the KafkaJS loop)', async () => {
    const before = stamps();
    const consumer = kafkaOf(() => new LockedConsumer()).consumer({}) as unknown as LockedConsumer;
    await consumer.run();
    expect(stamps()).toBe(before + 1); // still in use until disconnect
    await consumer.disconnect();
    expect(stamps()).toBe(before);
  });

  it('disables it and rethrows when the disconnect fails', async () => {
    const before = stamps();
    const consumer = kafkaOf(() => new LockedConsumer(true)).consumer({}) as unknown as LockedConsumer;
    await expect(consumer.disconnect()).rejects.toThrow('broker gone');
    expect(stamps()).toBe(before);
  });

  it("leaves an application's storage that was enabled before alone", async () => {
    const app = new AsyncLocalStorage<string>();
    app.enterWith('request-1');
    const before = stamps();
    const shared = new LockedConsumer();
    Object.defineProperty(shared, 'lock', { value: app }); // the consumer runs in the application's storage
    const consumer = kafkaOf(() => shared).consumer({}) as unknown as LockedConsumer;
    await consumer.disconnect();
    expect(stamps()).toBe(before);
    expect(app.getStore()).toBe('request-1');
  });

  it('notes nothing outside of run and disconnect', async () => {
    const consumer = kafkaOf(() => new LockedConsumer()).consumer({}) as unknown as LockedConsumer;
    const other = new AsyncLocalStorage<string>();
    const before = stamps();
    other.run('x', () => undefined);
    await consumer.disconnect();
    expect(stamps()).toBe(before + 1); // enabled by its own run, and kgen did not disable it
    other.disable();
  });
});
