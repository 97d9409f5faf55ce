/**
 * Prints the node id of the active KRaft controller: the leader of the `__cluster_metadata` quorum, asked with
 * Kafka's DescribeQuorum request through the broker given as argv[2] (`host:port`). The Metadata response's
 * controller id is no answer in KRaft (brokers report a random live broker there). Runs as its own process
 * (`node --import tsx`): @platformatic/kafka, which speaks DescribeQuorum, is an ES module jest cannot load.
 */
import '../../bench/support/promise-with-resolvers';

async function main(): Promise<void> {
  const { Connection, describeQuorumV0 } = await import('@platformatic/kafka');
  const [host, port] = (process.argv[2] ?? '').split(':');
  const connection = new Connection('kgen-test-quorum');
  await connection.connect(host!, Number(port));
  try {
    const res = await describeQuorumV0.api.async(connection, [
      { topicName: '__cluster_metadata', partitions: [{ partitionIndex: 0 }] },
    ]);
    const leader = res.topics[0]?.partitions[0]?.leaderId;
    if (leader === undefined || leader < 0) throw new Error(`no quorum leader in ${JSON.stringify(res)}`);
    process.stdout.write(`${leader}\n`);
  } finally {
    await connection.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
