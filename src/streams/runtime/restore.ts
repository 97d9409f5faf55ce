import { KafkaJS } from '@confluentinc/kafka-javascript';
import type { Message } from '@confluentinc/kafka-javascript';
import type { NativeConsumer } from '../../kafka/internal-client';
import { StoreRestoreError } from '../errors';
import type { BytesStore } from '../store/bytes-store';
import type { StreamsMetrics } from '../topology/metrics';

/** What restoring needs: an admin for end offsets and an assign-only native consumer (read_committed). */
export interface RestoreContext {
  readonly admin: KafkaJS.Admin;
  readonly consumer: NativeConsumer;
  readonly timeoutMs: number;
  readonly metrics: StreamsMetrics;
}

function consume(consumer: NativeConsumer, n: number): Promise<Message[]> {
  return new Promise((resolve, reject) =>
    consumer.consume(n, (err, messages) => (err ? reject(err) : resolve(messages))),
  );
}

/**
 * Rebuilds `store` (one partition) from its changelog before its task processes anything: from the store's
 * checkpoint if it has one (a persistent store), else from the start after wiping it; up to the last stable
 * offset (read_committed: aborted writes are never restored). Throws StoreRestoreError when the changelog
 * cannot be read or the end is not reached within the timeout.
 */
export async function restoreStore(
  ctx: RestoreContext,
  store: BytesStore,
  topic: string,
  partition: number,
): Promise<bigint> {
  const fail = (reason: string, cause?: unknown): StoreRestoreError =>
    new StoreRestoreError(store.name, topic, partition, reason, cause);
  let end: bigint;
  let low: bigint;
  try {
    const offsets = await ctx.admin.fetchTopicOffsets(topic, {
      isolationLevel: KafkaJS.IsolationLevel.READ_COMMITTED,
    });
    const p = offsets.find((o) => o.partition === partition);
    if (!p) throw new Error(`the changelog has no partition ${partition}`);
    end = BigInt(p.offset);
    low = BigInt(p.low);
  } catch (e) {
    throw fail(`its end offset cannot be read (${(e as Error).message})`, e);
  }
  const checkpoint = store.checkpoint()?.get(partition);
  let from: bigint;
  if (checkpoint === undefined || checkpoint > end || checkpoint < low) {
    // No checkpoint, or one this changelog contradicts (recreated topic, truncated log): rebuild from scratch.
    store.wipe();
    from = low;
  } else from = checkpoint;
  const progress = { restored: 0, endOffset: Number(end), done: false };
  ctx.metrics.restores[`${store.name}/${partition}`] = progress;
  if (from < end) {
    const deadline = Date.now() + ctx.timeoutMs;
    try {
      ctx.consumer.assign([{ topic, partition, offset: Number(from) }]);
      for (;;) {
        const messages = await consume(ctx.consumer, 1000);
        let reached = false;
        for (const m of messages) {
          const key = typeof m.key === 'string' ? Buffer.from(m.key) : m.key;
          if (!key) throw new Error(`record at offset ${m.offset} has no key`);
          store.put(key, m.value ?? undefined);
          progress.restored++;
          ctx.metrics.restoredRecords++;
          if (BigInt(m.offset) + 1n >= end) reached = true;
        }
        if (reached) break;
        if (messages.length === 0) {
          // Transaction markers and aborted records also advance the position without yielding a record.
          const [pos] = ctx.consumer.position([{ topic, partition }]);
          if (pos && pos.offset >= 0 && BigInt(pos.offset) >= end) break;
          if (Date.now() > deadline)
            throw new Error(
              `timed out after ${ctx.timeoutMs} ms at position ${pos?.offset ?? '?'} of ${end}`,
            );
        }
      }
    } catch (e) {
      throw fail((e as Error).message, e);
    } finally {
      try {
        ctx.consumer.unassign();
      } catch {
        // already unassigned
      }
    }
  }
  store.writeCheckpoint(new Map([[partition, end]]));
  progress.done = true;
  return end;
}

/**
 * The changelog's last stable offset per partition: a safe checkpoint for a store that has applied every
 * committed write up to now (replaying from any offset at or below what a store reflects gives the same state).
 */
export async function stableOffsets(admin: KafkaJS.Admin, topic: string): Promise<Map<number, bigint>> {
  const offsets = await admin.fetchTopicOffsets(topic, {
    isolationLevel: KafkaJS.IsolationLevel.READ_COMMITTED,
  });
  return new Map(offsets.map((o) => [o.partition, BigInt(o.offset)]));
}
