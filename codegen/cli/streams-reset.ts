import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline/promises';
import { CodegenError, ExitCode } from '../errors';
import { runCommand, type CommandIo } from './command-io';
import { brokersOf, opsErrorToCodegen } from '../ops/ops-cli-options';
import { formatResetPlan } from '../ops/streams-reset-format';
import { connectOpsAdmin } from '../../src/ops/ops-connection';
import {
  assertNoActiveMembers,
  executeStreamsReset,
  hasClusterState,
  planStreamsReset,
} from '../../src/ops/streams-reset';

export interface StreamsResetArgs {
  readonly applicationId: string;
  /** Delete without asking (required when stdin is not a terminal). */
  readonly yes?: boolean | undefined;
  readonly brokers?: string | undefined;
  /** The state dir the application ran with: `<stateDir>/<applicationId>` is deleted too. */
  readonly stateDir?: string | undefined;
}

/** Options a caller (or test) may override. */
export interface StreamsResetRunOptions {
  /** Whether stdin is a terminal that can answer the confirmation (default: process.stdin.isTTY). */
  readonly tty?: boolean;
  /** Asks the operator; resolves true to go ahead (default: a y/N question on the terminal). */
  readonly confirm?: (question: string) => Promise<boolean>;
}

/** Exit codes of `kgen streams reset`. */
export const RESET_EXIT = { reset: 0, declined: 1, badInput: ExitCode.error } as const;

const KAFKA_NAME = /^[A-Za-z0-9._-]+$/;

/**
 * `kgen streams reset <applicationId>`: deletes the application's internal topics, its consumer group's
 * offsets and (with --state-dir) its local state. 0 done, 1 declined at the prompt, 2 bad input (nothing to
 * reset, active members, no --yes without a terminal, unreachable cluster).
 */
export async function runStreamsReset(
  args: StreamsResetArgs,
  io: CommandIo,
  options: StreamsResetRunOptions = {},
): Promise<number> {
  return runCommand(io, async () => {
    const applicationId = args.applicationId;
    if (!KAFKA_NAME.test(applicationId) || applicationId === '.' || applicationId === '..')
      throw new CodegenError(
        'BAD_FLAG',
        `application id "${applicationId}" must be letters, digits, ".", "_" or "-" (it prefixes topic names)`,
      );
    const brokers = brokersOf(args, io.env);
    const localState =
      args.stateDir !== undefined ? path.resolve(io.cwd, args.stateDir, applicationId) : undefined;
    const hasLocalState = localState !== undefined && fs.existsSync(localState);

    const connection = await connectOpsAdmin({ brokers }).catch(opsErrorToCodegen);
    try {
      const plan = await planStreamsReset(connection.admin, applicationId).catch(opsErrorToCodegen);
      if (!hasClusterState(plan) && !hasLocalState)
        throw new CodegenError(
          'NOTHING_TO_RESET',
          `nothing to reset for application "${applicationId}": no internal topics (${applicationId}-<name>-repartition|changelog), no consumer group "${applicationId}"${localState !== undefined ? `, no local state at ${localState}` : ''}. Is the application id right?`,
        );
      io.stdout(formatResetPlan(plan, hasLocalState ? localState : undefined));
      // Said before asking: the answer would not matter. Checked again right before deleting.
      try {
        assertNoActiveMembers(plan);
      } catch (err) {
        opsErrorToCodegen(err);
      }
      if (args.yes !== true) {
        const tty = options.tty ?? process.stdin.isTTY === true;
        if (!tty)
          throw new CodegenError(
            'CONFIRMATION_REQUIRED',
            'refusing to delete without confirmation: stdin is not a terminal; pass --yes',
          );
        const confirm = options.confirm ?? askOnTerminal;
        if (!(await confirm(`Delete all of this for "${applicationId}"? [y/N] `))) {
          io.stderr('kgen: reset declined, nothing deleted');
          return RESET_EXIT.declined;
        }
      }
      await executeStreamsReset(connection.admin, plan).catch(opsErrorToCodegen);
      if (hasLocalState) fs.rmSync(localState, { recursive: true, force: true });
      io.stdout(
        `Reset "${applicationId}": deleted ${plan.topics.length} internal topic(s), ${plan.group ? `consumer group "${applicationId}" with ${plan.group.offsets.length} committed offset(s)` : 'no consumer group'}${hasLocalState ? `, local state ${localState}` : ''}.`,
      );
      return RESET_EXIT.reset;
    } finally {
      await connection.disconnect().catch(() => undefined);
    }
  });
}

async function askOnTerminal(question: string): Promise<boolean> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}
