/**
 * A streams app process for the kill/restart tests: a tumbling-window count per customer (re-keyed through
 * a repartition topic), every update written to the stats topic. Env: BROKERS, REGISTRY, SUFFIX, APP,
 * INSTANCE, STATE_DIR (optional: persistent LMDB stores there) and CACHE (optional: record cache entries). Prints `running` once started; SIGTERM stops it cleanly; the tests SIGKILL it at will.
 */
import { createClient, tumbling } from '../../../src/index';
import { suffixedTopics, topicNames } from '../../unit/streams/fixtures';

const env = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`eos-worker: ${name} is not set`);
  return v;
};

export const WINDOW_MS = 10_000;

async function main(): Promise<void> {
  const suffix = env('SUFFIX') as '-run';
  const names = topicNames(suffix);
  const client = createClient({
    brokers: env('BROKERS'),
    registry: { url: env('REGISTRY') },
    schemas: { autoRegister: true },
    topics: suffixedTopics(suffix),
    // WORKER_LOG_LEVEL=info (say) when a run must be explained: the logs reach the test's report of a short read.
    logLevel: (process.env['WORKER_LOG_LEVEL'] as 'info' | undefined) ?? 'error',
  });
  const app = client.streams({
    applicationId: env('APP'),
    instanceId: env('INSTANCE'),
    ...(process.env['STATE_DIR'] ? { stateDir: process.env['STATE_DIR'] } : {}),
    ...(process.env['CACHE'] ? { cache: { maxEntries: Number(process.env['CACHE']) } } : {}),
    batch: { maxRecords: 100, maxMs: 100 },
    // A killed member leaves the group after 6 s (the broker's minimum), its transaction aborts after 10 s.
    consumerConfig: { 'session.timeout.ms': 6000, 'heartbeat.interval.ms': 1000 },
    producerConfig: {
      'transaction.timeout.ms': 10_000,
      'socket.timeout.ms': 10_000,
      'message.timeout.ms': 10_000,
    },
    onError: (e) => {
      process.stderr.write(`eos-worker failed: ${String(e)}\n`);
      process.exit(1);
    },
  });
  app
    .stream(names.orders)
    .groupBy((o) => o.value.customerId, { name: 'by-customer' })
    .windowedBy(tumbling({ size: WINDOW_MS, grace: '1h' }))
    .count({ name: 'counts' })
    .toStream()
    .to(names.stats, (w) => ({ key: `${w.key.key}|${w.key.start}`, value: { count: w.value, total: 0 } }));
  await app.start();
  process.stdout.write('running\n');
  // Progress every 2 s on stderr (shown when a test reads too little): is the app stuck, or slow?
  const progress = setInterval(() => {
    const m = app.metrics();
    const restoring = Object.entries(m.restores)
      .filter(([, r]) => !r.done)
      .map(([name, r]) => `${name} ${r.restored}/${r.endOffset}`);
    process.stderr.write(
      `${new Date().toISOString()} ${env('INSTANCE')}: processed ${m.recordsProcessed}, emitted ${m.recordsEmitted}, commits ${m.commits}, aborts ${m.aborts}, restoring [${restoring.join(', ')}]\n`,
    );
  }, 2000);
  progress.unref();
  process.once('SIGTERM', () => {
    void app.stop().then(() => process.exit(0));
  });
}

void main().catch((e: unknown) => {
  process.stderr.write(`eos-worker: ${String(e)}\n`);
  process.exit(1);
});
