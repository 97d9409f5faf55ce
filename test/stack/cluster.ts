import * as path from 'node:path';
import { host, paths, ports, stateDir } from './config';
import { StackError } from './errors';
import { sharedKafkaNode, type KafkaNodeLayout } from './kafka';
import type { ServiceName } from './process';

/** How many Kafka nodes the stack runs: `--brokers N` or `KGEN_STACK_BROKERS`, default 1. */
export function brokerCount(arg: string | undefined): number {
  const raw = arg ?? process.env['KGEN_STACK_BROKERS'] ?? '1';
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 5) {
    throw new StackError(`the number of brokers must be an integer from 1 to 5, got "${raw}".`);
  }
  return n;
}

/**
 * Node `i` (1-based) of an `n`-node cluster whose first node listens on `port`/`controllerPort`; each
 * further node takes the next two ports (listener, controller) and its own files under `dir`.
 */
export function clusterNode(dir: string, port: number, controllerPort: number, i: number): KafkaNodeLayout {
  const nodeDir = path.join(dir, `node-${i}`);
  return {
    nodeId: i,
    port: port + 2 * (i - 1),
    controllerPort: controllerPort + 2 * (i - 1),
    dataDir: path.join(nodeDir, 'data'),
    propertiesFile: path.join(nodeDir, 'server.properties'),
    log4jFile: path.join(nodeDir, 'log4j2.properties'),
  };
}

/** The shared stack's nodes: node 1 is the single-node stack's layout unchanged, nodes 2.. sit beside it. */
export function stackNodes(count: number): KafkaNodeLayout[] {
  const nodes: KafkaNodeLayout[] = [{ ...sharedKafkaNode, nodeId: 1 }];
  for (let i = 2; i <= count; i++)
    nodes.push(clusterNode(path.join(stateDir, 'cluster'), ports.kafka, ports.kafkaController, i));
  return nodes;
}

/** The pid/log name of a stack node: `kafka` for node 1 (as before), `kafka-<id>` for the others. */
export function nodeService(node: KafkaNodeLayout): ServiceName {
  const id = node.nodeId ?? 1;
  return id === 1 ? 'kafka' : `kafka-${id}`;
}

export function bootstrap(nodes: readonly KafkaNodeLayout[]): string {
  return nodes.map((n) => `${host}:${n.port}`).join(',');
}

/** The recorded node count of the running stack (so `status`/`down` know every node). */
export const brokerCountFile = path.join(paths.pids, 'brokers');
