import { CodegenError } from '../errors';
import { OpsError } from '../../src/ops/ops-error';

/** Brokers from `--brokers` (comma-separated) or `KAFKA_BROKERS`. */
export function brokersOf(args: { readonly brokers?: string | undefined }, env: NodeJS.ProcessEnv): string[] {
  const value = args.brokers ?? env['KAFKA_BROKERS'];
  const brokers = (value ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  if (brokers.length === 0) {
    throw new CodegenError(
      'BAD_FLAG',
      'no Kafka brokers: pass --brokers host:port[,host:port] or set KAFKA_BROKERS',
    );
  }
  const bad = brokers.find((b) => !/^[^:\s]+:\d+$/.test(b));
  if (bad !== undefined) throw new CodegenError('BAD_FLAG', `--brokers: "${bad}" is not host:port`);
  return brokers;
}

/** An unknown group/topic or unreachable cluster is bad input: rethrown as a CodegenError (exit 2). */
export function opsErrorToCodegen(err: unknown): never {
  if (err instanceof OpsError) throw new CodegenError(err.code, err.message, {}, { cause: err });
  throw err;
}
