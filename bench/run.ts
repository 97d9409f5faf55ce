// `npm run bench` runs every benchmark, `npm run bench -- <name> [<name>...]` the ones named. Each runs in a
// child process of its own (no JIT or GC carry-over between benchmarks) and prints JSON lines
// `{"bench","impl","msgs_per_s",...}` on stdout; notes go to stderr. Benchmarks owned by other work are
// listed here too and skipped with a note when their file is not present.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Benchmark name → file under bench/. */
const BENCHES: Readonly<Record<string, string>> = {
  'avro-serialize': 'avro-serialize.ts',
  'avro-deserialize': 'avro-deserialize.ts',
  'proto-serialize': 'proto-serialize.ts',
  'proto-deserialize': 'proto-deserialize.ts',
  produce: 'produce.ts',
  consume: 'consume.ts',
  'codegen-generate': 'codegen-generate.ts',
  'proto-generate': 'proto-generate.ts',
  'cli-startup': 'cli-startup.ts',
  'eos-pipeline': 'eos-pipeline.ts',
  commit: 'commit.ts',
  'windowed-count': 'windowed-count.ts',
};

function main(args: readonly string[]): number {
  const unknown = args.filter((a) => !(a in BENCHES));
  if (unknown.length > 0) {
    console.error(`unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`);
    return 2;
  }
  const names = args.length > 0 ? args : Object.keys(BENCHES);
  let failed = 0;
  for (const name of names) {
    const file = join(__dirname, BENCHES[name]!);
    if (!existsSync(file)) {
      console.error(`bench ${name}: skipped, ${file} is not present`);
      continue;
    }
    console.error(`bench ${name}: running ${file}`);
    // --expose-gc: end-to-end benches collect garbage before each measured run, so no impl inherits the last
    // one's heap.
    const res = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', file], {
      stdio: 'inherit',
      env: process.env,
      cwd: join(__dirname, '..'),
    });
    if (res.status !== 0) {
      console.error(`bench ${name}: failed (exit ${res.status ?? res.signal})`);
      failed++;
    }
  }
  return failed === 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
