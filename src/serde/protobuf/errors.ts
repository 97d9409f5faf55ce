import { KgenError } from '../../errors';

/** A value that does not fit its Protobuf message: names the field path and what is wrong. */
export class ProtobufEncodeError extends KgenError {
  /** Dotted path of the offending field from the message root, e.g. `order.items[2].price`. */
  readonly field: string;
  /** What is wrong with it, e.g. `expected an integer, got 1.5`. */
  readonly problem: string;
  constructor(messageName: string, field: string, problem: string) {
    super('PROTOBUF_ENCODE', `cannot encode ${messageName}: field "${field}": ${problem}`);
    this.field = field;
    this.problem = problem;
  }
}

/** A payload that is not a valid encoding of the message (truncated, wrong wire type, missing required field). */
export class ProtobufDecodeError extends KgenError {
  constructor(messageName: string, problem: string, options?: { cause?: unknown }) {
    super('PROTOBUF_DECODE', `cannot decode ${messageName}: ${problem}`, options);
  }
}

/** Kinds of schema problems: syntax, an import no file answers, a type no file declares, a name declared twice. */
export type ProtobufSchemaProblem = 'syntax' | 'missing-import' | 'unknown-type' | 'conflict' | 'invalid';

/**
 * A `.proto` schema that cannot be used: syntax error, missing import, unknown type, duplicate name. Carries
 * the file and, when known, the 1-based line and column, so the CLI can point at it.
 */
export class ProtobufSchemaError extends KgenError {
  /** Which kind of problem, for callers that map it to their own codes. */
  readonly reason: ProtobufSchemaProblem;
  /** The `.proto` file, when known. */
  readonly file: string | undefined;
  /** 1-based line of the problem, when known. */
  readonly line: number | undefined;
  /** 1-based column of the problem, when known. */
  readonly column: number | undefined;
  /** The problem without the location prefix. */
  readonly problem: string;
  constructor(
    problem: string,
    location: { file?: string; line?: number; column?: number } = {},
    reason: ProtobufSchemaProblem = 'invalid',
  ) {
    const where = location.file
      ? `${location.file}${location.line !== undefined ? `:${location.line}:${location.column ?? 1}` : ''}: `
      : '';
    super('PROTOBUF_SCHEMA', `${where}${problem}`);
    this.problem = problem;
    this.reason = reason;
    this.file = location.file;
    this.line = location.line;
    this.column = location.column;
  }
}
