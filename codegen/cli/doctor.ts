import { CodegenError } from '../errors';
import { runCommand, type CommandIo } from '../pipeline/command-io';
import { DOCTOR_FORMATS, formatDoctor, type DoctorFormat } from '../ops/doctor-format';
import { LEVEL_EXIT_CODES } from '../ops/lag-format';
import { brokersOf, opsErrorToCodegen } from '../ops/ops-cli-options';
import { readClusterFacts } from '../../src/ops/cluster-facts';
import { diagnose } from '../../src/ops/doctor-rules';

export interface DoctorArgs {
  /** Topics to judge (default: every non-internal topic). */
  readonly topics?: readonly string[] | undefined;
  readonly format?: string | undefined;
  readonly brokers?: string | undefined;
}

/** `kgen doctor`; returns 0 (only info findings), 3 (a warning), 4 (a critical finding), 2 bad input. */
export async function runDoctor(args: DoctorArgs, io: CommandIo): Promise<number> {
  return runCommand(io, async () => {
    const format = (args.format ?? 'table') as DoctorFormat;
    if (!DOCTOR_FORMATS.includes(format)) {
      throw new CodegenError('BAD_FLAG', `--format must be one of ${DOCTOR_FORMATS.join(', ')}`);
    }
    const brokers = brokersOf(args, io.env);
    const facts = await readClusterFacts({ brokers, topics: args.topics ?? [] }).catch(opsErrorToCodegen);
    const report = diagnose(facts);
    io.stdout(formatDoctor(report, format));
    return LEVEL_EXIT_CODES[report.level];
  });
}
