import { brokerCount } from './cluster';
import { envLines, down, status, up } from './local-stack';
import { StackError } from './errors';

/** The value of `--brokers N` / `--brokers=N`, if given. */
function brokersFlag(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--brokers') return args[i + 1] ?? '';
    if (arg.startsWith('--brokers=')) return arg.slice('--brokers='.length);
  }
  return undefined;
}

/**
 * `npm run stack:up|down|status` — the local Kafka + schema registry, no Docker.
 * `stack:up -- --brokers 3` (or KGEN_STACK_BROKERS=3) starts a three-node KRaft cluster instead of one node.
 */
async function main(command: string | undefined, args: readonly string[]): Promise<number> {
  const log = (msg: string): void => console.error(`stack: ${msg}`);
  switch (command) {
    case 'up': {
      const t0 = Date.now();
      const res = await up(log, brokerCount(brokersFlag(args)));
      log(
        res.started ? `ready in ${((Date.now() - t0) / 1000).toFixed(1)} s` : 'already running and healthy',
      );
      for (const line of envLines(res)) console.log(line);
      return 0;
    }
    case 'down': {
      const stopped = await down();
      log(stopped.length ? `stopped ${stopped.join(', ')}` : 'nothing was running');
      return 0;
    }
    case 'status': {
      const services = await status();
      for (const s of services) {
        const state = s.healthy ? 'healthy' : s.pid !== undefined ? 'running, not answering' : 'not running';
        console.log(`${s.name.padEnd(9)} ${state.padEnd(24)} pid=${s.pid ?? '-'} ${s.endpoint}`);
      }
      return services.every((s) => s.healthy) ? 0 : 1;
    }
    default:
      console.error('usage: tsx test/stack/cli.ts up [--brokers N]|down|status');
      return 2;
  }
}

main(process.argv[2], process.argv.slice(3)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof StackError ? `stack: ${err.message}` : err);
    process.exit(2);
  },
);
