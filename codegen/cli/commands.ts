import type { CommandModule } from 'yargs';

/** Every kgen command; each lives in its own file under codegen/cli/. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- yargs' CommandModule is generic per command
export const commands: ReadonlyArray<CommandModule<any, any>> = [];
