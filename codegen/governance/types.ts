/**
 * Shapes shared by the Avro, Protobuf and JSON Schema rule engines, the level logic and the reporters.
 */

/** A registry compatibility level (Confluent names). */
export type CompatLevel =
  'NONE' | 'BACKWARD' | 'BACKWARD_TRANSITIVE' | 'FORWARD' | 'FORWARD_TRANSITIVE' | 'FULL' | 'FULL_TRANSITIVE';

export const COMPAT_LEVELS: readonly CompatLevel[] = [
  'NONE',
  'BACKWARD',
  'BACKWARD_TRANSITIVE',
  'FORWARD',
  'FORWARD_TRANSITIVE',
  'FULL',
  'FULL_TRANSITIVE',
];

export type SchemaFormat = 'AVRO' | 'PROTOBUF' | 'JSON';

/** `error` breaks compatibility; `warning` is wire-compatible but breaks kgen-generated TypeScript. */
export type Severity = 'error' | 'warning';

/** One problem found in a schema change. */
export interface Finding {
  /** Stable rule id: Confluent's name where one exists (e.g. `READER_FIELD_MISSING_DEFAULT_VALUE`). */
  readonly rule: string;
  readonly level: Severity;
  /** File (or subject) of the new schema the finding is about. */
  readonly file: string;
  /** Where inside the schema, e.g. `com.acme.Order.email` or `shop.Order.items`. */
  readonly path: string;
  /** One line saying what changed and why it matters. */
  readonly message: string;
  /** 1-based line in `file` when known (used by the GitHub reporter). */
  readonly line?: number;
}

/** A rule engine's raw output before file and line are attached. */
export interface RawFinding {
  readonly rule: string;
  readonly path: string;
  readonly message: string;
  readonly level?: Severity;
}

/** The outcome of checking one or more schemas. */
export interface CompatReport {
  readonly compatible: boolean;
  readonly findings: readonly Finding[];
}

/** Which way data flows in one pairwise check. */
export type Direction = 'backward' | 'forward';
