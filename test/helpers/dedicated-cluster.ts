import { spawnSync } from 'node:child_process';
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
  /** SIGTERM of one node: a controlled shutdown, as in a rolling restart. */
  stop(id: number): Promise<void>;
  running(id: number): boolean;
  /** The node id leading `topic`/`partition`, from a fresh metadata request. */
  leaderOf(topic: string, partition: number): Promise<number>;
  /** Partition → leader and in-sync replicas of `topic`, from a fresh metadata request. */
  partitionsOf(
    topic: string,
  ): Promise<Array<{ partition: number; leader: number; replicas: number[]; isr: number[] }>>;
  /** The active KRaft controller (the metadata quorum's leader), asked with DescribeQuorum. */
  activeController(): number;
  /** Waits until every partition of `topics` has all its replicas in sync. */
  waitInSync(topics: readonly string[], timeoutMs?: number): Promise<void>;
  destroy(): Promise<void>;
}

const quorumLeaderScript = path.join(__dirname, 'quorum-leader.ts');

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
  const liveAddress = (): string => {
    const live = [...procs.values()].find((p) => p.running());
    if (live === undefined) throw new Error('no node of the cluster is running');
    return live.address;
  };
  const partitionsOf = async (topic: string) => {
    const admin = new KafkaJS.Kafka({
      kafkaJS: { brokers: brokers.split(','), logLevel: KafkaJS.logLevel.NOTHING },
    }).admin();
    await admin.connect();
    try {
      const [t] = await admin.fetchTopicMetadata({ topics: [topic] });
      return (t?.partitions ?? []).map((p) => ({
        partition: p.partitionId,
        leader: p.leader,
        replicas: [...p.replicas],
        isr: [...p.isr],
      }));
    } finally {
      await admin.disconnect();
    }
  };

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
    stop: (id) => proc(id).stop(),
    running: (id) => proc(id).running(),
    async leaderOf(topic, partition) {
      const p = (await partitionsOf(topic)).find((x) => x.partition === partition);
      if (p === undefined) throw new Error(`no metadata for ${topic}[${partition}]`);
      return p.leader;
    },
    partitionsOf,
    activeController() {
      const res = spawnSync(process.execPath, ['--import', 'tsx', quorumLeaderScript, liveAddress()], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      const id = Number(res.stdout.trim());
      if (res.status !== 0 || !Number.isInteger(id)) throw new Error(`DescribeQuorum failed: ${res.stderr}`);
      return id;
    },
    async waitInSync(topics, timeoutMs = 120_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const lagging: string[] = [];
        for (const topic of topics)
          for (const p of await partitionsOf(topic).catch(() => []))
            if (p.isr.length < p.replicas.length) lagging.push(`${topic}[${p.partition}]`);
        if (lagging.length === 0) return;
        if (Date.now() > deadline)
          throw new Error(`replicas not in sync after ${timeoutMs} ms: ${lagging.join(', ')}`);
        await new Promise((r) => setTimeout(r, 500));
      }
    },
    async destroy() {
      await Promise.all([...procs.values()].map((p) => p.kill()));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
