import { KgenError } from '../../errors';

/** One failed rule: where in the value (`$.items[0].qty`) and which keyword (`minimum`). */
export interface JsonSchemaProblem {
  /** The schema's name (title, file or subject). */
  readonly schemaName: string;
  /** Path of the offending value, `$` for the value itself (from Ajv's `instancePath`). */
  readonly fieldPath: string;
  /** The JSON Schema keyword that failed, e.g. `required`, `type`, `minimum`, `additionalProperties`. */
  readonly keyword: string;
}

/** A value that does not validate against its JSON Schema (on send always; on consume unless turned off). */
export class JsonValidationError extends KgenError implements JsonSchemaProblem {
  readonly schemaName: string;
  readonly fieldPath: string;
  readonly keyword: string;
  constructor(problem: JsonSchemaProblem, reason: string, options?: { cause?: unknown }) {
    super(
      'JSON_VALIDATION',
      `${problem.schemaName}: ${problem.fieldPath}: ${reason} (rule "${problem.keyword}")`,
      options,
    );
    this.schemaName = problem.schemaName;
    this.fieldPath = problem.fieldPath;
    this.keyword = problem.keyword;
  }
}

/** A payload that is not JSON text (the frame was fine, the bytes after it are not). */
export class JsonDecodeError extends KgenError {
  readonly schemaName: string;
  constructor(schemaName: string, reason: string, options?: { cause?: unknown }) {
    super('DESERIALIZATION', `cannot decode ${schemaName}: ${reason}`, options);
    this.schemaName = schemaName;
  }
}

/** A JSON Schema the codec cannot be compiled from (unknown draft, bad keyword value, unresolvable `$ref`). */
export class JsonSchemaError extends KgenError {
  readonly schemaName: string;
  constructor(schemaName: string, reason: string, options?: { cause?: unknown }) {
    super('INVALID_SCHEMA', `invalid JSON Schema ${schemaName}: ${reason}`, options);
    this.schemaName = schemaName;
  }
}
