import type { RawFinding } from '../types';

/**
 * Which Protobuf rule set decides. `strict` (default) is what the registry kgen is tested against
 * (Apicurio, protolock-style: renames, same-wire-group type changes, enum value removal and unreserved
 * removals break). `confluent` follows Confluent's ProtobufSchema diff, which treats those as compatible;
 * kgen then reports them as warnings. The agreement suite verifies `strict` only.
 */
export type ProtobufRules = 'strict' | 'confluent';

export const PROTOBUF_RULES: readonly ProtobufRules[] = ['strict', 'confluent'];

/** Rule ids Confluent's ProtobufSchema diff counts as compatible changes. */
const CONFLUENT_COMPATIBLE = new Set([
  'FIELD_NAME_CHANGED',
  'FIELD_NUMBER_CHANGED',
  'FIELD_SCALAR_TYPE_CHANGED',
  'FIELD_STRING_OR_BYTES_LABEL_CHANGED',
  'FIELD_REMOVED_WITHOUT_RESERVE',
  'RESERVED_FIELD_REMOVED',
  'RESERVED_FIELD_REUSED',
  'ENUM_CONST_CHANGED',
  'ENUM_CONST_NUMBER_CHANGED',
  'ENUM_CONST_REMOVED',
]);

/** Applies the rule set: under `confluent`, what Confluent accepts becomes a warning. */
export function applyProtobufRules(findings: readonly RawFinding[], rules: ProtobufRules): RawFinding[] {
  if (rules === 'strict') return [...findings];
  return findings.map((f) =>
    CONFLUENT_COMPATIBLE.has(f.rule) && (f.level ?? 'error') === 'error'
      ? { ...f, level: 'warning', message: `${f.message}; compatible under Confluent's rules` }
      : f,
  );
}
