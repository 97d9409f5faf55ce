import type { CommandModule } from 'yargs';
import { processIo } from './command-io';
import type * as BenchModule from './bench';
import type { BenchArgs } from './bench';
import { brokersOption } from './shared-options';

// Loaded when the command runs: `kgen --help` and the other commands must not load the Kafka client.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const load = (): typeof BenchModule => require('./bench');

export const benchCommand: CommandModule<object, BenchArgs> = {
  command: 'bench',
  describe:
    'Throughput and latency of the typed producer/consumer on a scratch topic; exit 1 if records failed',
  builder: (y) =>
    y
      .option('mode', { type: 'string', default: 'both', describe: 'produce, consume or both' })
      .option('messages', { alias: 'n', type: 'number', default: 10000, describe: 'Records to send' })
      .option('size', { type: 'number', describe: 'Raw values of this many bytes (default 100)' })
      .option('topic', { type: 'string', describe: 'A config topic: random valid records of its schemas' })
      .option('partitions', { type: 'number', default: 3, describe: 'Partitions of the scratch topic' })
      .option('format', { type: 'string', default: 'table', describe: 'table or json' })
      .option('brokers', brokersOption)
      .option('registry', {
        type: 'string',
        describe: 'Registry URL (default: the config, then $SCHEMA_REGISTRY_URL)',
      })
      .option('config', { type: 'string', describe: 'Config file (with --topic; default: kgen.config.*)' }),
  handler: async (args) => {
    process.exitCode = await load().runBenchCommand(args, processIo());
  },
};
