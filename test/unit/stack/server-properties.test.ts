import { brokerCount, clusterNode } from '../../stack/cluster';
import { serverProperties, sharedKafkaNode } from '../../stack/kafka';

const props = (text: string): Record<string, string> =>
  Object.fromEntries(
    text
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );

describe('Kafka server.properties of the stack', () => {
  it('single node: node 1 votes alone, internal topics and defaults at replication 1', () => {
    const p = props(serverProperties(sharedKafkaNode));
    expect(p).toMatchObject({
      'node.id': '1',
      'controller.quorum.voters': `1@127.0.0.1:${sharedKafkaNode.controllerPort}`,
      'default.replication.factor': '1',
      'min.insync.replicas': '1',
      'transaction.state.log.min.isr': '1',
      'offsets.topic.replication.factor': '1',
    });
  });

  it('three nodes: own node.id and ports, one shared quorum, replication 3 and min ISR 2', () => {
    const nodes = [1, 2, 3].map((i) => clusterNode('/tmp/c', 29600, 29601, i));
    const each = nodes.map((n) => props(serverProperties(n, { nodes })));
    expect(each.map((p) => p['node.id'])).toEqual(['1', '2', '3']);
    expect(each.map((p) => p['listeners'])).toEqual([
      'PLAINTEXT://127.0.0.1:29600,CONTROLLER://127.0.0.1:29601',
      'PLAINTEXT://127.0.0.1:29602,CONTROLLER://127.0.0.1:29603',
      'PLAINTEXT://127.0.0.1:29604,CONTROLLER://127.0.0.1:29605',
    ]);
    expect(new Set(each.map((p) => p['log.dirs'])).size).toBe(3);
    for (const p of each) {
      expect(p).toMatchObject({
        'controller.quorum.voters': '1@127.0.0.1:29601,2@127.0.0.1:29603,3@127.0.0.1:29605',
        'default.replication.factor': '3',
        'min.insync.replicas': '2',
        'offsets.topic.replication.factor': '3',
        'transaction.state.log.replication.factor': '3',
        'transaction.state.log.min.isr': '2',
      });
    }
  });

  it('broker count: --brokers wins over KGEN_STACK_BROKERS, default 1, nonsense is a typed error', () => {
    const saved = process.env['KGEN_STACK_BROKERS'];
    try {
      delete process.env['KGEN_STACK_BROKERS'];
      expect(brokerCount(undefined)).toBe(1);
      process.env['KGEN_STACK_BROKERS'] = '3';
      expect(brokerCount(undefined)).toBe(3);
      expect(brokerCount('1')).toBe(1);
      expect(() => brokerCount('three')).toThrow(
        'the number of brokers must be an integer from 1 to 5, got "three"',
      );
    } finally {
      if (saved === undefined) delete process.env['KGEN_STACK_BROKERS'];
      else process.env['KGEN_STACK_BROKERS'] = saved;
    }
  });
});
