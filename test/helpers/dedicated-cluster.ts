import * as fs from 'node:fs';
import * as path from 'node:path';
import { KafkaJS } from '@confluentinc/kafka-javascript';
import { bootstrap, clusterNode } from '../stack/cluster';
import { stateDir } from '../stack/config';
import { findJava } from '../stack/java';
import { formatStorage, newClusterId } from '../stack/kafka';
import { nodeProcess, type NodeProcess } from './kafka-node-process';

/**
 * A private three-node KRaft cluster (combined roles, one quorum, RF 3, min ISR 2) for tests that kill
 * nodes. Node i listens on `port + 2(i-1)`, its controller on the next port; data under
 * `.stack/cluster-<port>/`. The shared stack is never touched.
 */
export interface DedicatedCluster {
  /** Bootstrap list of every node. */
  readonly brokers: string;
  readonly nodeIds: readonly number[];
  /** Formats (first time only) and starts every node that is not running; waits until each answers. */
  start(): Promise<void>;
  startNode(id: number): Promise<void>;
  /** SIGKILL of one node. */
  kill(id: number): Promise<void>;
  running(id: number): boolean;
  /** The node id leading `topic`/`partition`, from a fresh metadata request. */
  leaderOf(topic: string, partition: number): Promise<number>;
  destroy(): Promise<void>;
}

export function dedicatedCluster(port: number, size = 3): DedicatedCluster {
  const dir = path.join(stateDir, `cluster-${port}`);
  const nodes = Array.from({ length: size }, (_, i) => clusterNode(dir, port, port + 1, i + 1));
  const jdk = findJava(21);
  const procs = new Map<number, NodeProcess>(nodes.map((n) => [n.nodeId!, nodeProcess(jdk, n)]));
  const proc = (id: number): NodeProcess => {
    const p = procs.get(id);
    if (p === undefined) throw new Error(`the cluster has no node ${id}`);
    return p;
  };
  const brokers = bootstrap(nodes);
  let formatted = false;

  return {
    brokers,
    nodeIds: nodes.map((n) => n.nodeId!),
    async start() {
      if (!formatted) {
        await Promise.all([...procs.values()].map((p) => p.kill())); // leftovers of an earlier run
        const clusterId = newClusterId();
        for (const node of nodes) formatStorage(jdk, node, { clusterId, cluster: { nodes } });
        formatted = true;
      }
      const idle = [...procs.values()].filter((p) => !p.running());
      for (const p of idle) p.spawn();
      // A node answers metadata only once a quorum elected a controller: start all, then wait for each.
      await Promise.all(idle.map((p) => p.waitReady(120_000)));
    },
    async startNode(id) {
      const p = proc(id);
      if (p.running()) return;
      p.spawn();
      await p.waitReady(120_000);
    },
    kill: (id) => proc(id).kill(),
    running: (id) => proc(id).running(),
    async leaderOf(topic, partition) {
      const admin = new KafkaJS.Kafka({
        kafkaJS: { brokers: brokers.split(','), logLevel: KafkaJS.logLevel.NOTHING },
      }).admin();
      await admin.connect();
      try {
        const [t] = await admin.fetchTopicMetadata({ topics: [topic] });
        const p = t?.partitions.find((x) => x.partitionId === partition);
        if (p === undefined) throw new Error(`no metadata for ${topic}[${partition}]`);
        return p.leader;
      } finally {
        await admin.disconnect();
      }
    },
    async destroy() {
      await Promise.all([...procs.values()].map((p) => p.kill()));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
