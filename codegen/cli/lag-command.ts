import type { CommandModule } from 'yargs';
import { processIo } from './command-io';
import type * as LagModule from './lag';
import type { LagArgs } from './lag';
import { brokersOption } from './shared-options';

// Loaded when the command runs: `kgen --help` and the other commands must not load the Kafka client.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const load = (): typeof LagModule => require('./lag');

export const lagCommand: CommandModule<object, LagArgs> = {
  command: 'lag',
  describe: 'Consumer-group lag per partition, member and group; exit 0 healthy, 3 warning, 4 critical',
  builder: (y) =>
    y
      .option('group', {
        alias: 'g',
        type: 'string',
        array: true,
        describe: 'Group(s) to report (default: all)',
      })
      .option('topic', { alias: 't', type: 'string', array: true, describe: 'Only these topics' })
      .option('warn', {
        type: 'number',
        default: 1000,
        describe: 'Total group lag from which a group is a warning',
      })
      .option('critical', {
        type: 'number',
        default: 10000,
        describe: 'Total group lag from which it is critical',
      })
      .option('watch', { type: 'string', describe: 'Redraw every interval (e.g. 5s) with the trend' })
      .option('stuck-after', {
        type: 'string',
        describe: 'Lag with a committed offset unmoved this long is stuck (default: the --watch interval)',
      })
      .option('count', { type: 'number', describe: 'With --watch: stop after this many passes' })
      .option('format', { type: 'string', default: 'table', describe: 'table, json, github or junit' })
      .option('brokers', brokersOption),
  handler: async (args) => {
    process.exitCode = await load().runLag(args, processIo());
  },
};
