import type { CommandModule } from 'yargs';
import { processIo } from './command-io';
import type * as CheckModule from './check';
import type { CheckArgs } from './check';
import { registryOption } from './shared-options';

// Loaded when the command runs: `kgen --help` and the other commands must not pay for this one's imports.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const load = (): typeof CheckModule => require('./check');

export const checkCommand: CommandModule<object, CheckArgs> = {
  command: 'check',
  describe: 'Check local schemas for compatibility: against the registry, or offline with --against',
  builder: (y) =>
    y
      .option('config', {
        alias: 'c',
        type: 'string',
        describe: 'Config file (default: kgen.config.* unless --schemas)',
      })
      .option('schemas', { type: 'string', describe: 'Folder of the new .avsc/.proto files' })
      .option('against', {
        type: 'string',
        describe:
          'Offline: folder of previous schemas (same file names), lock file ("lock" = the config\'s), or git ref',
      })
      .option('registry', registryOption)
      .option('level', {
        type: 'string',
        describe: 'NONE, BACKWARD, FORWARD, FULL (+ _TRANSITIVE); default: subject level / BACKWARD',
      })
      .option('format', {
        type: 'string',
        default: 'text',
        describe: 'text (colour on a TTY), json, github (workflow annotations) or junit',
      })
      .option('subject', {
        type: 'string',
        array: true,
        describe: 'Subject of a file: <file>=<subject> (default: file name)',
      })
      .option('pull-dir', { type: 'string', describe: 'Folder of the schema files a lock file names' })
      .option('allow-new', {
        type: 'boolean',
        describe: 'Subjects not yet in the registry count as compatible',
      })
      .option('protobuf-rules', {
        type: 'string',
        describe:
          "Protobuf rules for kgen's verdict: strict (default; what the registry enforces) or confluent",
      })
      .option('allow-empty', {
        type: 'boolean',
        describe: 'Accept an empty schema folder or --against (nothing is checked) instead of exit 2',
      })
      .option('color', {
        type: 'boolean',
        describe: 'Colour in text output (default: when stdout is a TTY)',
      }),
  handler: async (args) => {
    process.exitCode = await load().runCheck(args, processIo());
  },
};
