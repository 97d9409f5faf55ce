import type { KafkaJS } from '@confluentinc/kafka-javascript';
import { StreamsConfigError } from 'kgen';
import { RepartitionPurge } from '../../../src/streams/runtime/repartition-purge';
import { unitClient } from './fixtures';

/** An admin whose `deleteTopicRecords` records its calls; `failing` topics fail once. */
function fakeAdmin(failing: Set<string> = new Set()) {
  const calls: string[] = [];
  const admin = {
    deleteTopicRecords: async ({
      topic,
      partitions,
    }: {
      topic: string;
      partitions: Array<{ partition: number; offset: string }>;
    }) => {
      if (failing.delete(topic)) throw new Error('not the leader');
      calls.push(`${topic} ${partitions.map((p) => `${p.partition}@${p.offset}`).join(' ')}`);
      return [];
    },
  } as unknown as KafkaJS.Admin;
  return { admin, calls };
}

describe('RepartitionPurge', () => {
  it('deletes each repartition topic up to its latest committed offsets, one call per topic', async () => {
    const { admin, calls } = fakeAdmin();
    const purge = new RepartitionPurge(admin, ['app-a-repartition', 'app-b-repartition']);
    purge.committed([
      { topic: 'orders', partitions: [{ partition: 0, offset: '10' }] }, // a user topic: never deleted
      {
        topic: 'app-a-repartition',
        partitions: [
          { partition: 0, offset: '5' },
          { partition: 1, offset: '7' },
        ],
      },
    ]);
    purge.committed([{ topic: 'app-a-repartition', partitions: [{ partition: 0, offset: '9' }] }]);
    await purge.purge();
    expect(calls).toEqual(['app-a-repartition 0@9 1@7']);
    await purge.purge(); // nothing committed since
    expect(calls).toHaveLength(1);
  });

  it('retries a failed call next time, unless a later commit moved the partition on', async () => {
    const { admin, calls } = fakeAdmin(new Set(['app-a-repartition']));
    const purge = new RepartitionPurge(admin, ['app-a-repartition']);
    purge.committed([
      {
        topic: 'app-a-repartition',
        partitions: [
          { partition: 0, offset: '5' },
          { partition: 1, offset: '3' },
        ],
      },
    ]);
    await purge.purge();
    expect(calls).toEqual([]);
    purge.committed([{ topic: 'app-a-repartition', partitions: [{ partition: 0, offset: '8' }] }]);
    await purge.purge();
    expect(calls).toEqual(['app-a-repartition 0@8 1@3']);
  });

  it('purges on its interval until stopped', async () => {
    const { admin, calls } = fakeAdmin();
    const purge = new RepartitionPurge(admin, ['app-a-repartition']);
    purge.start(10);
    purge.committed([{ topic: 'app-a-repartition', partitions: [{ partition: 2, offset: '4' }] }]);
    await new Promise((r) => setTimeout(r, 60));
    await purge.stop();
    expect(calls).toEqual(['app-a-repartition 2@4']);
    purge.committed([{ topic: 'app-a-repartition', partitions: [{ partition: 2, offset: '6' }] }]);
    await new Promise((r) => setTimeout(r, 40));
    expect(calls).toHaveLength(1);
  });

  it('refuses an interval that is not a positive integer, naming the option', () => {
    for (const ms of [0, -5, 2.5])
      expect(() =>
        unitClient().streams({ applicationId: 'unit-purge', repartitionPurgeIntervalMs: ms }),
      ).toThrow(StreamsConfigError);
    expect(() =>
      unitClient().streams({ applicationId: 'unit-purge', repartitionPurgeIntervalMs: 0 }),
    ).toThrow(/repartitionPurgeIntervalMs must be a positive integer, got 0/);
  });
});
