import { resolve, type DiffContext } from './json-diff-context';
import type { JsonSchemaNode, ObjectNode } from './json-schema-model';
import { compareOpenness, compareUnevaluatedAt } from './json-openness-diff';
import { boundRules, compareBound } from './json-scalar-diff';

/**
 * The content model decides whether adding or removing a property is compatible. Open: any extra property
 * with any value (no `additionalProperties` schema, no `patternProperties`); closed: `additionalProperties:
 * false`; partially open: extra properties must match a `patternProperties` or `additionalProperties` schema.
 */
function isOpen(o: ObjectNode): boolean {
  if (o.additional !== true || o.patternProperties.length > 0) return false;
  return o.unevaluated === undefined || resolve(o.unevaluated).kind === 'true';
}

/** The schema a partially open model gives an undeclared property `name`, if any. */
function partialSchemaFor(o: ObjectNode, name: string): JsonSchemaNode | undefined {
  for (const [re, schema] of o.patternProperties) if (re.test(name)) return schema;
  if (o.additional !== true && o.additional !== false) return o.additional;
  if (o.additional === true && o.unevaluated !== undefined) {
    const kind = resolve(o.unevaluated).kind;
    if (kind !== 'false' && kind !== 'true') return o.unevaluated;
  }
  return undefined;
}

export function compareObject(ctx: DiffContext, writer: ObjectNode, reader: ObjectNode): void {
  compareRequired(ctx, writer, reader);
  compareProperties(ctx, writer, reader);
  compareDependencies(ctx, writer, reader);
  compareOpenness(
    ctx.at('additionalProperties'),
    writer.additional,
    reader.additional,
    'ADDITIONAL_PROPERTIES',
  );
  compareUnevaluated(ctx, writer.unevaluated, reader.unevaluated);
  compareBound(
    ctx,
    'maxProperties',
    writer.maxProperties,
    reader.maxProperties,
    boundRules('MAX_PROPERTIES'),
  );
  compareBound(
    ctx,
    'minProperties',
    writer.minProperties,
    reader.minProperties,
    boundRules('MIN_PROPERTIES'),
  );
}

/** A property both sides declare that became required (or optional). */
function compareRequired(ctx: DiffContext, writer: ObjectNode, reader: ObjectNode): void {
  for (const name of writer.properties.keys()) {
    const schema = reader.properties.get(name);
    if (schema === undefined) continue;
    const was = writer.required.has(name);
    const is = reader.required.has(name);
    if (was && !is) ctx.add('REQUIRED_ATTRIBUTE_REMOVED', 'required', name);
    else if (!was && is)
      ctx.add(
        schema.hasDefault ? 'REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED' : 'REQUIRED_ATTRIBUTE_ADDED',
        'required',
        name,
      );
  }
}

function compareProperties(ctx: DiffContext, writer: ObjectNode, reader: ObjectNode): void {
  const names = new Set([...writer.properties.keys(), ...reader.properties.keys()]);
  for (const name of names) {
    const at = ctx.at('properties', name);
    const w = writer.properties.get(name);
    const r = reader.properties.get(name);
    if (w !== undefined && r !== undefined) at.compare(w, r);
    else if (w !== undefined) propertyRemoved(at, name, w, reader);
    else if (r !== undefined) propertyAdded(at, name, r, writer, reader);
  }
}

/** The reader dropped a property the writer declared: only the reader's content model matters. */
function propertyRemoved(at: DiffContext, name: string, written: JsonSchemaNode, reader: ObjectNode): void {
  if (isOpen(reader)) return at.add('PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL');
  const partial = partialSchemaFor(reader, name);
  if (partial !== undefined) {
    return at.covered(written, partial, {
      covered: 'PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
      notCovered: 'PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
    });
  }
  at.add(
    resolve(written).kind === 'false'
      ? 'PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL'
      : 'PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL',
  );
}

/** The reader declares a property the writer did not: only the writer's content model matters. */
function propertyAdded(
  at: DiffContext,
  name: string,
  added: JsonSchemaNode,
  writer: ObjectNode,
  reader: ObjectNode,
): void {
  const required = reader.required.has(name);
  if (isOpen(writer)) {
    // The writer may have written this property with any value: only an accept-all schema is safe.
    if (resolve(added).kind === 'true')
      return at.add('PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL');
    if (!required) return at.add('OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL');
    return at.add(
      added.hasDefault
        ? 'REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_OPEN_CONTENT_MODEL'
        : 'REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL',
    );
  }
  const partial = partialSchemaFor(writer, name);
  if (partial !== undefined) {
    at.covered(partial, added, {
      covered: 'PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
      notCovered: 'PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
    });
  }
  if (!required) return at.add('OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL');
  at.add(
    added.hasDefault
      ? 'REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL'
      : 'REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL',
  );
}

function compareDependencies(ctx: DiffContext, writer: ObjectNode, reader: ObjectNode): void {
  const at = ctx.at('dependencies');
  const names = new Set([...writer.propertyDependencies.keys(), ...reader.propertyDependencies.keys()]);
  for (const name of names) {
    const w = writer.propertyDependencies.get(name);
    const r = reader.propertyDependencies.get(name);
    if (r === undefined) at.add('DEPENDENCY_ARRAY_REMOVED', name);
    else if (w === undefined) at.add('DEPENDENCY_ARRAY_ADDED', name);
    else {
      const rHasAll = [...w].every((p) => r.has(p));
      const wHasAll = [...r].every((p) => w.has(p));
      if (rHasAll && wHasAll) continue;
      at.add(
        rHasAll
          ? 'DEPENDENCY_ARRAY_EXTENDED'
          : wHasAll
            ? 'DEPENDENCY_ARRAY_NARROWED'
            : 'DEPENDENCY_ARRAY_CHANGED',
        name,
      );
    }
  }
  const schemaNames = new Set([...writer.schemaDependencies.keys(), ...reader.schemaDependencies.keys()]);
  for (const name of schemaNames) {
    const w = writer.schemaDependencies.get(name);
    const r = reader.schemaDependencies.get(name);
    if (r === undefined) at.add('DEPENDENCY_SCHEMA_REMOVED', name);
    else if (w === undefined) at.add('DEPENDENCY_SCHEMA_ADDED', name);
    else at.at(name).compare(w, r);
  }
}

function compareUnevaluated(
  ctx: DiffContext,
  writer: JsonSchemaNode | undefined,
  reader: JsonSchemaNode | undefined,
): void {
  compareUnevaluatedAt(ctx.at('unevaluatedProperties'), writer, reader, 'UNEVALUATED_PROPERTIES');
}
