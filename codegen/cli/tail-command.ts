import type { CommandModule } from 'yargs';
import { processIo } from './command-io';
import type * as TailModule from './tail';
import type { TailArgs } from './tail';
import { brokersOption } from './shared-options';

// Loaded when the command runs: `kgen --help` and the other commands must not load the Kafka client.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const load = (): typeof TailModule => require('./tail');

export const tailCommand: CommandModule<object, TailArgs> = {
  command: 'tail <topic>',
  describe:
    "Print a topic's records decoded through the registry (Avro, Protobuf) as JSON; exit 2 on bad input",
  builder: (y) =>
    y
      .positional('topic', { type: 'string', demandOption: true, describe: 'Topic to read' })
      .option('from-beginning', { type: 'boolean', describe: 'Start at the first record kept' })
      .option('offset', { type: 'number', describe: 'Start at this offset (in every partition read)' })
      .option('since', { type: 'string', describe: 'Start at this time: ISO 8601, or a duration ago (10m)' })
      .option('partition', { alias: 'p', type: 'number', describe: 'Only this partition' })
      .option('limit', { alias: 'n', type: 'number', describe: 'Stop after this many records' })
      .option('follow', {
        alias: 'f',
        type: 'boolean',
        describe: 'Keep waiting for new records (default without a start position; else stop at the end)',
      })
      .option('format', { type: 'string', default: 'table', describe: 'table or json (JSON lines)' })
      .option('brokers', brokersOption)
      .option('registry', {
        type: 'string',
        describe: 'Registry URL (default: the config, then $SCHEMA_REGISTRY_URL)',
      })
      .option('config', { type: 'string', describe: 'Config file (default: kgen.config.* when present)' }),
  handler: async (args) => {
    process.exitCode = await load().runTail(args, processIo());
  },
};
