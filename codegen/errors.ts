/**
 * Errors the CLI reports as "bad input" (exit code 2): each names where the problem is (file or subject,
 * and a JSON path or line/column inside it) and what is wrong.
 */
export interface SchemaLocation {
  readonly file?: string;
  readonly subject?: string;
  /** JSON path inside an Avro schema or config file, e.g. `$.fields[2].type`. */
  readonly path?: string;
  readonly line?: number;
  readonly column?: number;
}

export class CodegenError extends Error {
  readonly code: string;
  readonly location: SchemaLocation;
  constructor(code: string, message: string, location: SchemaLocation = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.location = location;
  }

  /** `file:line:col (subject) at $.path: message` — one line a user can act on. */
  format(): string {
    const l = this.location;
    const where = [
      l.file
        ? `${l.file}${l.line !== undefined ? `:${l.line}${l.column !== undefined ? `:${l.column}` : ''}` : ''}`
        : undefined,
      l.subject ? `subject "${l.subject}"` : undefined,
      l.path ? `at ${l.path}` : undefined,
    ].filter(Boolean);
    return `${where.length ? `${where.join(' ')}: ` : ''}${this.message} [${this.code}]`;
  }
}

/** Exit codes shared by every command. */
export const ExitCode = {
  ok: 0,
  /** `generate --check`: generated code is out of date; `check`: incompatible. */
  drift: 1,
  incompatible: 1,
  /** Bad input, bad config, unreachable registry. */
  error: 2,
} as const;
