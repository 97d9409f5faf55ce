import type { CommandModule } from 'yargs';
import { processIo } from './command-io';
import type * as ProduceModule from './produce';
import type { ProduceArgs } from './produce';
import { brokersOption } from './shared-options';

// Loaded when the command runs: `kgen --help` and the other commands must not load the Kafka client.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const load = (): typeof ProduceModule => require('./produce');

export const produceCommand: CommandModule<object, ProduceArgs> = {
  command: 'produce <topic>',
  describe:
    'Send JSON lines (as kgen tail prints them) after checking every line against the schema; exit 2 if one is invalid',
  builder: (y) =>
    y
      .positional('topic', { type: 'string', demandOption: true, describe: 'Topic to send to' })
      .option('file', { type: 'string', describe: 'JSON-lines file (default: stdin)' })
      .option('subject', {
        type: 'string',
        describe: "Value subject (default: the config's, then <topic>-value)",
      })
      .option('key-subject', {
        type: 'string',
        describe: "Key subject (default: the config's, then <topic>-key if registered; else keys are UTF-8)",
      })
      .option('skip-invalid', { type: 'boolean', describe: 'Send the valid lines, report the invalid ones' })
      .option('keep-partition', { type: 'boolean', describe: "Send each record to its line's partition" })
      .option('format', { type: 'string', default: 'table', describe: 'table or json' })
      .option('brokers', brokersOption)
      .option('registry', {
        type: 'string',
        describe: 'Registry URL (default: the config, then $SCHEMA_REGISTRY_URL)',
      })
      .option('config', { type: 'string', describe: 'Config file (default: kgen.config.* when present)' }),
  handler: async (args) => {
    process.exitCode = await load().runProduce(args, processIo());
  },
};
