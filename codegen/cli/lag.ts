import { CodegenError } from '../errors';
import { runCommand, type CommandIo } from './command-io';
import { parseDuration } from '../ops/duration';
import { lagFrame, LAG_FORMATS, LEVEL_EXIT_CODES, type LagFormat } from '../ops/lag-format';
import { brokersOf, opsErrorToCodegen } from '../ops/ops-cli-options';
import { analyzeLag, CommitHistory, type LagAnalysis } from '../../src/ops/lag-analysis';
import { readGroupSnapshots, type GroupSnapshot } from '../../src/ops/group-snapshot';
import { connectOpsAdmin } from '../../src/ops/ops-connection';

export interface LagArgs {
  readonly group?: readonly string[] | undefined;
  readonly topic?: readonly string[] | undefined;
  readonly warn?: number | undefined;
  readonly critical?: number | undefined;
  /** Redraw every interval (`5s`, `500ms`...) until interrupted or `--count` passes. */
  readonly watch?: string | undefined;
  /** A partition with lag whose committed offset has not moved this long is stuck (default: the watch interval). */
  readonly stuckAfter?: string | undefined;
  /** Stop after this many passes (watch mode). */
  readonly count?: number | undefined;
  readonly format?: string | undefined;
  readonly brokers?: string | undefined;
}

/** Options a caller (or test) may override. */
export interface LagRunOptions {
  /** Whether stdout is a terminal: redraw in place instead of printing one block per pass. */
  readonly tty?: boolean;
  /** Resolves when the run should stop (SIGINT by default). */
  readonly stopSignal?: Promise<void>;
}

/** `kgen lag`; returns 0 healthy, 3 warning, 4 critical (the worst group of the last pass), 2 bad input. */
export async function runLag(args: LagArgs, io: CommandIo, options: LagRunOptions = {}): Promise<number> {
  return runCommand(io, async () => {
    const format = (args.format ?? 'table') as LagFormat;
    if (!LAG_FORMATS.includes(format)) {
      throw new CodegenError('BAD_FLAG', `--format must be one of ${LAG_FORMATS.join(', ')}`);
    }
    const thresholds = { warning: args.warn ?? 1_000, critical: args.critical ?? 10_000 };
    for (const [flag, v] of Object.entries(thresholds))
      if (!Number.isFinite(v) || v < 0)
        throw new CodegenError('BAD_FLAG', `--${flag === 'warning' ? 'warn' : flag} must be a number >= 0`);
    if (thresholds.critical < thresholds.warning) {
      throw new CodegenError(
        'BAD_FLAG',
        `--critical (${thresholds.critical}) is below --warn (${thresholds.warning})`,
      );
    }
    const watchMs = args.watch !== undefined ? parseDuration('watch', args.watch) : undefined;
    const stuckAfterMs =
      args.stuckAfter !== undefined ? parseDuration('stuck-after', args.stuckAfter) : watchMs;
    const count = args.count ?? (watchMs !== undefined ? Infinity : 1);
    if (!(count >= 1)) throw new CodegenError('BAD_FLAG', '--count must be at least 1');
    const brokers = brokersOf(args, io.env);
    const tty = options.tty ?? process.stdout.isTTY === true;
    const stop = options.stopSignal ?? sigint();

    let stopped = false;
    void stop.then(() => (stopped = true));
    const connection = await connectOpsAdmin({ brokers }).catch(opsErrorToCodegen);
    try {
      const history = new CommitHistory();
      const selection = { groups: args.group ?? [], topics: args.topic ?? [] };
      const pass = async (): Promise<LagAnalysis> => {
        const snapshots = await readGroupSnapshots(connection.admin, selection).catch(opsErrorToCodegen);
        const previous = new Map<string, GroupSnapshot>();
        for (const s of snapshots) {
          const before = history.record(s);
          if (before) previous.set(s.groupId, before);
        }
        return analyzeLag(snapshots, history, (g) => previous.get(g), {
          thresholds,
          ...(stuckAfterMs !== undefined ? { stuckAfterMs } : {}),
        });
      };
      let analysis = await pass();
      // One-shot with --stuck-after: a second look after that long is what tells stuck from slow.
      if (watchMs === undefined && args.stuckAfter !== undefined && stuckAfterMs !== undefined) {
        await Promise.race([delay(stuckAfterMs), stop]);
        if (!stopped) analysis = await pass();
      }
      io.stdout(lagFrame(analysis, format, tty && watchMs !== undefined));
      for (let n = 1; n < count && watchMs !== undefined && !stopped; n++) {
        await Promise.race([delay(watchMs), stop]);
        if (stopped) break;
        analysis = await pass();
        io.stdout(lagFrame(analysis, format, tty));
      }
      return LEVEL_EXIT_CODES[analysis.level];
    } finally {
      await connection.disconnect().catch(() => undefined);
    }
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function sigint(): Promise<void> {
  return new Promise((resolve) => process.once('SIGINT', () => resolve()));
}
