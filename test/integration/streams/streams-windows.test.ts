import type { KafkaJS } from '@confluentinc/kafka-javascript';
import {
  createClient,
  hopping,
  session,
  sliding,
  StreamsTestDriver,
  tumbling,
  type KgenClient,
  type StreamsApp,
  type TopicMap,
} from 'kgen';
import { stackEnv, uniqueName } from '../../helpers/stack-env';
import { alterTopicConfig } from '../../helpers/topic-config';
import {
  suffixedTopics,
  topicNames,
  unitClient,
  type Order,
  type WindowStat,
} from '../../unit/streams/fixtures';
import { prng, readAvro, waitFor } from './streams-helpers';
import { fixedModel, sessionModel, slidingModel, type In, type WindowResult } from './window-model';

/** Every run gets its own topics, typed as the `-run` suffix (the names differ only at run time). */
function runTopics() {
  const suffix = uniqueName('-w') as '-run';
  return { names: topicNames(suffix), topics: suffixedTopics(suffix) };
}
const WINDOW_STAT = JSON.stringify({
  type: 'record',
  name: 'WindowStat',
  namespace: 'acme',
  fields: [
    { name: 'customerId', type: 'string' },
    { name: 'start', type: 'long' },
    { name: 'count', type: 'long' },
    { name: 'total', type: 'double' },
  ],
});

const T0 = 1_700_000_000_000;
const NO_TIME_RETENTION = { name: 'retention.ms', value: '-1' };
const TUMBLING = { size: 2000, grace: 500 };
const HOPPING = { size: 2000, advance: 500, grace: 500 };
const SESSION = { gap: 700, grace: 300 };
const SLIDING = { size: 1000, grace: 500 };

/** 240 orders of 5 customers, mostly in time order, some out of order within grace and some far too late. */
function input(): Array<{ id: string; customerId: string; amount: number; t: number }> {
  const rnd = prng(13);
  const out: Array<{ id: string; customerId: string; amount: number; t: number }> = [];
  let clock = T0;
  for (let i = 0; i < 240; i++) {
    clock += Math.floor(rnd() * 400);
    const r = rnd();
    const t =
      r < 0.1
        ? clock - 300 - Math.floor(rnd() * 400)
        : r < 0.15
          ? clock - 3000 - Math.floor(rnd() * 3000)
          : clock;
    out.push({ id: `o${i}`, customerId: `c${Math.floor(rnd() * 5)}`, amount: Math.floor(rnd() * 100), t });
  }
  // Far in the future: closes every window of the input.
  out.push({ id: 'flush', customerId: 'zz', amount: 0, t: clock + 60_000 });
  return out;
}

type Names = ReturnType<typeof topicNames<'-run'>>;

/** One topology, used on the broker and in the test driver: four windowed aggregates, final results. */
function defineTopology<T extends TopicMap>(app: StreamsApp<T>, n: { orders: string; out: string }): void {
  // The test topic maps are typed per suffix; erase to the shape both share here.
  const a = app as unknown as StreamsApp<ReturnType<typeof suffixedTopics<'-run'>>>;
  const nm = n as unknown as { orders: Names['orders']; out: Names['window-stats'] };
  const grouped = a.stream(nm.orders).groupBy((o) => o.value.customerId, { name: 'by-customer' });
  const init = (): { count: number; total: number } => ({ count: 0, total: 0 });
  const add = (acc: { count: number; total: number }, o: { value: Order }) => ({
    count: acc.count + 1,
    total: acc.total + o.value.amount,
  });
  const sink =
    (kind: string) =>
    (w: { key: { key: string; start: number; end: number }; value: { count: number; total: number } }) => ({
      key: `${kind}|${w.key.key}|${w.key.start}|${w.key.end}`,
      value: {
        customerId: w.key.key,
        start: w.key.start,
        count: w.value.count,
        total: w.value.total,
      } satisfies WindowStat,
    });
  grouped
    .windowedBy(tumbling(TUMBLING))
    .aggregate(init, add, { name: 'tumbling' })
    .toStream({ emit: 'final' })
    .to(nm.out, sink('tumbling'));
  grouped
    .windowedBy(hopping(HOPPING))
    .aggregate(init, add, { name: 'hopping' })
    .toStream({ emit: 'final' })
    .to(nm.out, sink('hopping'));
  grouped
    .windowedBy(session(SESSION))
    .aggregate(init, add, (x, y) => ({ count: x.count + y.count, total: x.total + y.total }), {
      name: 'session',
    })
    .toStream({ emit: 'final' })
    .to(nm.out, sink('session'));
  grouped
    .windowedBy(sliding(SLIDING))
    .aggregate(init, add, { name: 'sliding' })
    .toStream({ emit: 'final' })
    .to(nm.out, sink('sliding'));
}

function expected(records: ReturnType<typeof input>): { rows: string[]; late: number } {
  const ins: In[] = records.map((r) => ({ key: r.customerId, amount: r.amount, t: r.t }));
  const kinds: Array<[string, { finals: WindowResult[]; late: number }]> = [
    ['tumbling', fixedModel(ins, TUMBLING.size, TUMBLING.size, TUMBLING.grace)],
    ['hopping', fixedModel(ins, HOPPING.size, HOPPING.advance, HOPPING.grace)],
    ['session', sessionModel(ins, SESSION.gap, SESSION.grace)],
    ['sliding', slidingModel(ins, SLIDING.size, SLIDING.grace)],
  ];
  return {
    rows: kinds
      .flatMap(([kind, m]) =>
        m.finals.map((w) => `${kind}|${w.key}|${w.start}|${w.end} ${w.count} ${w.total}`),
      )
      .sort(),
    late: kinds.reduce((n, [, m]) => n + m.late, 0),
  };
}

describe('streams windows on a real broker (tumbling, hopping, session, sliding; out-of-order and late records)', () => {
  const { brokers, registryUrl } = stackEnv();
  const apps: Array<StreamsApp<ReturnType<typeof suffixedTopics<'-run'>>>> = [];

  afterAll(async () => {
    await Promise.all(apps.map((a) => a.stop()));
  });

  /**
   * Starts the topology on fresh topics and produces the input; `outputConfig` configures the output topic.
   * Returns the app and the names of its topics.
   */
  async function startRun(
    records: ReturnType<typeof input>,
    outputConfig: Array<{ name: string; value: string }> = [],
  ) {
    const { names, topics } = runTopics();
    const client: KgenClient<typeof topics> = createClient({
      brokers,
      registry: { url: registryUrl },
      schemas: { autoRegister: true },
      topics,
      logLevel: 'error',
    });
    const admin = client.kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({
        // Event times of 2023: without retention.ms -1 the broker's retention check would delete the records.
        topics: [
          { topic: names.orders, numPartitions: 1, replicationFactor: 1, configEntries: [NO_TIME_RETENTION] },
          {
            topic: names['window-stats'],
            numPartitions: 1,
            replicationFactor: 1,
            configEntries: [NO_TIME_RETENTION, ...outputConfig],
          },
        ],
      });
    } finally {
      await admin.disconnect();
    }
    const app = client.streams({ applicationId: uniqueName('kgen-windows'), batch: { maxRecords: 50 } });
    apps.push(app);
    defineTopology(app, { orders: names.orders, out: names['window-stats'] });
    await app.start();
    const producer = await client.producer();
    for (const r of records)
      await producer.send(names.orders, {
        key: r.id,
        value: { customerId: r.customerId, amount: r.amount },
        timestamp: r.t,
      });
    await producer.disconnect();
    return { app, client, names };
  }

  async function outputRows(
    client: { kafka: KafkaJS.Kafka },
    topic: string,
    expected: number,
  ): Promise<string[]> {
    const got = await readAvro<WindowStat>(client.kafka, topic, WINDOW_STAT, expected);
    return got.map((m) => `${m.key} ${m.value.count} ${m.value.total}`).sort();
  }

  it('emits exactly the final windows an independent computation gives, and the test driver agrees', async () => {
    const records = input();
    const want = expected(records);
    expect(want.late).toBeGreaterThan(0);

    const { app, client, names } = await startRun(records);
    const rows = await outputRows(client, names['window-stats'], want.rows.length);
    // On a mismatch, the counters say whether transactions aborted on the way (a replay bug) or not.
    expect({ rows, aborts: rows.length === want.rows.length ? 0 : app.metrics().aborts }).toEqual({
      rows: want.rows,
      aborts: 0,
    });
    await waitFor('all records processed', () => app.metrics().recordsProcessed >= 2 * records.length);
    expect(app.metrics().lateRecordsDropped).toBe(want.late);

    // The same input through the test driver (no broker, real codecs) gives the same output.
    const unit = unitClient();
    const dApp = unit.streams({ applicationId: 'driver-windows' });
    defineTopology(dApp, { orders: 'orders', out: 'window-stats' });
    const driver = await StreamsTestDriver.create(dApp);
    await driver.pipe(
      'orders',
      records.map((r) => ({
        key: r.id,
        value: { customerId: r.customerId, amount: r.amount },
        timestamp: r.t,
      })),
    );
    const driven = (await driver.readOutput('window-stats'))
      .map((m) => `${m.key} ${m.value.count} ${m.value.total}`)
      .sort();
    expect(driven).toEqual(rows);
  });

  it('replays aborted transactions exactly: an output topic that refuses writes for a while changes nothing', async () => {
    const records = input();
    const want = expected(records);
    // Every batch of window results (61 bytes of batch header, 68 or more of record) is larger than this, so
    // each transaction that emits one aborts and the app rewinds and replays its input, with later records
    // already fetched, until the limit is raised. The abort markers (78 bytes) still fit.
    const { app, client, names } = await startRun(records, [{ name: 'max.message.bytes', value: '100' }]);
    await waitFor(
      'transactions aborted',
      () => app.metrics().aborts >= 3,
      60_000,
      () => JSON.stringify(app.metrics()),
    );
    alterTopicConfig(brokers, names['window-stats'], { 'max.message.bytes': '1048576' });
    const rows = await outputRows(client, names['window-stats'], want.rows.length);
    expect(rows).toEqual(want.rows);
    expect(app.metrics().commits).toBeGreaterThan(0);
  });
});
