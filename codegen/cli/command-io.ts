import { CodegenError, ExitCode } from '../errors';

/** Where a command writes: results on stdout, progress and errors on stderr. Tests pass buffers. */
export interface CommandIo {
  readonly cwd: string;
  readonly stdout: (line: string) => void;
  readonly stderr: (line: string) => void;
  readonly env: NodeJS.ProcessEnv;
}

export function processIo(): CommandIo {
  return {
    cwd: process.cwd(),
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
  };
}

/** Runs a command body; a `CodegenError` becomes one formatted line on stderr and exit code 2. */
export async function runCommand(io: CommandIo, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof CodegenError) io.stderr(`kgen: ${err.format()}`);
    else
      io.stderr(`kgen: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return ExitCode.error;
  }
}
