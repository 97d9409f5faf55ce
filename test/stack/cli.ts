import { envLines, down, status, up } from './local-stack';
import { StackError } from './errors';

/** `npm run stack:up|down|status` — the local Kafka + schema registry, no Docker. */
async function main(command: string | undefined): Promise<number> {
  const log = (msg: string): void => console.error(`stack: ${msg}`);
  switch (command) {
    case 'up': {
      const t0 = Date.now();
      const res = await up(log);
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
      console.error('usage: tsx test/stack/cli.ts up|down|status');
      return 2;
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof StackError ? `stack: ${err.message}` : err);
    process.exit(2);
  },
);
