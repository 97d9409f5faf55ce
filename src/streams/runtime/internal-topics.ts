import type { KafkaJS } from '@confluentinc/kafka-javascript';
import { StreamsConfigError } from '../errors';
import type { TopologyBuilder } from '../topology/topology';
import type { PartitionPlan } from './partition-plan';

/** Partition counts of `topics` as the cluster has them; a missing topic is a StreamsConfigError. */
export async function partitionCounts(
  admin: KafkaJS.Admin,
  topics: readonly string[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const topic of topics) {
    try {
      const [meta] = await admin.fetchTopicMetadata({ topics: [topic] });
      out.set(topic, meta!.partitions.length);
    } catch (e) {
      throw new StreamsConfigError(
        `streams: topic ${topic} cannot be read from the cluster (does it exist?): ${(e as Error).message}`,
      );
    }
  }
  return out;
}

/**
 * Creates the repartition topics and store changelogs with the planned partition counts (changelogs
 * compacted; windowed stores' `compact,delete`). Existing ones are kept if their count matches.
 *
 * Repartition records carry their input's event time, which may be far in the past (reprocessing history):
 * under the broker's time retention they could be deleted before this app reads them. So repartition topics
 * never expire by time (`retention.ms` -1); the runtime deletes their records once it has committed past them.
 */
export async function ensureInternalTopics(
  admin: KafkaJS.Admin,
  builder: TopologyBuilder,
  plan: PartitionPlan,
  replicationFactor: number,
): Promise<void> {
  const subs = builder.subtopologies();
  const wanted: Array<{
    topic: string;
    numPartitions: number;
    configEntries: Array<{ name: string; value: string }>;
  }> = [];
  for (const topic of builder.repartitionTopics())
    wanted.push({
      topic,
      numPartitions: plan.topics.get(topic)!,
      configEntries: [
        { name: 'cleanup.policy', value: 'delete' },
        { name: 'retention.ms', value: '-1' },
      ],
    });
  for (const s of subs)
    for (const store of s.stores) {
      const spec = builder.stores.get(store)!;
      const windowed = spec.windowed || builder.isJoinBuffer(store);
      wanted.push({
        topic: builder.changelogTopic(store),
        numPartitions: plan.subtopologies.get(s.id)!,
        configEntries: [{ name: 'cleanup.policy', value: windowed ? 'compact,delete' : 'compact' }],
      });
    }
  const existing = new Set(await admin.listTopics());
  const missing = wanted.filter((w) => !existing.has(w.topic));
  if (missing.length > 0)
    await admin
      .createTopics({
        topics: missing.map((w) => ({ ...w, replicationFactor })),
      })
      .catch((e: unknown) => {
        if (!/already exists/i.test(String((e as Error).message))) throw e;
      });
  const present = wanted.filter((w) => existing.has(w.topic));
  const counts = await partitionCounts(
    admin,
    present.map((w) => w.topic),
  );
  for (const w of present)
    if (counts.get(w.topic) !== w.numPartitions)
      throw new StreamsConfigError(
        `streams: internal topic ${w.topic} has ${counts.get(w.topic)} partitions, the topology needs ${w.numPartitions} (reset the app or recreate the topic)`,
      );
}
