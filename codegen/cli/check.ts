import { CodegenError, ExitCode } from '../errors';
import { parseLevel } from '../governance/levels';
import { formatReport, REPORT_FORMATS, type ReportFormat } from '../governance/report/format-report';
import { githubErrorAnnotation } from '../governance/report/report-github';
import { PROTOBUF_RULES, type ProtobufRules } from '../governance/protobuf/protobuf-rules';
import { checkOffline, checkRegistry, type CheckOutcome } from '../governance/run-check';
import { runCommand, type CommandIo } from './command-io';
import {
  optionalConfig,
  registryOf,
  schemasDirOf,
  subjectOverrides,
  type SchemaSetArgs,
} from './compat-cli-options';

export interface CheckArgs extends SchemaSetArgs {
  /** Offline: a folder of previous schemas, a lock file (`lock` = the config's), or a git ref. */
  readonly against?: string | undefined;
  /** Level to check at; default: the subject's effective level (registry) or BACKWARD (offline). */
  readonly level?: string | undefined;
  readonly format?: string | undefined;
  /** Pull folder holding the files a lock file names (default: next to the lock file). */
  readonly pullDir?: string | undefined;
  /** Treat subjects missing from the registry as new (compatible) instead of an error. */
  readonly allowNew?: boolean | undefined;
  /** Colour in text output; default: when stdout is a TTY. */
  readonly color?: boolean | undefined;
  /** Protobuf rule set: `strict` (default, verified against the registry) or `confluent`. */
  readonly protobufRules?: string | undefined;
  /** Accept an empty schema folder or `--against` (nothing is checked) instead of exit 2. */
  readonly allowEmpty?: boolean | undefined;
}

/** `kgen check`; returns the exit code (0 compatible, 1 incompatible, 2 bad input or unreachable registry). */
export async function runCheck(args: CheckArgs, io: CommandIo): Promise<number> {
  return runCommand(io, async () => {
    const format = (args.format ?? 'text') as ReportFormat;
    if (!REPORT_FORMATS.includes(format)) {
      throw new CodegenError('BAD_FLAG', `--format must be one of ${REPORT_FORMATS.join(', ')}`);
    }
    const config = await optionalConfig(args, io.cwd);
    const schemasDir = schemasDirOf(args, config, io.cwd);
    const common = {
      schemasDir,
      subjects: subjectOverrides(args, config, schemasDir),
      cwd: io.cwd,
      ...(args.level !== undefined ? { level: parseLevel(args.level) } : {}),
      ...(args.protobufRules !== undefined ? { protobufRules: protobufRulesOf(args.protobufRules) } : {}),
      allowEmpty: args.allowEmpty === true,
    };
    let outcome: CheckOutcome;
    try {
      if (args.against !== undefined) {
        const lock = args.against === 'lock' ? config?.lockFile : undefined;
        const pullDir = args.pullDir ?? (lock ? config?.pullDir : undefined);
        outcome = checkOffline({ ...common, against: lock ?? args.against, ...(pullDir ? { pullDir } : {}) });
      } else {
        outcome = await checkRegistry(registryOf(args, config, io.env), {
          ...common,
          allowNew: args.allowNew === true,
        });
      }
    } catch (err) {
      // In CI, bad input is annotated on the file too (the exit code stays 2).
      if (format === 'github' && err instanceof CodegenError) io.stdout(githubErrorAnnotation(err));
      throw err;
    }
    const text = formatReport(outcome.report, format, {
      color: args.color ?? (process.stdout.isTTY === true && format === 'text'),
      files: outcome.files,
    });
    io.stdout(text.replace(/\n$/, ''));
    return outcome.report.compatible ? ExitCode.ok : ExitCode.incompatible;
  });
}

function protobufRulesOf(value: string): ProtobufRules {
  if (!(PROTOBUF_RULES as readonly string[]).includes(value)) {
    throw new CodegenError('BAD_FLAG', `--protobuf-rules must be one of ${PROTOBUF_RULES.join(', ')}`);
  }
  return value as ProtobufRules;
}
