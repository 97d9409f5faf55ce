import type { Argv, CommandModule } from 'yargs';
import { processIo } from './command-io';
import type * as StreamsResetModule from './streams-reset';
import type { StreamsResetArgs } from './streams-reset';
import { brokersOption } from './shared-options';

// Loaded when the command runs: `kgen --help` and the other commands must not load the Kafka client.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const load = (): typeof StreamsResetModule => require('./streams-reset');

const resetCommand: CommandModule<object, StreamsResetArgs> = {
  command: 'reset <applicationId>',
  describe:
    "Delete a streams application's internal topics, its group's offsets and (with --state-dir) its local state; exit 0 done, 1 declined, 2 bad input",
  builder: (y) =>
    y
      .positional('applicationId', {
        type: 'string',
        demandOption: true,
        describe: 'The application id (its consumer group id and internal topic prefix)',
      })
      .option('yes', {
        alias: 'y',
        type: 'boolean',
        describe: 'Do not ask for confirmation (required when stdin is not a terminal)',
      })
      .option('state-dir', {
        type: 'string',
        describe: 'The state dir the application ran with: <state-dir>/<applicationId> is deleted too',
      })
      .option('brokers', brokersOption) as unknown as Argv<StreamsResetArgs>,
  handler: async (args) => {
    process.exitCode = await load().runStreamsReset(args, processIo());
  },
};

export const streamsCommand: CommandModule = {
  command: 'streams <command>',
  describe: 'Operate stream processing applications (reset)',
  builder: (y) => y.command(resetCommand).demandCommand(1, 'Specify a streams command.'),
  handler: () => undefined,
};
