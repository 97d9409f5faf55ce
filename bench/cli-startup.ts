/**
 * Start-up cost of the built CLI (`npm run build` first): wall time of `kgen --version`, `kgen --help` and
 * `kgen generate --check` on an up-to-date one-schema project, each spawned RUNS times (default 10), beside
 * `node -e 0` (the floor every Node CLI pays). Prints one JSON line per command with the median and the range.
 * Run: `npm run build && npx tsx bench/cli-startup.ts` (env: RUNS, KGEN_BIN to time another build).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const RUNS = Number(process.env['RUNS'] ?? 10);
const BIN = path.resolve(process.env['KGEN_BIN'] ?? path.join(__dirname, '../bin/kgen.js'));

function seconds(args: readonly string[], cwd: string): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8' });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return elapsed;
}

function report(name: string, impl: string, args: readonly string[], cwd: string): void {
  seconds(args, cwd); // warm the file cache
  const runs = Array.from({ length: RUNS }, () => seconds(args, cwd)).sort((a, b) => a - b);
  const median =
    runs.length % 2 ? runs[runs.length >> 1]! : (runs[runs.length / 2 - 1]! + runs[runs.length / 2]!) / 2;
  console.log(
    JSON.stringify({
      bench: 'cli-startup',
      impl,
      command: name,
      runs: RUNS,
      medianSeconds: Number(median.toFixed(3)),
      minSeconds: Number(runs[0]!.toFixed(3)),
      maxSeconds: Number(runs[runs.length - 1]!.toFixed(3)),
      node: process.version,
      load1: Number(os.loadavg()[0]!.toFixed(2)),
    }),
  );
}

function main(): void {
  if (!fs.existsSync(path.join(path.dirname(BIN), '../dist/codegen/cli/main.js'))) {
    throw new Error(`${BIN} has no build next to it: run npm run build`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgen-startup-'));
  try {
    fs.mkdirSync(path.join(dir, 'schemas'));
    fs.writeFileSync(
      path.join(dir, 'schemas/order.avsc'),
      JSON.stringify({
        type: 'record',
        name: 'Order',
        namespace: 'com.acme',
        fields: [
          { name: 'id', type: 'string' },
          { name: 'total', type: { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 } },
        ],
      }),
    );
    fs.writeFileSync(
      path.join(dir, 'kgen.config.json'),
      JSON.stringify({ schemas: 'schemas', output: 'gen' }),
    );
    seconds([BIN, 'generate'], dir);
    report('node -e 0', 'node', ['-e', '0'], dir);
    report('--version', 'kgen', [BIN, '--version'], dir);
    report('--help', 'kgen', [BIN, '--help'], dir);
    report('generate --check', 'kgen', [BIN, 'generate', '--check'], dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
