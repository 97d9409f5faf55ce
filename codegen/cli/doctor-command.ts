import type { CommandModule } from 'yargs';
import { processIo } from './command-io';
import type * as DoctorModule from './doctor';
import type { DoctorArgs } from './doctor';
import { brokersOption } from './shared-options';

// Loaded when the command runs: `kgen --help` and the other commands must not pay for this one's imports.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const load = (): typeof DoctorModule => require('./doctor');

export const doctorCommand: CommandModule<object, DoctorArgs> = {
  command: 'doctor',
  describe:
    'Cluster, broker and topic health with a rule id and fix per finding; exit 0 ok, 3 warning, 4 critical',
  builder: (y) =>
    y
      .option('topics', {
        alias: 't',
        type: 'string',
        array: true,
        describe: 'Topics to check (default: all)',
      })
      .option('config', {
        alias: 'c',
        type: 'string',
        describe:
          "Config file: check its topics' subjects and levels in the registry (default: kgen.config.*)",
      })
      .option('registry', { type: 'string', describe: "Registry base URL (default: the config's)" })
      .option('format', { type: 'string', default: 'table', describe: 'table, json, github or junit' })
      .option('brokers', brokersOption),
  handler: async (args) => {
    process.exitCode = await load().runDoctor(args, processIo());
  },
};
