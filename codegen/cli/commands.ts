import type { CommandModule } from 'yargs';
import { generateCommand } from './generate';
import { pullCommand } from './pull';
import { checkCommand } from './check';
import { registerCommand } from './register';
import { compatCommand } from './compat';

/** Every kgen command; each lives in its own file under codegen/cli/. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- yargs' CommandModule is generic per command
export const commands: ReadonlyArray<CommandModule<any, any>> = [
  generateCommand,
  pullCommand,
  checkCommand,
  registerCommand,
  compatCommand,
];
