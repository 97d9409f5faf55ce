import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Kafka as PlainKafka, logLevel, type Admin, type Consumer } from 'kafkajs';
import {
  runStreamsReset,
  type StreamsResetArgs,
  type StreamsResetRunOptions,
} from '../../../codegen/cli/streams-reset';
import { runInProcess, type CommandRun } from '../../helpers/command-run';
import { stackEnv, uniqueName } from '../../helpers/stack-env';

jest.setTimeout(120_000);

/*
 * `kgen streams reset` on the real broker; every check reads the cluster through KafkaJS (tulios), an
 * independent client, never through kgen's own admin.
 */
const { brokers } = stackEnv();
const plain = new PlainKafka({
  brokers: brokers.split(','),
  clientId: 'reset-check',
  logLevel: logLevel.NOTHING,
});

/**
 * A fresh KafkaJS admin per check: one admin remembers every topic it saw and fails its metadata refresh
 * once one of them is deleted (which this test does).
 */
async function withAdmin<T>(use: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = plain.admin();
  await admin.connect();
  try {
    return await use(admin);
  } finally {
    await admin.disconnect();
  }
}

function reset(
  args: Omit<StreamsResetArgs, 'brokers'>,
  options: StreamsResetRunOptions = { tty: false },
): Promise<CommandRun> {
  return runInProcess((io) => runStreamsReset({ brokers, ...args }, io, options));
}

const topicsNow = (): Promise<Set<string>> => withAdmin(async (a) => new Set(await a.listTopics()));

/** Committed offsets (>= 0) of `groupId` on `topic`, as KafkaJS reads them. */
async function committed(groupId: string, topic: string): Promise<Record<number, string>> {
  const [t] = await withAdmin((a) => a.fetchOffsets({ groupId, topics: [topic] }));
  return Object.fromEntries(
    (t?.partitions ?? []).filter((p) => Number(p.offset) >= 0).map((p) => [p.partition, p.offset]),
  );
}

/** Topic deletion completes in the background: wait until none of `topics` is listed. */
async function untilGone(topics: readonly string[]): Promise<Set<string>> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const now = await topicsNow();
    if (topics.every((t) => !now.has(t)) || Date.now() > deadline) return now;
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function createTopics(specs: ReadonlyArray<[string, number]>): Promise<void> {
  await withAdmin((a) =>
    a.createTopics({
      topics: specs.map(([topic, numPartitions]) => ({ topic, numPartitions, replicationFactor: 1 })),
      waitForLeaders: true,
    }),
  );
}

describe('kgen streams reset on the real stack', () => {
  const app = uniqueName('reset-app');
  const changelog = `${app}-counts-changelog`;
  const repartition = `${app}-by-customer-repartition`;
  const input = `${app}-input`; // not internal: it must survive
  const otherApp = `${app}-other`; // an application whose id extends this one
  const otherChangelog = `${otherApp}-store-changelog`;
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgen-reset-state-'));

  beforeAll(async () => {
    await createTopics([
      [changelog, 2],
      [repartition, 1],
      [input, 1],
      [otherChangelog, 1],
    ]);
    const producer = plain.producer();
    await producer.connect();
    await producer.send({
      topic: input,
      messages: Array.from({ length: 5 }, (_, i) => ({ value: `v${i}` })),
    });
    await producer.send({ topic: repartition, messages: [{ value: 'r' }, { value: 'r' }] });
    await producer.disconnect();
    // Offsets as the application's group would have committed them (input and repartition topics).
    await withAdmin(async (a) => {
      await a.setOffsets({ groupId: app, topic: input, partitions: [{ partition: 0, offset: '3' }] });
      await a.setOffsets({ groupId: app, topic: repartition, partitions: [{ partition: 0, offset: '2' }] });
      await a.setOffsets({ groupId: otherApp, topic: input, partitions: [{ partition: 0, offset: '1' }] });
    });
    fs.mkdirSync(path.join(stateDir, app, 'counts', '0'), { recursive: true });
    fs.writeFileSync(path.join(stateDir, app, 'counts', '0', 'data.mdb'), 'x');
    fs.mkdirSync(path.join(stateDir, otherApp), { recursive: true });
  });
  afterAll(() => fs.rmSync(stateDir, { recursive: true, force: true }));

  it('without --yes and without a terminal: refuses (exit 2) after listing the plan, deletes nothing', async () => {
    const { code, out, err } = await reset({ applicationId: app, stateDir });
    expect(code).toBe(2);
    expect(err).toContain('[CONFIRMATION_REQUIRED]');
    for (const t of [changelog, repartition]) expect(out).toContain(t);
    expect(out).toContain(`${input}[0] = 3`);
    expect(out).toContain(`${repartition}[0] = 2`);
    expect(out).toContain(`${otherChangelog} (application "${otherApp}")`);
    expect(out).not.toMatch(new RegExp(`^    ${input}$`, 'm'));
    const now = await topicsNow();
    expect([changelog, repartition].every((t) => now.has(t))).toBe(true);
    expect(await committed(app, input)).toEqual({ 0: '3' });
  });

  it('declined at the terminal prompt: exit 1, nothing deleted', async () => {
    const questions: string[] = [];
    const { code } = await reset(
      { applicationId: app, stateDir },
      { tty: true, confirm: async (q) => (questions.push(q), false) },
    );
    expect(code).toBe(1);
    expect(questions).toEqual([`Delete all of this for "${app}"? [y/N] `]);
    expect((await topicsNow()).has(changelog)).toBe(true);
    expect(fs.existsSync(path.join(stateDir, app))).toBe(true);
  });

  it('confirmed: deletes the internal topics, the group offsets and the local state; the rest stays', async () => {
    const { code, out, err } = await reset(
      { applicationId: app, stateDir },
      { tty: true, confirm: async () => true },
    );
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain('deleted 2 internal topic(s)');
    const now = await untilGone([changelog, repartition]);
    expect(now.has(changelog)).toBe(false);
    expect(now.has(repartition)).toBe(false);
    expect(now.has(input)).toBe(true);
    expect(now.has(otherChangelog)).toBe(true);
    expect(await committed(app, input)).toEqual({});
    const { groups } = await withAdmin((a) => a.listGroups());
    expect(groups.map((g) => g.groupId)).not.toContain(app);
    // The other application's group and state are untouched.
    expect(await committed(otherApp, input)).toEqual({ 0: '1' });
    expect(fs.existsSync(path.join(stateDir, app))).toBe(false);
    expect(fs.existsSync(path.join(stateDir, otherApp))).toBe(true);
  });

  it('a second reset finds nothing: exit 2 with a message naming the application', async () => {
    const { code, err } = await reset({ applicationId: app, yes: true });
    expect(code).toBe(2);
    expect(err).toContain(`nothing to reset for application "${app}"`);
    expect(err).toContain('[NOTHING_TO_RESET]');
  });

  it('an unknown application: exit 2, nothing to reset', async () => {
    const { code, err } = await reset({ applicationId: uniqueName('never-ran'), yes: true });
    expect(code).toBe(2);
    expect(err).toContain('[NOTHING_TO_RESET]');
  });
});

describe('kgen streams reset with a running instance', () => {
  const app = uniqueName('reset-live');
  const changelog = `${app}-store-changelog`;
  const source = `${app}-source`;
  let consumer: Consumer;

  beforeAll(async () => {
    await createTopics([
      [changelog, 1],
      [source, 1],
    ]);
    consumer = plain.consumer({ groupId: app });
    await consumer.connect();
    await consumer.subscribe({ topic: source, fromBeginning: true });
    let joined = false;
    consumer.on(consumer.events.GROUP_JOIN, () => (joined = true));
    await consumer.run({ eachMessage: async () => undefined });
    const deadline = Date.now() + 45_000;
    while (!joined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(joined).toBe(true);
  });
  afterAll(async () => {
    await consumer?.disconnect();
  });

  it('refuses with exit 2 naming the active member, and deletes nothing', async () => {
    const { code, err } = await reset({ applicationId: app, yes: true });
    expect(code).toBe(2);
    expect(err).toContain('[GROUP_NOT_EMPTY]');
    expect(err).toContain('reset-check'); // the member's client id
    expect(err).toContain('1 active member(s)');
    expect((await topicsNow()).has(changelog)).toBe(true);
    const { groups } = await withAdmin((a) => a.describeGroups([app]));
    expect(groups[0]?.members.length).toBe(1);
  });
});
