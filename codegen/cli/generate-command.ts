import type { CommandModule } from 'yargs';
import { IMPORT_EXTENSIONS } from '../emit/import-extension';
import { processIo } from './command-io';
import type * as GenerateModule from './generate';
import type { GenerateArgs } from './generate';

// Loaded when the command runs: `kgen --help` and the other commands must not pay for this one's imports.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const load = (): typeof GenerateModule => require('./generate');

export const generateCommand: CommandModule<object, GenerateArgs> = {
  command: 'generate',
  describe: 'Generate TypeScript types, descriptors and the topic map from schemas',
  builder: (y) =>
    y
      .option('config', { alias: 'c', type: 'string', describe: 'Config file (default: kgen.config.json)' })
      .option('schemas', { type: 'string', describe: 'Folder of .avsc/.avdl/.proto files' })
      .option('out', { type: 'string', describe: 'Output folder (replaced as a whole)' })
      .option('import-extension', {
        choices: [...IMPORT_EXTENSIONS, 'auto'] as const,
        describe:
          'Extension of relative imports in generated code (default auto: from the nearest package.json "type" and tsconfig.json)',
      })
      .option('allow-empty', {
        type: 'boolean',
        describe: 'Accept a schema folder without schemas (removes every generated module)',
      })
      .option('check', {
        type: 'boolean',
        default: false,
        describe: 'Exit 1 and list differing files if the output is out of date; write nothing',
      }),
  handler: async (args) => {
    process.exitCode = await load().runGenerate(args, processIo());
  },
};
