/**
 * The shapes the codegen pipeline passes between its stages: sources in (local files or pulled subjects),
 * files out. Format generators (`avro/`, `protobuf/`) are pure: `(sources, options) → FormatOutput`.
 */

/** One schema to generate code for. */
export interface SourceSchema {
  readonly format: 'AVRO' | 'PROTOBUF' | 'JSON';
  /** Path relative to the schema root with forward slashes; for Protobuf, also the import path. */
  readonly path: string;
  /** File or subject text (for `.avdl`, the IDL text). */
  readonly text: string;
  /** Registry coordinates when pulled (or configured). */
  readonly subject?: string;
  readonly version?: number;
  readonly id?: number;
  /** Registry references: name (Avro full name / Protobuf import path) → subject + version. */
  readonly references: ReadonlyArray<{
    readonly name: string;
    readonly subject: string;
    readonly version: number;
  }>;
}

/** A file to write, relative to the output folder. */
export interface GeneratedFile {
  readonly path: string;
  readonly content: string;
}

/** What a generated module exports for one top-level schema; the topic-map emitter imports these. */
export interface EmittedSchema {
  readonly format: 'AVRO' | 'PROTOBUF' | 'JSON';
  /** Avro full name or Protobuf fully-qualified message name. */
  readonly fullName: string;
  readonly subject?: string;
  /** Module path relative to the output folder, without extension (e.g. `com/acme/order`). */
  readonly module: string;
  /** Exported descriptor value (e.g. `OrderSchema`). */
  readonly descriptorExport: string;
  /** Exported consumer-output type (e.g. `Order`). */
  readonly typeExport: string;
  /** Exported producer-input type (e.g. `OrderInput`; equal to `typeExport` when they do not differ). */
  readonly inputTypeExport: string;
}

export interface FormatOutput {
  readonly files: readonly GeneratedFile[];
  readonly schemas: readonly EmittedSchema[];
}

/** A format's generator: pure, deterministic, no I/O. */
export type FormatGenerator<TOptions> = (sources: readonly SourceSchema[], options: TOptions) => FormatOutput;
