import { CodegenError } from '../errors';
import { runCommand, type CommandIo } from './command-io';
import { DOCTOR_FORMATS, formatDoctor, type DoctorFormat } from '../ops/doctor-format';
import { LEVEL_EXIT_CODES } from '../ops/lag-format';
import { brokersOf, opsErrorToCodegen } from '../ops/ops-cli-options';
import { readSubjectFacts, registryFindings } from '../ops/registry-findings';
import { optionalConfig, registryOf } from './compat-cli-options';
import { readClusterFacts } from '../../src/ops/cluster-facts';
import { diagnose, withFindings } from '../../src/ops/doctor-rules';

export interface DoctorArgs {
  /** Topics to judge (default: every non-internal topic). */
  readonly topics?: readonly string[] | undefined;
  readonly format?: string | undefined;
  readonly brokers?: string | undefined;
  /** Config file: its topics' subjects are checked in the registry (default: kgen.config.* when present). */
  readonly config?: string | undefined;
  /** Registry base URL (overrides the config's). */
  readonly registry?: string | undefined;
}

/** `kgen doctor`; returns 0 (only info findings), 3 (a warning), 4 (a critical finding), 2 bad input. */
export async function runDoctor(args: DoctorArgs, io: CommandIo): Promise<number> {
  return runCommand(io, async () => {
    const format = (args.format ?? 'table') as DoctorFormat;
    if (!DOCTOR_FORMATS.includes(format)) {
      throw new CodegenError('BAD_FLAG', `--format must be one of ${DOCTOR_FORMATS.join(', ')}`);
    }
    const brokers = brokersOf(args, io.env);
    const config = await optionalConfig(
      { ...(args.config !== undefined ? { config: args.config } : {}) },
      io.cwd,
    );
    const facts = await readClusterFacts({ brokers, topics: args.topics ?? [] }).catch(opsErrorToCodegen);
    let report = diagnose(facts);
    if (config) {
      const registry = registryOf(
        { ...(args.registry !== undefined ? { registry: args.registry } : {}) },
        config,
        io.env,
      );
      const subjects = await readSubjectFacts(config, registry);
      // Whether a config topic exists is judged against the whole cluster, not only --topics.
      const known =
        (args.topics ?? []).length === 0
          ? facts
          : await readClusterFacts({ brokers, topics: [] }).catch(opsErrorToCodegen);
      report = withFindings(report, registryFindings(subjects, new Set(known.topics.map((t) => t.name))));
    }
    io.stdout(formatDoctor(report, format));
    return LEVEL_EXIT_CODES[report.level];
  });
}
