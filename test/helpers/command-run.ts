import type { CommandIo } from '../../codegen/cli/command-io';

/** What an in-process CLI run returned and printed. */
export interface CommandRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs a command body (e.g. `runLag`) in-process with buffered stdout/stderr and an empty environment. */
export async function runInProcess(run: (io: CommandIo) => Promise<number>): Promise<CommandRun> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = {
    cwd: process.cwd(),
    stdout: (l) => out.push(l),
    stderr: (l) => err.push(l),
    env: {},
  };
  const code = await run(io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}
