import { CopartitioningError, createClient, murmur2Partition, type KgenClient } from 'kgen';
import { stackEnv, uniqueName } from '../../helpers/stack-env';
import { suffixedTopics, topicNames } from '../../unit/streams/fixtures';
import { STAT_SCHEMA, createTopics, prng, readAvro, suffixedClient, waitFor } from './streams-helpers';
import { consumeUntilIdle } from '../../helpers/consume';

const T0 = 1_700_000_000_000;
const WITHIN = 1000;

type Topics = ReturnType<typeof suffixedTopics<'-run'>>;

interface Data {
  customers: Array<{ id: string; name: string; tier: string }>;
  orders: Array<{ id: string; customerId: string; amount: number; t: number }>;
  payments: Array<{ customerId: string; amount: number; t: number }>;
}

function data(): Data {
  const rnd = prng(21);
  // c0..c5 have a customer row; c6, c7 do not (inner joins drop them, left joins give null).
  const customers = Array.from({ length: 6 }, (_, i) => ({
    id: `c${i}`,
    name: `name${i}`,
    tier: i % 2 ? 'gold' : 'basic',
  }));
  const orders = Array.from({ length: 200 }, (_, i) => ({
    id: `o${i}`,
    customerId: `c${Math.floor(rnd() * 8)}`,
    amount: Math.floor(rnd() * 100),
    t: T0 + i * 150,
  }));
  const payments = Array.from({ length: 120 }, (_, i) => ({
    customerId: `c${1 + Math.floor(rnd() * 7)}`,
    amount: Math.floor(rnd() * 100),
    t: T0 + i * 250 + Math.floor(rnd() * 100),
  }));
  return { customers, orders, payments };
}

/** Last value per key of a list of [key, value] in order. */
const lastByKey = (rows: Array<[string, string]>): Record<string, string> => Object.fromEntries(rows);

describe('streams aggregations and joins on a real broker, against plain-loop computations', () => {
  const { brokers, registryUrl } = stackEnv();
  const suffix = uniqueName('-j') as '-run';
  const names = topicNames(suffix);
  let client: KgenClient<Topics>;
  const apps: Array<{ stop(): Promise<void> }> = [];

  beforeAll(async () => {
    client = createClient({
      brokers,
      registry: { url: registryUrl },
      schemas: { autoRegister: true },
      topics: suffixedTopics(suffix),
      logLevel: 'error',
    });
    await createTopics(client.kafka, {
      [names.orders]: 3,
      [names.customers]: 3,
      [names.payments]: 3,
      [names.stats]: 3,
      [names.enriched]: 3,
    });
  });
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.stop()));
  });

  it('grouped count and aggregate (re-keyed through repartition), stream-table and table-table joins', async () => {
    const d = data();
    const app = client.streams({ applicationId: uniqueName('kgen-joins'), batch: { maxRecords: 50 } });
    apps.push(app);
    const orders = app.stream(names.orders);
    const byCustomer = orders.groupBy((o) => o.value.customerId, { name: 'by-customer' });
    byCustomer
      .count({ name: 'counts' })
      .toStream()
      .to(names.stats, (r) => ({ key: `count|${r.key}`, value: { count: r.value, total: 0 } }));
    const totals = byCustomer.aggregate(
      () => ({ count: 0, total: 0 }),
      (acc, o) => ({ count: acc.count + 1, total: acc.total + o.value.amount }),
      { name: 'totals' },
    );
    totals.toStream().to(names.stats, (r) => ({ key: `agg|${r.key}`, value: r.value }));

    const customers = app.table(names.customers);
    const payments = app.table(names.payments);
    const rekeyed = orders.map((o) => ({
      key: o.value.customerId,
      value: { orderId: o.key, amount: o.value.amount },
    }));
    rekeyed
      .join(customers, (o, c) => `${c.name}:${o.amount}`)
      .to(names.enriched, (r) => ({ key: `inner|${r.key}|${r.value}`, value: r.value }));
    rekeyed
      .leftJoin(customers, (o, c) => `${o.orderId}:${c?.name ?? 'none'}:${o.amount}`)
      .to(names.enriched, (r) => ({ key: `left|${r.value.split(':')[0]}`, value: r.value }));
    customers
      .join(payments, (c, p) => `${c.name}:${p.amount}`)
      .toStream()
      .to(names.enriched, (r) => ({ key: `tt-inner|${r.key}`, value: r.value }));
    customers
      .outerJoin(payments, (c, p) => `${c?.name ?? 'none'}:${p?.amount ?? 'none'}`)
      .toStream()
      .to(names.enriched, (r) => ({ key: `tt-outer|${r.key}`, value: r.value }));
    await app.start();

    const producer = await client.producer();
    for (const c of d.customers)
      await producer.send(names.customers, {
        key: c.id,
        value: { name: c.name, tier: c.tier },
        timestamp: T0,
      });
    // The table is loaded before any order arrives, so each order sees every customer (interactive query).
    const customerStore = app.store(customers);
    await waitFor('customers table loaded', () => customerStore.size() === d.customers.length);
    expect(customerStore.get('c3')).toEqual({ name: 'name3', tier: 'gold' });
    for (const o of d.orders)
      await producer.send(names.orders, {
        key: o.id,
        value: { customerId: o.customerId, amount: o.amount },
        timestamp: o.t,
      });
    for (const p of d.payments)
      await producer.send(names.payments, {
        key: p.customerId,
        value: { customerId: p.customerId, amount: p.amount },
        timestamp: p.t,
      });
    await producer.disconnect();

    // Independent computation.
    const names_ = new Map(d.customers.map((c) => [c.id, c.name]));
    const count = new Map<string, number>();
    const total = new Map<string, number>();
    for (const o of d.orders) {
      count.set(o.customerId, (count.get(o.customerId) ?? 0) + 1);
      total.set(o.customerId, (total.get(o.customerId) ?? 0) + o.amount);
    }
    const countUpdates = [...count]
      .flatMap(([k, n]) => Array.from({ length: n }, (_, i) => `count|${k}=${i + 1}`))
      .sort();
    const aggFinal = Object.fromEntries([...count].map(([k, n]) => [`agg|${k}`, `${n}/${total.get(k)}`]));
    const inner = d.orders
      .filter((o) => names_.has(o.customerId))
      .map((o) => `inner|${o.customerId}|${names_.get(o.customerId)}:${o.amount}`)
      .sort();
    const left = Object.fromEntries(
      d.orders.map((o) => [`left|${o.id}`, `${o.id}:${names_.get(o.customerId) ?? 'none'}:${o.amount}`]),
    );
    const lastPayment = new Map<string, number>();
    for (const p of d.payments) lastPayment.set(p.customerId, p.amount);
    const ttInner: Record<string, string> = {};
    const ttOuter: Record<string, string> = {};
    for (const k of new Set([...names_.keys(), ...lastPayment.keys()])) {
      const [c, p] = [names_.get(k), lastPayment.get(k)];
      if (c !== undefined && p !== undefined) ttInner[`tt-inner|${k}`] = `${c}:${p}`;
      ttOuter[`tt-outer|${k}`] = `${c ?? 'none'}:${p ?? 'none'}`;
    }

    const stats = await readAvro<{ count: number; total: number }>(
      client.kafka,
      names.stats,
      STAT_SCHEMA,
      countUpdates.length + d.orders.length,
    );
    expect(
      stats
        .filter((s) => s.key.startsWith('count|'))
        .map((s) => `${s.key}=${s.value.count}`)
        .sort(),
    ).toEqual(countUpdates);
    const aggRows = stats.filter((s) => s.key.startsWith('agg|'));
    expect(aggRows).toHaveLength(d.orders.length);
    // Per key, updates of one partition arrive in order: the last one is the final aggregate.
    expect(lastByKey(aggRows.map((s) => [s.key, `${s.value.count}/${s.value.total}`]))).toEqual(aggFinal);
    expect(app.store(totals).get('c1')).toEqual({ count: count.get('c1'), total: total.get('c1') });

    const enriched = await consumeUntilIdle(client.kafka, {
      topic: names.enriched,
      isolation: 'read_committed',
      expectAtLeast: inner.length + d.orders.length,
    });
    const rows = enriched.map((m): [string, string] => [m.key!.toString(), m.value!.toString()]);
    expect(
      rows
        .filter(([k]) => k.startsWith('inner|'))
        .map(([k]) => k)
        .sort(),
    ).toEqual(inner);
    const leftRows = rows.filter(([k]) => k.startsWith('left|'));
    expect(leftRows).toHaveLength(d.orders.length);
    expect(lastByKey(leftRows)).toEqual(left);
    expect(lastByKey(rows.filter(([k]) => k.startsWith('tt-inner|')))).toEqual(ttInner);
    expect(lastByKey(rows.filter(([k]) => k.startsWith('tt-outer|')))).toEqual(ttOuter);
  });

  it('windowed stream-stream joins (inner, left, outer) give exactly the pairs and unmatched records of a plain loop', async () => {
    const d = data();
    // Topics of its own, so this test does not depend on the others.
    const { names, client } = await suffixedClient('ss');
    await createTopics(client.kafka, { [names.payments]: 3, [names.enriched]: 3 });
    const input = await client.producer();
    for (const o of d.orders)
      await input.send(names.orders, {
        key: o.id,
        value: { customerId: o.customerId, amount: o.amount },
        timestamp: o.t,
      });
    for (const p of d.payments)
      await input.send(names.payments, {
        key: p.customerId,
        value: { customerId: p.customerId, amount: p.amount },
        timestamp: p.t,
      });
    await input.disconnect();
    const app = client.streams({ applicationId: uniqueName('kgen-ssjoin'), batch: { maxRecords: 50 } });
    apps.push(app);
    const orders = app
      .stream(names.orders)
      .map((o) => ({ key: o.value.customerId, value: `${o.key}@${o.timestamp}` }));
    const payments = app.stream(names.payments).mapValues((p) => `p${p.value.amount}@${p.timestamp}`);
    const window = { within: WITHIN, grace: '1h' } as const;
    orders
      .join(payments, (o, p) => `inner|${o}|${p}`, { ...window, name: 'ss-inner' })
      .to(names.enriched, (r) => ({ key: r.key, value: r.value }));
    orders
      .leftJoin(payments, (o, p) => `left|${o}|${p ?? 'null'}`, { ...window, name: 'ss-left' })
      .to(names.enriched, (r) => ({ key: r.key, value: r.value }));
    orders
      .outerJoin(payments, (o, p) => `outer|${o ?? 'null'}|${p ?? 'null'}`, { ...window, name: 'ss-outer' })
      .to(names.enriched, (r) => ({ key: r.key, value: r.value }));
    await app.start();
    // Every record is in; stream time is far behind the grace period, so nothing closed and nothing is late.
    // Each join re-keys the orders through its own repartition topic: 1 + 3 reads per order.
    await waitFor(
      'input processed',
      () => app.metrics().recordsProcessed === 4 * d.orders.length + d.payments.length,
      60_000,
      () => JSON.stringify(app.metrics()),
    );
    // One flush per partition, far in the future, on both sides: closes every join window.
    const flushKeys: string[] = [];
    for (let i = 0; flushKeys.length < 3; i++) {
      const k = `zz${i}`;
      if (!flushKeys.some((f) => murmur2Partition(Buffer.from(f), 3) === murmur2Partition(Buffer.from(k), 3)))
        flushKeys.push(k);
    }
    const flushT = T0 + 3 * 3_600_000;
    const producer = await client.producer();
    for (const k of flushKeys) {
      await producer.send(names.orders, {
        key: `f-${k}`,
        value: { customerId: k, amount: 0 },
        timestamp: flushT,
      });
      await producer.send(names.payments, { key: k, value: { customerId: k, amount: 0 }, timestamp: flushT });
    }
    await producer.disconnect();

    const os = [
      ...d.orders.map((o) => ({ key: o.customerId, v: `${o.id}@${o.t}`, t: o.t })),
      ...flushKeys.map((k) => ({ key: k, v: `f-${k}@${flushT}`, t: flushT })),
    ];
    const ps = [
      ...d.payments.map((p) => ({ key: p.customerId, v: `p${p.amount}@${p.t}`, t: p.t })),
      ...flushKeys.map((k) => ({ key: k, v: `p0@${flushT}`, t: flushT })),
    ];
    const pairs: string[] = [];
    const matchedO = new Set<number>();
    const matchedP = new Set<number>();
    os.forEach((o, i) =>
      ps.forEach((p, j) => {
        if (o.key !== p.key || Math.abs(o.t - p.t) > WITHIN) return;
        pairs.push(`${o.v}|${p.v}`);
        matchedO.add(i);
        matchedP.add(j);
      }),
    );
    // The flush records' own windows stay open: they are never emitted unmatched (they match each other).
    const unmatchedO = os.filter((_, i) => !matchedO.has(i)).map((o) => `${o.v}|null`);
    const unmatchedP = ps.filter((_, j) => !matchedP.has(j)).map((p) => `null|${p.v}`);
    const want = [
      ...pairs.map((p) => `inner|${p}`),
      ...pairs.map((p) => `left|${p}`),
      ...unmatchedO.map((p) => `left|${p}`),
      ...pairs.map((p) => `outer|${p}`),
      ...unmatchedO.map((p) => `outer|${p}`),
      ...unmatchedP.map((p) => `outer|${p}`),
    ].sort();
    expect(unmatchedO.length).toBeGreaterThan(0);
    expect(unmatchedP.length).toBeGreaterThan(0);

    const got = await consumeUntilIdle(client.kafka, {
      topic: names.enriched,
      isolation: 'read_committed',
      expectAtLeast: 1,
      idleMs: 4000,
    });
    expect(got.map((m) => m.value!.toString()).sort()).toEqual(want);
  });

  it('a stream-table join over topics with different partition counts fails at start, naming both', async () => {
    const s2 = uniqueName('-cp') as '-run';
    const n2 = topicNames(s2);
    const c2 = createClient({
      brokers,
      registry: { url: registryUrl },
      topics: suffixedTopics(s2),
      logLevel: 'error',
    });
    await createTopics(c2.kafka, { [n2.orders]: 3, [n2.customers]: 2 });
    const app = c2.streams({ applicationId: uniqueName('kgen-copart') });
    app
      .stream(n2.orders)
      .join(app.table(n2.customers), (o, c) => `${c.name}:${o.amount}`)
      .to(n2.enriched, (r) => ({ key: r.key, value: r.value }));
    const err = await app.start().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CopartitioningError);
    expect((err as CopartitioningError).partitions).toEqual({ [n2.orders]: 3, [n2.customers]: 2 });
    expect((err as Error).message).toContain(`${n2.orders} (3 partitions)`);
    await app.stop();
  });
});
