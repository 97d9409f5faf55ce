import { KgenError } from '../../errors';

/** Where in a value an Avro problem is, e.g. `$.items[2].price`. */
export interface AvroProblem {
  /** Full name of the top-level schema the codec was built for. */
  readonly schemaName: string;
  /** Path of the offending field inside the value, `$` for the value itself. */
  readonly fieldPath: string;
}

/** Base of the errors about one value; the message reads `cannot <verb> <schema>: <path>: <reason>`. */
export abstract class AvroValueError extends KgenError implements AvroProblem {
  /** Full name of the top-level schema the codec was built for. */
  readonly schemaName: string;
  /** Path of the offending field inside the value, `$` for the value itself. */
  readonly fieldPath: string;
  constructor(
    code: 'SERIALIZATION' | 'DESERIALIZATION',
    verb: string,
    problem: AvroProblem,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(code, `cannot ${verb} ${problem.schemaName}: ${problem.fieldPath}: ${reason}`, options);
    this.schemaName = problem.schemaName;
    this.fieldPath = problem.fieldPath;
  }
}

/** A value the codec cannot encode: names the field path and what is wrong with it. */
export class AvroEncodeError extends AvroValueError {
  constructor(problem: AvroProblem, reason: string, options?: { cause?: unknown }) {
    super('SERIALIZATION', 'encode', problem, reason, options);
  }
}

/**
 * A payload the codec cannot decode: truncated or corrupt, or holding a value the configured representation
 * cannot hold exactly (a `long` past ±(2^53 − 1) with `long: 'number'`, a timestamp or date outside a
 * `Date`'s range); `fieldPath` names the field.
 */
export class AvroDecodeError extends AvroValueError {
  constructor(problem: AvroProblem, reason: string, options?: { cause?: unknown }) {
    super('DESERIALIZATION', 'decode', problem, reason, options);
  }
}

/** A schema the codec cannot be built from (invalid, unresolved reference, union ambiguous under `plain`). */
export class AvroSchemaError extends KgenError {
  /** Full name (or reference name) of the schema being built. */
  readonly schemaName: string;
  constructor(schemaName: string, reason: string, options?: { cause?: unknown }) {
    super('INVALID_SCHEMA', `invalid Avro schema ${schemaName}: ${reason}`, options);
    this.schemaName = schemaName;
  }
}
