import { checkCompatibility } from '../check-compatibility';
import type { CompatLevel, Finding } from '../types';
import { loadJsonSchema } from './json-schema-loader';

/** One JSON Schema version: its text and the schemas its `$ref`s name, `[reference name, text]`. */
export interface JsonSchemaVersion {
  readonly text: string;
  readonly references?: ReadonlyArray<readonly [string, string]>;
  /** Shown in findings, e.g. `orders-value v3` (default `v<n>`, oldest first). */
  readonly label?: string;
}

export interface JsonSchemaCompatInput {
  /** File or subject of the new schema, used in findings. */
  readonly file: string;
  readonly next: JsonSchemaVersion;
  /** Previous versions, oldest first; non-transitive levels use only the last. */
  readonly previous: readonly JsonSchemaVersion[];
  readonly level: CompatLevel;
}

/**
 * Checks a new JSON Schema against previous versions at a level with the rules the Confluent registry applies
 * (content model, type widening/narrowing, required, enum, bounds, array items, oneOf/anyOf/allOf branches)
 * and returns every breaking change with its rule id and JSON pointer. Bad input throws a CodegenError.
 */
export function checkJsonSchemaCompatibility(input: JsonSchemaCompatInput): Finding[] {
  const parse = (v: JsonSchemaVersion, where: string) => ({
    format: 'JSON' as const,
    node: loadJsonSchema(v.text, where, v.references ?? []),
  });
  return checkCompatibility({
    file: input.file,
    text: input.next.text,
    next: parse(input.next, input.file),
    previous: input.previous.map((p, i) => {
      const label = p.label ?? `v${i + 1}`;
      return { label, schema: parse(p, label) };
    }),
    level: input.level,
  });
}
