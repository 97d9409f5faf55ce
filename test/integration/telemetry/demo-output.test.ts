import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { stackEnv } from '../../helpers/stack-env';

jest.setTimeout(300_000);

const root = path.resolve(__dirname, '../../..');

/** Runs `npm run demo`'s program against the stack; resolves with its exit code and everything it printed. */
function runDemo(env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'examples/demo.ts'], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

describe('the demo at the default log level', () => {
  it('prints its own lines and no raw librdkafka log objects', async () => {
    const { brokers, registryUrl } = stackEnv();
    const { code, out } = await runDemo({
      ...process.env,
      KAFKA_BROKERS: brokers,
      SCHEMA_REGISTRY_URL: registryUrl,
    });
    // On failure, show what the demo printed (a matcher's diff would hide it).
    if (code !== 0) throw new Error(`the demo exited with ${String(code)}:\n${out.slice(-3000)}`);
    expect(out).toContain('demo: consumed 6 typed orders');
    // What the KafkaJS layer's default logger printed: `{ message: '[thrd:main]: …', fac: 'GETPID', … }`.
    const raw = out.split('\n').filter((l) => /^\s*\{\s*message:|^\s*fac: '|\[thrd:/.test(l));
    expect(raw).toEqual([]);
    // Nothing needed action on a healthy stack: no warning or error lines from the client either.
    expect(out.split('\n').filter((l) => /^kgen (warn|error)/.test(l))).toEqual([]);
  });
});
