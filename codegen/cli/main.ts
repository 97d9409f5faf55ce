import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { checkCommand } from './check-command';
import { compatCommand } from './compat-command';
import { doctorCommand } from './doctor-command';
import { generateCommand } from './generate-command';
import { lagCommand } from './lag-command';
import { pullCommand } from './pull-command';
import { registerCommand } from './register-command';
import { streamsCommand } from './streams-command';

/** The kgen CLI: parses arguments and hands each command to its module. */
async function main(argv: string[]): Promise<void> {
  const cli = yargs(argv)
    .scriptName('kgen')
    .usage('$0 <command> [options]\n\nTyped Kafka for TypeScript: schema-registry codegen and governance.')
    .strict()
    .demandCommand(1, 'Specify a command.')
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(110, process.stdout.columns || 110))
    // Usage errors (unknown flag, missing argument) are bad input: exit 2, never 1 ("incompatible"/"drift").
    .fail((message: string | undefined, err: Error | undefined) => {
      if (err) throw err;
      console.error(`${message ?? 'invalid arguments'}\nRun "kgen --help" for usage.`);
      process.exit(2);
    })
    // One call per command (each typed by its own module; one array of them would lose those types).
    .command(generateCommand)
    .command(pullCommand)
    .command(checkCommand)
    .command(registerCommand)
    .command(compatCommand)
    .command(lagCommand)
    .command(doctorCommand)
    .command(streamsCommand);
  await cli.parseAsync();
}

main(hideBin(process.argv)).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 2;
});
