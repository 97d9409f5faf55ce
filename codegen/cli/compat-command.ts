import type { CommandModule } from 'yargs';
import { COMPAT_LEVELS } from '../governance/types';
import { processIo } from './command-io';
import type * as CompatModule from './compat';
import type { CompatArgs } from './compat';
import { registryOption } from './shared-options';

// Loaded when the command runs: `kgen --help` and the other commands must not pay for this one's imports.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const load = (): typeof CompatModule => require('./compat');

export const compatCommand: CommandModule<object, CompatArgs> = {
  command: 'compat <action> [level]',
  describe: 'Get or set the compatibility level of a subject (--subject) or the global default',
  builder: (y) =>
    y
      .positional('action', { type: 'string', describe: 'get or set', demandOption: true })
      .positional('level', { type: 'string', describe: `For set: ${COMPAT_LEVELS.join(', ')}` })
      .option('subject', { type: 'string', describe: 'Subject (default: the global level)' })
      .option('registry', registryOption)
      .option('config', { alias: 'c', type: 'string', describe: 'Config file with "registry"' })
      .option('format', { type: 'string', default: 'text', describe: 'text or json' }),
  handler: async (args) => {
    process.exitCode = await load().runCompat(args as CompatArgs, processIo());
  },
};
