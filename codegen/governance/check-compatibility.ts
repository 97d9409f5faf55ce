import { CodegenError } from '../errors';
import { checkAvroResolution } from './avro/check-avro-resolution';
import { tsImpactAvro } from './avro/ts-impact-avro';
import { findLine } from './find-line';
import { checkJsonSchemaPair } from './json/json-schema-findings';
import { directionsOf, isTransitive } from './levels';
import type { ParsedSchema } from './parse-schema';
import { checkProtoWire } from './protobuf/check-proto-wire';
import { tsImpactProto } from './protobuf/ts-impact-proto';
import { applyProtobufRules, type ProtobufRules } from './protobuf/protobuf-rules';
import type { CompatLevel, Direction, Finding, RawFinding } from './types';

/** One previous version to check against. */
export interface PreviousSchema {
  /** Shown in messages, e.g. `v3` or `old/orders-value.avsc`. */
  readonly label: string;
  readonly schema: ParsedSchema;
}

export interface CompatInput {
  /** File (or subject) of the new schema, used in findings. */
  readonly file: string;
  /** Text of the new schema, to attach line numbers. */
  readonly text?: string;
  /** `text` is Avro IDL (the `.avdl` protocol a schema came from), not JSON. */
  readonly idl?: boolean;
  readonly next: ParsedSchema;
  /** Previous versions, oldest first; non-transitive levels use only the last. */
  readonly previous: readonly PreviousSchema[];
  readonly level: CompatLevel;
  /** Also report TypeScript-impact warnings against the latest previous version (default true). */
  readonly tsImpact?: boolean;
  /** Protobuf rule set (default `strict`, the one verified against the registry). */
  readonly protobufRules?: ProtobufRules;
}

function rootPath(s: ParsedSchema): string {
  if (s.format === 'PROTOBUF') return s.model.package;
  if (s.format === 'JSON') return '#';
  return 'fullName' in s.node ? s.node.fullName : s.node.kind;
}

/** Raw findings of one direction between two parsed schemas of the same format. */
export function checkPair(next: ParsedSchema, prev: ParsedSchema, direction: Direction): RawFinding[] {
  if (next.format === 'AVRO' && prev.format === 'AVRO') {
    return direction === 'backward'
      ? checkAvroResolution(next.node, prev.node, rootPath(next))
      : checkAvroResolution(prev.node, next.node, rootPath(next));
  }
  if (next.format === 'PROTOBUF' && prev.format === 'PROTOBUF') {
    return direction === 'backward'
      ? checkProtoWire(prev.model, next.model)
      : checkProtoWire(next.model, prev.model);
  }
  if (next.format === 'JSON' && prev.format === 'JSON')
    return checkJsonSchemaPair(next.node, prev.node, direction);
  return [
    {
      rule: 'SCHEMA_TYPE_CHANGED',
      path: '',
      message: `schema format changed ${prev.format} → ${next.format}`,
    },
  ];
}

/** `checkPair`, with the new schema's file named in a rule engine's error that does not name one. */
function pairOf(file: string, next: ParsedSchema, prev: ParsedSchema, direction: Direction): RawFinding[] {
  try {
    return checkPair(next, prev, direction);
  } catch (err) {
    if (err instanceof CodegenError && err.location.file === undefined)
      throw new CodegenError(err.code, err.message, { ...err.location, file }, { cause: err });
    throw err;
  }
}

/**
 * Checks a new schema against previous versions at a level and reports every finding (not just the first):
 * errors from the format's rules per direction and version, then TypeScript-impact warnings.
 */
export function checkCompatibility(input: CompatInput): Finding[] {
  const targets = isTransitive(input.level) ? input.previous : input.previous.slice(-1);
  const seen = new Set<string>();
  const findings: Finding[] = [];
  const push = (raw: RawFinding, suffix: string): void => {
    const key = `${raw.rule}|${raw.path}|${raw.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    const line =
      input.text !== undefined
        ? findLine(input.text, input.next.format, raw.path, input.idl === true)
        : undefined;
    findings.push({
      rule: raw.rule,
      level: raw.level ?? 'error',
      file: input.file,
      path: raw.path,
      message: `${raw.message}${suffix}`,
      ...(line !== undefined ? { line } : {}),
    });
  };
  for (const prev of targets) {
    for (const direction of directionsOf(input.level)) {
      const raws = pairOf(input.file, input.next, prev.schema, direction);
      for (const raw of applyProtobufRules(raws, input.protobufRules ?? 'strict')) {
        push(raw, ` (${direction.toUpperCase()} against ${prev.label})`);
      }
    }
  }
  const latest = input.previous[input.previous.length - 1];
  if (input.tsImpact !== false && latest) {
    const warnings =
      input.next.format === 'AVRO' && latest.schema.format === 'AVRO'
        ? tsImpactAvro(input.next.node, latest.schema.node, rootPath(input.next))
        : input.next.format === 'PROTOBUF' && latest.schema.format === 'PROTOBUF'
          ? tsImpactProto(input.next.model, latest.schema.model)
          : [];
    for (const w of warnings) push(w, ` (against ${latest.label})`);
  }
  return findings;
}

/** Compatible when no finding is an error. */
export function isCompatible(findings: readonly Finding[]): boolean {
  return findings.every((f) => f.level !== 'error');
}
