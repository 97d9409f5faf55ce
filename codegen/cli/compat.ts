import { CodegenError, ExitCode } from '../errors';
import { parseLevel } from '../governance/levels';
import { runCommand, type CommandIo } from './command-io';
import { optionalConfig, registryOf } from './compat-cli-options';

export interface CompatArgs {
  readonly action: string;
  /** Level for `set`. */
  readonly level?: string | undefined;
  /** Subject; omitted → the global level. */
  readonly subject?: string | undefined;
  readonly registry?: string | undefined;
  readonly config?: string | undefined;
  readonly format?: string | undefined;
}

/** `kgen compat get|set`: reads or sets a subject's (or the global) compatibility level. */
export async function runCompat(args: CompatArgs, io: CommandIo): Promise<number> {
  return runCommand(io, async () => {
    if (args.action !== 'get' && args.action !== 'set') {
      throw new CodegenError('BAD_FLAG', `unknown action "${args.action}" (expected get or set)`);
    }
    if (args.format !== undefined && args.format !== 'text' && args.format !== 'json') {
      throw new CodegenError('BAD_FLAG', '--format must be text or json');
    }
    const flags = { config: args.config, registry: args.registry };
    const config = args.registry === undefined ? await optionalConfig(flags, io.cwd) : undefined;
    const registry = registryOf(flags, config, io.env);
    const scope = args.subject ?? 'global';
    let result: { level: string; source: string };
    if (args.action === 'set') {
      const level = parseLevel(args.level ?? '', 'level');
      result = {
        level: await registry.setLevel(level, args.subject),
        source: args.subject ? 'subject' : 'global',
      };
    } else {
      if (args.subject !== undefined) await registry.versions(args.subject); // unknown subject → exit 2
      result = await registry.getLevelSource(args.subject);
    }
    if (args.format === 'json') io.stdout(JSON.stringify({ subject: args.subject ?? null, ...result }));
    else
      io.stdout(
        `${scope}: ${result.level}${args.subject && result.source === 'global' ? ' (inherited from global)' : ''}`,
      );
    return ExitCode.ok;
  });
}
