import type { AvroCodecOptions } from '../../src/topics';
import {
  ambiguousBranches,
  isWrappedUnion,
  logicalBucket,
  typeBucket,
  type RuntimeBucket,
} from '../../src/serde/avro/representation';
import { CodegenError } from '../errors';
import type { SourceSchema } from '../model';
import type { AvroModel, NamedDef, TypeNode } from './schema-model';

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Whether a JSON default is valid for `node` (unions: for their first branch, as the spec says). */
export function isValidDefault(
  node: TypeNode,
  value: unknown,
  named: ReadonlyMap<string, NamedDef>,
): boolean {
  switch (node.kind) {
    case 'primitive':
      switch (node.name) {
        case 'null':
          return value === null;
        case 'boolean':
          return typeof value === 'boolean';
        case 'int':
          return Number.isInteger(value) && (value as number) >= INT_MIN && (value as number) <= INT_MAX;
        case 'long':
          return Number.isSafeInteger(value);
        case 'float':
        case 'double':
          return typeof value === 'number';
        case 'bytes':
        case 'string':
          return typeof value === 'string';
      }
      return false;
    case 'logical':
      return isValidDefault(node.underlying, value, named);
    case 'array':
      return Array.isArray(value) && value.every((v) => isValidDefault(node.items, v, named));
    case 'map':
      return isPlainObject(value) && Object.values(value).every((v) => isValidDefault(node.values, v, named));
    case 'union':
      return node.branches[0] !== undefined && isValidDefault(node.branches[0], value, named);
    case 'named': {
      const def = named.get(node.fullName);
      if (!def) return false;
      if (def.kind === 'enum') return typeof value === 'string' && def.symbols.includes(value);
      if (def.kind === 'fixed') return typeof value === 'string' && value.length === def.size;
      return (
        isPlainObject(value) &&
        def.fields.every((f) =>
          Object.hasOwn(value, f.name) ? isValidDefault(f.type, value[f.name], named) : f.hasDefault,
        )
      );
    }
  }
}

/** The `unions: 'plain'` runtime bucket of a type (mirrors the codec's check on avsc types). */
export function bucketOf(
  node: TypeNode,
  named: ReadonlyMap<string, NamedDef>,
  options: AvroCodecOptions,
): RuntimeBucket {
  switch (node.kind) {
    case 'primitive':
      return typeBucket(node.name, options);
    case 'logical':
      return logicalBucket(node.repr);
    case 'array':
      return 'array';
    case 'map':
      return 'object';
    case 'union':
      return 'object'; // not reachable: unions cannot nest
    case 'named': {
      const def = named.get(node.fullName);
      if (def?.kind === 'fixed' && def.logical) return logicalBucket(def.logical);
      return typeBucket(def?.kind ?? 'record', options);
    }
  }
}

/** A type as a user wrote it, for messages: `long`, `com.acme.Status`, `array<string>`, `union [null, int]`. */
export function describeType(node: TypeNode): string {
  switch (node.kind) {
    case 'primitive':
      return node.name;
    case 'named':
      return node.fullName;
    case 'logical':
      return describeType(node.underlying);
    case 'array':
      return `array<${describeType(node.items)}>`;
    case 'map':
      return `map<${describeType(node.values)}>`;
    case 'union':
      return `union [${node.branches.map(describeType).join(', ')}]`;
  }
}

/** Why a default is invalid, in words (the caller knows it is). */
function defaultProblem(node: TypeNode, value: unknown): string {
  const first = node.kind === 'union' ? node.branches[0] : node;
  const target = first?.kind === 'logical' ? first.underlying : first;
  if (target?.kind === 'primitive' && target.name === 'long' && Number.isInteger(value)) {
    return `is outside ±(2^53 − 1): a JSON number that large is not read exactly`;
  }
  const expected =
    node.kind === 'union'
      ? `its first branch ${describeType(node.branches[0]!)} (a union default must match the first branch)`
      : `its type ${describeType(node)}`;
  return `does not match ${expected}`;
}

/** Avro's branch name of a union member (the key of a wrapped union value). */
export function branchName(node: TypeNode): string {
  switch (node.kind) {
    case 'primitive':
      return node.name;
    case 'named':
      return node.fullName;
    case 'logical':
      return branchName(node.underlying);
    case 'array':
    case 'map':
      return node.kind;
    case 'union':
      return 'union';
  }
}

/** Checks every reference resolves, every default fits, and every union is valid under `options`. */
export function validateModel(model: AvroModel, options: AvroCodecOptions): void {
  const { named } = model;
  const check = (node: TypeNode, source: SourceSchema): void => {
    const where = (path: string) => ({
      file: source.path,
      ...(source.subject !== undefined ? { subject: source.subject } : {}),
      path,
    });
    switch (node.kind) {
      case 'named':
        if (!named.has(node.fullName)) {
          throw new CodegenError('UNKNOWN_TYPE', `unknown type name "${node.fullName}"`, where(node.path));
        }
        return;
      case 'array':
        return check(node.items, source);
      case 'map':
        return check(node.values, source);
      case 'logical':
        return check(node.underlying, source);
      case 'union': {
        node.branches.forEach((b) => check(b, source));
        const names = node.branches.map(branchName);
        const dup = names.find((n, i) => names.indexOf(n) !== i);
        if (dup !== undefined) {
          throw new CodegenError('INVALID_UNION', `union has two branches of type ${dup}`, where(node.path));
        }
        if (
          !isWrappedUnion(
            node.branches.map((b) => (b.kind === 'primitive' ? b.name : {})),
            options,
          )
        ) {
          const clash = ambiguousBranches(
            node.branches.map((b) => ({ label: branchName(b), bucket: bucketOf(b, named, options) })),
          );
          if (clash) {
            throw new CodegenError(
              'AMBIGUOUS_UNION',
              `union branches ${clash[0]} and ${clash[1]} are both ${clash[2]} values at runtime, so unions: 'plain' cannot tell them apart; use unions: 'wrapped'`,
              where(node.path),
            );
          }
        }
      }
    }
  };
  for (const def of named.values()) {
    if (def.kind !== 'record') continue;
    for (const field of def.fields) {
      check(field.type, def.source);
      if (field.hasDefault && !isValidDefault(field.type, field.default, named)) {
        throw new CodegenError(
          'INVALID_DEFAULT',
          `default ${JSON.stringify(field.default)} of field ${def.fullName}.${field.name} ${defaultProblem(field.type, field.default)}`,
          {
            file: def.source.path,
            ...(def.source.subject !== undefined ? { subject: def.source.subject } : {}),
            path: `${field.path}.default`,
          },
        );
      }
    }
  }
  for (const top of model.topLevel) check(top.type, top.source);
}
