import { createClient, defineTopics, isKgenError, stringSerde } from 'kgen';
import { BrokerError } from '../../../src/kafka/broker-error';
import { dedicatedCluster } from '../../helpers/dedicated-cluster';
import { stackEnv, uniqueName } from '../../helpers/stack-env';
import { createTopics, kafkaFor, sleep } from '../delivery/support';
import { countKeys, report } from './support';

jest.setTimeout(600_000);

// The issue asks for 200 000 records; 60 000 keep this file near two minutes on a shared 2-core machine.
// KGEN_CLUSTER_RECORDS=200000 runs the number.
const RECORDS = Number(process.env['KGEN_CLUSTER_RECORDS'] ?? 60_000);
const BATCH = 1000;

describe('cluster: three KRaft nodes (RF 3, min ISR 2), nodes SIGKILLed under load', () => {
  // A private cluster on 29600-29605: killing nodes of the shared stack would break everyone else's tests.
  const cluster = dedicatedCluster(Number(process.env['KGEN_CLUSTER_PORT'] ?? 29600));
  beforeAll(() => cluster.start(), 240_000);
  afterAll(() => cluster.destroy());

  const clientFor = (topic: string) =>
    createClient({
      brokers: cluster.brokers.split(','),
      registry: { url: stackEnv().registryUrl },
      topics: defineTopics({ [topic]: { key: stringSerde, value: stringSerde } }),
      logLevel: 'nothing',
    });

  it(`idempotent typed produce of ${RECORDS} records, partition leader SIGKILLed and restarted: 0 lost, 0 duplicated`, async () => {
    const kafka = kafkaFor(cluster.brokers);
    const topic = uniqueName('cl-leader-kill');
    // One partition: the killed node leads every record being written.
    await createTopics(kafka, [topic], 1);
    const producer = await clientFor(topic).producer({ topics: [topic] });

    let acked = 0;
    let killedAt = 0;
    let killed: number | undefined;
    let recoveredMs: number | undefined;
    let restarted: Promise<void> | undefined;
    const t0 = Date.now();
    for (let i = 0; i < RECORDS; i += BATCH) {
      const sends: Promise<unknown>[] = [];
      for (let j = i; j < Math.min(RECORDS, i + BATCH); j++)
        sends.push(producer.send(topic, { key: String(j), value: String(j) }));
      await Promise.all(sends);
      acked += sends.length;
      if (killed !== undefined && recoveredMs === undefined) recoveredMs = Date.now() - killedAt;
      if (killed === undefined && acked >= RECORDS * 0.3) {
        killed = await cluster.leaderOf(topic, 0);
        killedAt = Date.now();
        await cluster.kill(killed);
        const node = killed;
        restarted = sleep(5000).then(() => cluster.startNode(node));
      }
    }
    await restarted;
    await producer.disconnect();
    expect(killed).toBeDefined();
    expect(acked).toBe(RECORDS);
    const counted = await countKeys(kafka, topic, RECORDS);
    report('leader SIGKILL during idempotent produce', {
      records: RECORDS,
      killedNode: killed,
      ...counted,
      firstAckAfterKillMs: recoveredMs,
      totalMs: Date.now() - t0,
    });
    expect(counted).toEqual({ read: RECORDS, lost: 0, duplicated: 0, repeatedAfterRetry: 0 });
  });

  it('two of three nodes down: acks=all send fails typed and retriable naming topic and partition, resumes when one returns', async () => {
    const kafka = kafkaFor(cluster.brokers);
    const topic = uniqueName('cl-two-down');
    await createTopics(kafka, [topic], 1);
    const messageTimeoutMs = 15_000;
    const producer = await clientFor(topic).producer({
      topics: [topic],
      config: { 'message.timeout.ms': messageTimeoutMs, 'request.timeout.ms': 5_000 },
    });
    await producer.send(topic, { key: 'warm-up', value: 'warm-up' });

    const leader = await cluster.leaderOf(topic, 0);
    const others = cluster.nodeIds.filter((id) => id !== leader);
    await Promise.all(others.map((id) => cluster.kill(id)));

    // With two of three voters gone the quorum cannot shrink the ISR (NOT_ENOUGH_REPLICAS needs that): the
    // leader waits for followers that never answer, and the send fails when message.timeout.ms runs out.
    const sentAt = Date.now();
    const failure = await producer.send(topic, { key: 'during-outage', value: 'x' }).then(
      () => undefined,
      (err: unknown) => err,
    );
    const failedAfterMs = Date.now() - sentAt;
    expect(isKgenError(failure)).toBe(true);
    expect(failure).toBeInstanceOf(BrokerError);
    const err = failure as BrokerError;
    report('two of three nodes down: the failed send', {
      error: err.message,
      brokerCode: err.brokerCode,
      retriable: err.retriable,
      messageTimeoutMs,
      failedAfterMs,
    });
    expect({
      operation: err.operation,
      topic: err.topic,
      partition: err.partition,
      retriable: err.retriable,
    }).toEqual({ operation: 'send', topic, partition: 0, retriable: true });
    expect(err.message).toContain(topic);

    const returning = others[0]!;
    const t1 = Date.now();
    await cluster.startNode(returning);
    const records = 100;
    // What a caller does with a retriable BrokerError: send again. Until the leader drops the still-dead node
    // from the ISR (replica.lag.time.max.ms, 30 s by default), acks=all sends keep timing out.
    const retried = new Set<string>();
    for (let i = 0; i < records; i++) {
      for (;;) {
        const err2 = await producer.send(topic, { key: String(i), value: String(i) }).then(
          () => undefined,
          (e: unknown) => e,
        );
        if (err2 === undefined) break;
        if (!(err2 instanceof BrokerError) || !err2.retriable || Date.now() - t1 > 180_000) throw err2;
        retried.add(String(i));
      }
    }
    const resumedAfterMs = Date.now() - t1;
    // flush() (and so disconnect()) reports the first failed send again; each was awaited and seen above.
    await producer.flush().catch(() => undefined);
    await producer.disconnect();
    await cluster.start(); // the third node back for later tests

    // A record sent again after a timeout may have been written by the first attempt too (a new send is a new
    // record to the idempotent producer): those may appear twice, and are reported.
    // 'during-outage' may or may not have been written (its fate is unknown to the producer): not counted.
    const counted = await countKeys(kafka, topic, records, ['warm-up', 'during-outage'], retried);
    report('two of three nodes down: sending after one node returned', {
      resumedAfterMs,
      retriedSends: retried.size,
      ...counted,
    });
    expect({ lost: counted.lost, duplicated: counted.duplicated }).toEqual({ lost: 0, duplicated: 0 });
  });
});
