import type { CommandModule } from 'yargs';
import { processIo } from './command-io';
import type * as InitModule from './init';
import type { InitArgs } from './init';
import { brokersOption } from './shared-options';

// Loaded when the command runs: `kgen --help` and the other commands must not load the Kafka client.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const load = (): typeof InitModule => require('./init');

export const initCommand: CommandModule<object, InitArgs> = {
  command: 'init',
  describe: 'Write kgen.config.json from the cluster and registry, npm scripts and a CI example',
  builder: (y) =>
    y
      .option('yes', {
        alias: 'y',
        type: 'boolean',
        describe: 'Take every topic that has subjects, without asking',
      })
      .option('force', {
        type: 'boolean',
        describe: 'Overwrite kgen.config.json, the CI example and kgen scripts',
      })
      .option('include', { type: 'string', describe: 'Only topics matching this regular expression' })
      .option('brokers', brokersOption)
      .option('registry', { type: 'string', describe: 'Registry URL (default: $SCHEMA_REGISTRY_URL)' }),
  handler: async (args) => {
    process.exitCode = await load().runInit(args, processIo());
  },
};
