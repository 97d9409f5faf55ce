/**
 * `npm run demo`: the whole kgen workflow on the local stack —
 * stack up → kgen register → kgen check → kgen pull → kgen generate → tsc over the generated code →
 * typed produce and consume (examples/demo/produce-consume.ts).
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { up } from '../test/stack/local-stack';

const root = path.resolve(__dirname, '..');
const demoDir = path.join(root, 'examples', 'demo');

function run(title: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  console.log(`\n$ ${[command, ...args].join(' ')}    # ${title}`);
  const res = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  if (res.status !== 0) throw new Error(`${title} failed (exit ${res.status ?? res.signal})`);
}

/** The stack to run on: an external one from KAFKA_BROKERS + SCHEMA_REGISTRY_URL, else the local one (started if needed). */
async function stackToUse(): Promise<{ brokers: string; registryUrl: string }> {
  const brokers = process.env['KAFKA_BROKERS'];
  const registryUrl = process.env['SCHEMA_REGISTRY_URL'];
  if (brokers && registryUrl) return { brokers, registryUrl };
  return up((msg) => console.error(`stack: ${msg}`));
}

async function main(): Promise<void> {
  const stack = await stackToUse();
  console.log(`stack ready: KAFKA_BROKERS=${stack.brokers} SCHEMA_REGISTRY_URL=${stack.registryUrl}`);
  const kgen = ['tsx', 'codegen/cli/main.ts'];
  const config = ['-c', 'examples/demo/kgen.config.json'];
  const schemas = 'examples/demo/schemas';
  run('register the example schema', 'npx', [
    ...kgen,
    'register',
    '--schemas',
    schemas,
    '--registry',
    stack.registryUrl,
  ]);
  run('check it against the registry', 'npx', [
    ...kgen,
    'check',
    '--schemas',
    schemas,
    '--registry',
    stack.registryUrl,
  ]);
  run('pull subjects into a lock file', 'npx', [...kgen, 'pull', ...config, '--registry', stack.registryUrl]);
  run('generate TypeScript', 'npx', [...kgen, 'generate', ...config]);
  run('compile the generated code (tsc --strict)', 'npx', [
    'tsc',
    '--noEmit',
    '-p',
    path.relative(root, demoDir),
  ]);
  const env = { ...process.env, KAFKA_BROKERS: stack.brokers, SCHEMA_REGISTRY_URL: stack.registryUrl };
  run('typed produce + consume', 'npx', ['tsx', 'examples/demo/produce-consume.ts'], env);
  console.log('\nThe local stack keeps running; stop it with `npm run stack:down`.');
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
