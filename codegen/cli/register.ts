import * as path from 'node:path';
import { CodegenError, ExitCode } from '../errors';
import { registerSchemas, type RegisterStep } from '../governance/register-schemas';
import { buildSchemaSet } from '../governance/schema-set';
import { readSchemaFolder } from '../schema-folder';
import { parseSchema } from '../governance/parse-schema';
import { checkJsonSchemas } from '../jsonschema/check-files';
import { localSchemaText } from '../governance/previous-sources';
import { runCommand, type CommandIo } from './command-io';
import { NO_SCHEMA_FILES, refuseEmptyInput } from '../empty-input';
import {
  optionalConfig,
  registryOf,
  schemasDirOf,
  subjectOverrides,
  type SchemaSetArgs,
} from './compat-cli-options';

export interface RegisterArgs extends SchemaSetArgs {
  /** Print the plan; register nothing. */
  readonly dryRun?: boolean | undefined;
  /** `text` (default) or `json` (one object `{ dryRun, steps }`). */
  readonly format?: string | undefined;
  /** Accept a schema folder without schemas (nothing is registered) instead of exit 2. */
  readonly allowEmpty?: boolean | undefined;
}

function describe(step: RegisterStep, file: string): string {
  const refs = step.references.map((r) => `${r.name} → ${r.subject}@${r.version ?? 'new'}`).join(', ');
  const where = step.version !== undefined ? ` v${step.version}` : '';
  const id = step.id !== undefined ? ` (id ${step.id})` : '';
  const action = step.action === 'would-register' ? 'would register' : step.action;
  return `${action.padEnd(14)} ${step.subject}${where}${id}  ${file}${refs ? `  references: ${refs}` : ''}`;
}

/** `kgen register`; 0 done, 1 the registry rejected a schema as incompatible, 2 bad input or registry error. */
export async function runRegister(args: RegisterArgs, io: CommandIo): Promise<number> {
  let rejected = false;
  const code = await runCommand(io, async () => {
    if (args.format !== undefined && args.format !== 'text' && args.format !== 'json') {
      throw new CodegenError('BAD_FLAG', '--format must be text or json');
    }
    const config = await optionalConfig(args, io.cwd);
    const schemasDir = schemasDirOf(args, config, io.cwd);
    const display = (f: string): string =>
      path.relative(io.cwd, path.join(schemasDir, f)).split(path.sep).join('/');
    const files = readSchemaFolder(schemasDir);
    if (files.length === 0)
      refuseEmptyInput(
        `${NO_SCHEMA_FILES} in ${schemasDir}`,
        'there is nothing to register',
        { file: schemasDir },
        args.allowEmpty,
      );
    const set = buildSchemaSet(files, subjectOverrides(args, config, schemasDir), display);
    // Parse everything first: a bad schema or a missing reference stops the run before anything is written.
    for (const s of set) if (s.format !== 'JSON') parseSchema(localSchemaText(s, set), display(s.file));
    checkJsonSchemas(set, display);
    const registry = registryOf(args, config, io.env);
    const json = args.format === 'json';
    try {
      const steps = await registerSchemas(registry, set, {
        dryRun: args.dryRun === true,
        onStep: (s) => {
          if (!json) io.stdout(describe(s, display(s.file)));
        },
      });
      if (json) io.stdout(JSON.stringify({ dryRun: args.dryRun === true, steps }));
      else if (args.dryRun) io.stderr('kgen register: dry run, nothing was registered');
    } catch (err) {
      if (err instanceof CodegenError && err.code === 'INCOMPATIBLE') rejected = true;
      throw err;
    }
    return ExitCode.ok;
  });
  return rejected ? ExitCode.incompatible : code;
}
