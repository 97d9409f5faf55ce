import type { CommandModule } from 'yargs';
import { processIo } from './command-io';
import type * as PullModule from './pull';
import type { PullArgs } from './pull';

// Loaded when the command runs: `kgen --help` and the other commands must not pay for this one's imports.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const load = (): typeof PullModule => require('./pull');

export const pullCommand: CommandModule<object, PullArgs> = {
  command: 'pull',
  describe:
    'Fetch the selected subjects (and their references) from the registry; write schemas and kgen.lock.json',
  builder: (y) =>
    y
      .option('config', { alias: 'c', type: 'string', describe: 'Config file (default: kgen.config.json)' })
      .option('registry', {
        type: 'string',
        describe:
          "Registry base URL (overrides the config's registry.url; its auth and timeouts still apply)",
      }),
  handler: async (args) => {
    process.exitCode = await load().runPull(args, processIo());
  },
};
