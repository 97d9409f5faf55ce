import type { CommandModule } from 'yargs';
import { processIo } from './command-io';
import type * as RegisterModule from './register';
import type { RegisterArgs } from './register';
import { registryOption } from './shared-options';

// Loaded when the command runs: `kgen --help` and the other commands must not pay for this one's imports.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const load = (): typeof RegisterModule => require('./register');

export const registerCommand: CommandModule<object, RegisterArgs> = {
  command: 'register',
  describe: 'Register local schemas (references first); unchanged schemas create no version',
  builder: (y) =>
    y
      .option('config', {
        alias: 'c',
        type: 'string',
        describe: 'Config file (default: kgen.config.* unless --schemas)',
      })
      .option('schemas', { type: 'string', describe: 'Folder of .avsc/.proto files' })
      .option('registry', registryOption)
      .option('subject', {
        type: 'string',
        array: true,
        describe: 'Subject of a file: <file>=<subject> (default: file name)',
      })
      .option('dry-run', { type: 'boolean', describe: 'Print the plan; change nothing' })
      .option('allow-empty', {
        type: 'boolean',
        describe: 'Accept a schema folder without schemas (registers nothing) instead of exit 2',
      })
      .option('format', {
        type: 'string',
        default: 'text',
        describe: 'text or json',
      }),
  handler: async (args) => {
    process.exitCode = await load().runRegister(args, processIo());
  },
};
