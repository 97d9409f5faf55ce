import { CodegenError } from '../errors';
import { runCommand, type CommandIo } from './command-io';
import { optionalConfig } from './compat-cli-options';
import { parseDuration } from '../ops/duration';
import { brokersOf, opsErrorToCodegen } from '../ops/ops-cli-options';
import { assertRegistryReachable, opsRegistryOf } from '../ops/ops-registry';
import { recordLine, type RecordLine } from '../ops/record-json/record-line';
import { RegistryJsonDecoder } from '../ops/record-json/registry-json';
import { readTopic, type StartPosition } from '../../src/ops/topic-reader';

export interface TailArgs {
  readonly topic: string;
  readonly fromBeginning?: boolean | undefined;
  readonly offset?: number | undefined;
  /** An ISO 8601 time, or a duration ago (`10m`, `2h`). */
  readonly since?: string | undefined;
  readonly partition?: number | undefined;
  readonly limit?: number | undefined;
  /** Keep waiting for new records (the default when no start position is given). */
  readonly follow?: boolean | undefined;
  readonly format?: string | undefined;
  readonly brokers?: string | undefined;
  readonly registry?: string | undefined;
  readonly config?: string | undefined;
}

export interface TailRunOptions {
  /** Whether stderr is a terminal: a live count there instead of one summary line. */
  readonly tty?: boolean;
  readonly stopSignal?: Promise<void>;
  /** Milliseconds since the epoch, for `--since <duration>` (tests pin it). */
  readonly now?: number;
}

const FORMATS = ['table', 'json'] as const;

function startOf(args: TailArgs, now: number): StartPosition {
  const given = [args.fromBeginning === true, args.offset !== undefined, args.since !== undefined];
  if (given.filter(Boolean).length > 1)
    throw new CodegenError('BAD_FLAG', '--from-beginning, --offset and --since exclude each other');
  if (args.fromBeginning === true) return { kind: 'beginning' };
  if (args.offset !== undefined) {
    if (!Number.isSafeInteger(args.offset) || args.offset < 0)
      throw new CodegenError('BAD_FLAG', `--offset must be an integer >= 0, got ${args.offset}`);
    return { kind: 'offset', offset: args.offset };
  }
  if (args.since !== undefined) {
    const at = /^\d+(\.\d+)?(ms|s|m|h)?$/.test(args.since.trim())
      ? now - parseDuration('since', args.since)
      : Date.parse(args.since);
    if (Number.isNaN(at))
      throw new CodegenError(
        'BAD_FLAG',
        `--since expects an ISO 8601 time or a duration ago (10m), got "${args.since}"`,
      );
    return { kind: 'time', ms: at };
  }
  return { kind: 'end' };
}

/** The readable form: one line per record, the value as compact JSON. */
function tableLine(line: RecordLine): string {
  const at = line.timestamp !== null ? new Date(line.timestamp).toISOString() : '-';
  const key = line.keyBase64 !== undefined ? `base64:${line.keyBase64}` : JSON.stringify(line.key);
  const value =
    line.error !== undefined
      ? `UNDECODABLE (${line.error}) base64:${line.valueBase64 ?? ''}`
      : JSON.stringify(line.value);
  const schema = line.schemaId !== null ? `#${line.schemaId}` : '-';
  return `${line.partition}:${line.offset}  ${at}  key=${key}  ${schema}${line.valueType ? ` ${line.valueType}` : ''}  ${value}`;
}

/**
 * `kgen tail`: prints a topic's records decoded through the registry. Returns 0 (also when some records were
 * undecodable: they are printed as such and counted on stderr), 2 bad input or unreachable cluster/registry.
 */
export async function runTail(args: TailArgs, io: CommandIo, options: TailRunOptions = {}): Promise<number> {
  return runCommand(io, async () => {
    const format = (args.format ?? 'table') as (typeof FORMATS)[number];
    if (!FORMATS.includes(format))
      throw new CodegenError('BAD_FLAG', `--format must be one of ${FORMATS.join(', ')}`);
    if (args.limit !== undefined && !(Number.isSafeInteger(args.limit) && args.limit >= 1))
      throw new CodegenError('BAD_FLAG', `--limit must be an integer >= 1, got ${args.limit}`);
    if (args.partition !== undefined && !(Number.isSafeInteger(args.partition) && args.partition >= 0))
      throw new CodegenError('BAD_FLAG', `--partition must be an integer >= 0, got ${args.partition}`);
    const start = startOf(args, options.now ?? Date.now());
    const brokers = brokersOf(args, io.env);
    const config = await optionalConfig(args.config !== undefined ? { config: args.config } : {}, io.cwd);
    const registry = opsRegistryOf(args, config, io.env);
    await assertRegistryReachable(registry);
    const decoder = new RegistryJsonDecoder(registry.client);
    const tty = options.tty ?? process.stderr.isTTY === true;
    let undecodable = 0;
    let seen = 0;
    const { count } = await readTopic(
      {
        brokers,
        topic: args.topic,
        partition: args.partition,
        start,
        follow: args.follow ?? start.kind === 'end',
        limit: args.limit,
        stop: options.stopSignal ?? sigint(),
      },
      async (record) => {
        const line = await recordLine(record, decoder);
        if (line.error !== undefined) undecodable++;
        io.stdout(format === 'json' ? JSON.stringify(line) : tableLine(line));
        if (tty && ++seen % 100 === 0) process.stderr.write(`\r${seen} records`);
      },
    ).catch(opsErrorToCodegen);
    if (tty) process.stderr.write('\r');
    io.stderr(
      `kgen tail: ${count} record(s) from ${args.topic}${undecodable ? `, ${undecodable} undecodable` : ''}`,
    );
    return 0;
  });
}

function sigint(): Promise<void> {
  return new Promise((resolve) => process.once('SIGINT', () => resolve()));
}
