import type { Direction, RawFinding } from '../types';
import type { JsonSchemaNode } from './json-schema-model';
import { diffJsonSchemas } from './json-schema-diff';
import { explainRule, isCompatibleRule } from './json-schema-rules';

/** A difference path as the registry writes it: a JSON pointer from the schema root (`#/properties/email`). */
export function jsonPointer(path: readonly string[]): string {
  return `#/${path.join('/')}`;
}

/**
 * The breaking differences of one direction: BACKWARD reads data of `prev` with `next`, FORWARD data of
 * `next` with `prev`. Compatible differences (a widened type, a removed bound, ...) are not findings.
 */
export function checkJsonSchemaPair(
  next: JsonSchemaNode,
  prev: JsonSchemaNode,
  direction: Direction,
): RawFinding[] {
  const [writer, reader] = direction === 'backward' ? [prev, next] : [next, prev];
  const out: RawFinding[] = [];
  for (const d of diffJsonSchemas(writer, reader)) {
    if (isCompatibleRule(d.rule)) continue;
    out.push({ rule: d.rule, path: jsonPointer(d.path), message: explainRule(d.rule) });
  }
  return out;
}
