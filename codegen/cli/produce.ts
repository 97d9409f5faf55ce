import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ResolvedConfig } from '../config/config-types';
import { CodegenError } from '../errors';
import { runCommand, type CommandIo } from './command-io';
import { optionalConfig } from './compat-cli-options';
import { brokersOf, opsErrorToCodegen } from '../ops/ops-cli-options';
import { assertRegistryReachable, opsRegistryOf, type OpsRegistry } from '../ops/ops-registry';
import { recordOfLine, type LineEncoders } from '../ops/record-json/parse-line';
import { subjectEncoder, type SubjectEncoder } from '../ops/record-json/registry-json';
import { RecordShapeError } from '../ops/record-json/shape-error';
import { connectTopicWriter, type OutgoingRecord } from '../../src/ops/topic-writer';

export interface ProduceArgs {
  readonly topic: string;
  /** JSON-lines file (default: stdin). */
  readonly file?: string | undefined;
  /** Value subject (default: the config's, then `<topic>-value`). */
  readonly subject?: string | undefined;
  /** Key subject (default: the config's, then `<topic>-key` when the registry has it). */
  readonly keySubject?: string | undefined;
  /** Send the valid lines and report the others, instead of sending nothing. */
  readonly skipInvalid?: boolean | undefined;
  /** Send each record to the partition its line names. */
  readonly keepPartition?: boolean | undefined;
  readonly format?: string | undefined;
  readonly brokers?: string | undefined;
  readonly registry?: string | undefined;
  readonly config?: string | undefined;
}

export interface ProduceRunOptions {
  /** The input when no --file is given (default: process.stdin). */
  readonly stdin?: NodeJS.ReadableStream | string;
}

/** A line that does not fit: 1-based line number, JSON path and reason. */
export interface InvalidLine {
  readonly line: number;
  readonly path: string;
  readonly reason: string;
}

/** What `--format json` prints. */
export interface ProduceReport {
  readonly topic: string;
  readonly valueSubject: string;
  readonly valueSchemaId: number;
  readonly keySubject: string | null;
  readonly sent: number;
  readonly invalid: readonly InvalidLine[];
}

const FORMATS = ['table', 'json'] as const;

async function readInput(
  args: ProduceArgs,
  io: CommandIo,
  stdin: NodeJS.ReadableStream | string,
): Promise<string> {
  if (args.file !== undefined) {
    const file = path.resolve(io.cwd, args.file);
    try {
      return await fs.promises.readFile(file, 'utf8');
    } catch (err) {
      throw new CodegenError('INPUT_NOT_FOUND', `cannot read ${file}: ${(err as Error).message}`, { file });
    }
  }
  if (typeof stdin === 'string') return stdin;
  if ((stdin as { isTTY?: boolean }).isTTY === true)
    throw new CodegenError('BAD_FLAG', 'no input: pass --file <jsonl> or pipe JSON lines into kgen produce');
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

function configSubject(
  config: ResolvedConfig | undefined,
  topic: string,
  side: 'key' | 'value',
): string | null | undefined {
  const t = config?.topics.find((x) => x.name === topic);
  if (!t) return undefined;
  const s = t[side];
  return s.kind === 'schema' ? (s.subjects[0]?.subject ?? null) : null;
}

async function encoderOf(
  registry: OpsRegistry,
  subject: string,
  optional: boolean,
): Promise<SubjectEncoder | undefined> {
  try {
    return await subjectEncoder(registry.client, subject);
  } catch (err) {
    const status = (err as { status?: unknown }).status;
    if (status === 404) {
      if (optional) return undefined;
      throw new CodegenError(
        'UNKNOWN_SUBJECT',
        `the registry at ${registry.url} has no subject "${subject}"`,
        { subject },
      );
    }
    if (err instanceof CodegenError) throw err;
    throw new CodegenError(
      'REGISTRY_ERROR',
      `cannot read subject "${subject}": ${(err as Error).message}`,
      { subject },
      { cause: err },
    );
  }
}

/**
 * `kgen produce`: validates every JSON line against the topic's schema first, then sends. Returns 0 when all
 * lines were sent (or, with --skip-invalid, every valid one), 2 on an invalid line (nothing sent), bad input or
 * an unreachable cluster/registry.
 */
export async function runProduce(
  args: ProduceArgs,
  io: CommandIo,
  options: ProduceRunOptions = {},
): Promise<number> {
  return runCommand(io, async () => {
    const format = (args.format ?? 'table') as (typeof FORMATS)[number];
    if (!FORMATS.includes(format))
      throw new CodegenError('BAD_FLAG', `--format must be one of ${FORMATS.join(', ')}`);
    const brokers = brokersOf(args, io.env);
    const config = await optionalConfig(args.config !== undefined ? { config: args.config } : {}, io.cwd);
    const registry = opsRegistryOf(args, config, io.env);
    const text = await readInput(args, io, options.stdin ?? process.stdin);
    await assertRegistryReachable(registry);

    const valueSubject = args.subject ?? configSubject(config, args.topic, 'value') ?? `${args.topic}-value`;
    const value = (await encoderOf(registry, valueSubject, false)) as SubjectEncoder;
    const configKey = configSubject(config, args.topic, 'key');
    const keySubject = args.keySubject ?? configKey ?? (configKey === null ? undefined : `${args.topic}-key`);
    const key =
      keySubject !== undefined
        ? await encoderOf(registry, keySubject, args.keySubject === undefined)
        : undefined;
    const encoders: LineEncoders = { value, key, keepPartition: args.keepPartition === true };

    const records: OutgoingRecord[] = [];
    const invalid: InvalidLine[] = [];
    text.split('\n').forEach((raw, i) => {
      if (raw.trim() === '') return;
      try {
        records.push(recordOfLine(raw, encoders));
      } catch (err) {
        if (!(err instanceof RecordShapeError)) throw err;
        invalid.push({ line: i + 1, path: err.path, reason: err.reason });
      }
    });
    const where = args.file ?? '<stdin>';
    for (const bad of invalid) io.stderr(`kgen: ${where}:${bad.line}: ${bad.path}: ${bad.reason}`);
    const refuse = invalid.length > 0 && args.skipInvalid !== true;
    let sent = 0;
    if (!refuse && records.length > 0) {
      const writer = await connectTopicWriter({ brokers, topic: args.topic }).catch(opsErrorToCodegen);
      try {
        sent = await writer.send(records).catch(opsErrorToCodegen);
      } finally {
        await writer.disconnect();
      }
    }
    const report: ProduceReport = {
      topic: args.topic,
      valueSubject,
      valueSchemaId: value.schemaId,
      keySubject: key?.subject ?? null,
      sent,
      invalid,
    };
    if (format === 'json') io.stdout(JSON.stringify(report));
    else if (refuse)
      io.stdout(
        `nothing sent to ${args.topic}: ${invalid.length} invalid line(s) (--skip-invalid sends the others)`,
      );
    else
      io.stdout(
        `sent ${sent} record(s) to ${args.topic} (value ${valueSubject} #${value.schemaId}${key ? `, key ${key.subject}` : ''})` +
          (invalid.length
            ? `; skipped ${invalid.length} invalid line(s): ${invalid.map((b) => b.line).join(', ')}`
            : ''),
      );
    return refuse ? 2 : 0;
  });
}
