import { KgenError } from '../errors';

/**
 * What an operator command could not find or reach, or may not touch (a group with live members); the CLI
 * reports it as bad input (exit 2).
 */
export type OpsErrorCode = 'UNKNOWN_GROUP' | 'UNKNOWN_TOPIC' | 'CLUSTER_UNREACHABLE' | 'GROUP_NOT_EMPTY';

/** An operator command's input names something the cluster does not have, or the cluster cannot be reached. */
export class OpsError extends KgenError {
  override readonly code: OpsErrorCode;
  constructor(code: OpsErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.code = code;
  }
}
