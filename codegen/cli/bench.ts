import { CodegenError } from '../errors';
import { loadConfig } from '../config/load-config';
import { runCommand, type CommandIo } from './command-io';
import { sizedRecords, topicRecords } from '../ops/bench/bench-records';
import { runBench, type BenchMode, type BenchReport } from '../ops/bench/run-bench';
import type { LatencySummary } from '../ops/bench/latency-stats';
import { brokersOf, opsErrorToCodegen } from '../ops/ops-cli-options';
import { assertRegistryReachable, opsRegistryOf } from '../ops/ops-registry';
import { padColumns } from '../ops/text-output';

export interface BenchArgs {
  readonly mode?: string | undefined;
  readonly messages?: number | undefined;
  /** Raw values of this many bytes (default 100 without --topic). */
  readonly size?: number | undefined;
  /** A topic of the config: random valid records of its schemas. */
  readonly topic?: string | undefined;
  readonly partitions?: number | undefined;
  readonly format?: string | undefined;
  readonly brokers?: string | undefined;
  readonly registry?: string | undefined;
  readonly config?: string | undefined;
}

export interface BenchRunOptions {
  /** Whether stderr is a terminal: progress redrawn in place, else plain lines. */
  readonly tty?: boolean;
}

const MODES: readonly BenchMode[] = ['produce', 'consume', 'both'];
const FORMATS = ['table', 'json'] as const;

function positiveInt(flag: string, v: number | undefined, fallback: number): number {
  const n = v ?? fallback;
  if (!Number.isSafeInteger(n) || n < 1)
    throw new CodegenError('BAD_FLAG', `--${flag} must be an integer >= 1, got ${v}`);
  return n;
}

function latencyRow(name: string, l: LatencySummary | null): string[] {
  const f = (v: number | null | undefined): string => (v === null || v === undefined ? '-' : v.toFixed(2));
  return [name, f(l?.min), f(l?.mean), f(l?.p50), f(l?.p95), f(l?.p99), f(l?.max)];
}

/** The readable report. */
export function formatBench(r: BenchReport): string {
  const source =
    r.source.kind === 'size'
      ? `${r.source.bytes}-byte values`
      : `random ${r.source.topic} records (${r.source.valueSubject})`;
  const rows: string[][] = [['PHASE', 'MESSAGES', 'ERRORS', 'SECONDS', 'MSG/S', 'MB/S']];
  for (const [name, p] of [
    ['produce', r.produce],
    ['consume', r.consume],
  ] as const)
    if (p)
      rows.push([
        name,
        String(p.messages),
        String(p.errors),
        p.seconds.toFixed(3),
        p.msgsPerSec.toFixed(1),
        p.mbPerSec.toFixed(3),
      ]);
  const lat: string[][] = [['LATENCY (ms)', 'MIN', 'MEAN', 'P50', 'P95', 'P99', 'MAX']];
  if (r.produce) lat.push(latencyRow('produce ack', r.produce.ackLatencyMs));
  if (r.consume?.endToEndLatencyMs) lat.push(latencyRow('end to end', r.consume.endToEndLatencyMs));
  return [
    `kgen bench --mode ${r.mode}: ${r.messages} ${source}, ${r.recordBytes} bytes/record, ${r.partitions} partitions (${r.topic}, deleted)`,
    '',
    ...padColumns(rows).map((l) => `  ${l}`),
    '',
    ...padColumns(lat).map((l) => `  ${l}`),
  ].join('\n');
}

/** `kgen bench`: 0 when every record was produced and consumed, 1 when some failed or went missing, 2 bad input. */
export async function runBenchCommand(
  args: BenchArgs,
  io: CommandIo,
  options: BenchRunOptions = {},
): Promise<number> {
  return runCommand(io, async () => {
    const mode = (args.mode ?? 'both') as BenchMode;
    if (!MODES.includes(mode))
      throw new CodegenError('BAD_FLAG', `--mode must be one of ${MODES.join(', ')}`);
    const format = (args.format ?? 'table') as (typeof FORMATS)[number];
    if (!FORMATS.includes(format))
      throw new CodegenError('BAD_FLAG', `--format must be one of ${FORMATS.join(', ')}`);
    if (args.size !== undefined && args.topic !== undefined)
      throw new CodegenError('BAD_FLAG', '--size and --topic exclude each other');
    const messages = positiveInt('messages', args.messages, 10_000);
    const partitions = positiveInt('partitions', args.partitions, 3);
    const brokers = brokersOf(args, io.env);
    let registryUrl = args.registry ?? io.env['SCHEMA_REGISTRY_URL'] ?? 'http://127.0.0.1:8081';
    let records;
    if (args.topic !== undefined) {
      const config = await loadConfig({
        ...(args.config !== undefined ? { file: args.config } : {}),
        cwd: io.cwd,
      });
      const registry = opsRegistryOf(args, config, io.env);
      await assertRegistryReachable(registry);
      registryUrl = registry.url;
      records = await topicRecords(config, args.topic, registry.client, messages);
    } else {
      records = sizedRecords(positiveInt('size', args.size, 100), messages);
    }
    const tty = options.tty ?? process.stderr.isTTY === true;
    const report = await runBench({
      brokers,
      registryUrl,
      mode,
      messages,
      partitions,
      records,
      progress: (line) => (tty ? process.stderr.write(`\r\x1b[K${line}`) : io.stderr(`kgen bench: ${line}`)),
    }).catch(opsErrorToCodegen);
    if (tty) process.stderr.write('\r\x1b[K');
    io.stdout(format === 'json' ? JSON.stringify(report) : formatBench(report));
    const failed = (report.produce?.errors ?? 0) + (report.consume?.errors ?? 0);
    return failed > 0 ? 1 : 0;
  });
}
