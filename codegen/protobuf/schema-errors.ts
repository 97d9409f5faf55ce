import { ProtobufSchemaError } from '../../src/serde/protobuf/errors';
import { CodegenError } from '../errors';
import type { SourceSchema } from '../model';

const CODES: Readonly<Record<ProtobufSchemaError['reason'], string>> = {
  syntax: 'PROTO_SYNTAX',
  'missing-import': 'PROTO_MISSING_IMPORT',
  'unknown-type': 'PROTO_UNKNOWN_TYPE',
  conflict: 'PROTO_NAME_CONFLICT',
  invalid: 'PROTO_INVALID',
};

/** A schema problem found while parsing → the CLI's bad-input error, located in the file (and subject). */
export function toCodegenError(
  err: unknown,
  sources: ReadonlyMap<string, SourceSchema>,
  fallbackFile: string,
): unknown {
  if (!(err instanceof ProtobufSchemaError)) return err;
  const file = err.file ?? fallbackFile;
  const subject = sources.get(file)?.subject;
  return new CodegenError(
    CODES[err.reason],
    err.problem,
    {
      file,
      ...(subject !== undefined ? { subject } : {}),
      ...(err.line !== undefined ? { line: err.line } : {}),
      ...(err.column !== undefined ? { column: err.column } : {}),
    },
    { cause: err },
  );
}
