import * as avro from 'avsc';
import type { AvroCodecOptions } from '../../topics';
import { bigintLong, lenientNumberLong, numberLong } from './exact-long';
import { AvroSchemaError } from './errors';
import {
  PrototypeSafeMapType,
  PrototypeSafeRecordType,
  prototypeSafeEnumType,
  prototypeSafeUnwrappedUnionType,
  prototypeSafeWrappedUnionType,
} from './prototype-safe-types';
import { checkNamedSchema, explainDefaultError } from './schema-checks';
import { throwUnrepresentable, type OnUnrepresentable } from './unrepresentable';
import { DateType, DecimalType, KgenLogicalType, TimestampType } from './logical-types';
import {
  ambiguousBranches,
  isWrappedUnion,
  logicalRepresentation,
  typeBucket,
  type LogicalRepresentation,
} from './representation';

/** Named types parsed so far (full name → type); shared by a schema and the schemas it references. */
export type AvroRegistry = Record<string, avro.Type>;

type SchemaObject = Readonly<Record<string, unknown>>;

function isObject(v: unknown): v is SchemaObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function createLogical(
  schema: SchemaObject,
  opts: unknown,
  repr: LogicalRepresentation,
  onUnrepresentable: OnUnrepresentable,
): avro.Type {
  switch (repr.kind) {
    case 'timestamp':
      return new TimestampType(schema, opts, repr, onUnrepresentable);
    case 'date':
      return new DateType(schema, opts, repr, onUnrepresentable);
    case 'decimal':
      return new DecimalType(schema, opts, repr, onUnrepresentable);
  }
}

/** Whether a logical type reads its underlying `long` as a bigint whatever the `long` option says. */
function needsBigintUnderlying(repr: LogicalRepresentation): boolean {
  return repr.kind === 'timestamp' && repr.as === 'bigint';
}

function branchLabel(type: avro.Type): string {
  return type instanceof KgenLogicalType
    ? type.typeName
    : (type.name ?? type.typeName.replace('abstract:', ''));
}

/**
 * avsc's type hook, applying `options`: logical types from `logicalRepresentation`, `long` as bigint, and
 * per-union wrapping (`["null", T]` is never wrapped; other unions follow `unions`).
 */
function typeHook(options: AvroCodecOptions, schemaName: string, onUnrepresentable: OnUnrepresentable) {
  // Schemas whose logical type is being constructed: the second visit asks for the underlying type, and
  // the value says whether that underlying `long` is read as a bigint. (Unions are built here, never twice.)
  const underlying = new WeakMap<object, boolean>();
  const defaultLong =
    options.long === 'bigint'
      ? bigintLong
      : onUnrepresentable === throwUnrepresentable
        ? numberLong
        : lenientNumberLong;
  // Every `long` goes through the codec's exact types: avsc's own corrupts values past 2^52.
  const longType = (bigint: boolean): avro.Type => (bigint ? bigintLong : defaultLong);

  const hook = (schema: unknown, opts: Record<string, unknown>): avro.Type | undefined => {
    if (typeof schema === 'string') return schema === 'long' ? defaultLong : undefined;
    if (Array.isArray(schema)) return buildUnion(schema, opts);
    if (!isObject(schema)) return undefined;
    let bigint = false;
    if (underlying.has(schema)) {
      bigint = underlying.get(schema) === true;
      underlying.delete(schema);
    } else {
      const repr = logicalRepresentation(schema, options);
      if (repr) {
        underlying.set(schema, needsBigintUnderlying(repr));
        return createLogical(schema, opts, repr, onUnrepresentable);
      }
    }
    switch (schema['type']) {
      case 'long':
        return longType(bigint);
      case 'record':
      case 'error':
        checkNamedSchema(schema);
        try {
          return new PrototypeSafeRecordType(schema as avro.Schema, opts);
        } catch (err) {
          throw explainDefaultError(schema, err);
        }
      case 'fixed':
        checkNamedSchema(schema);
        return undefined;
      case 'map':
        return new PrototypeSafeMapType(schema as avro.Schema, opts);
      case 'enum':
        return prototypeSafeEnumType(schema, opts);
      default:
        return undefined;
    }
  };

  const buildUnion = (branches: unknown[], opts: Record<string, unknown>): avro.Type => {
    const wrapped = isWrappedUnion(branches, options);
    // Built here rather than by avsc, whose branch indexes are plain objects (see prototype-safe-types).
    const types = branches.map((b) => avro.Type.forSchema(b as avro.Schema, opts));
    // A logical branch shares its underlying type's branch name, and Avro allows one branch per name.
    const names = types.map((t) => t.branchName);
    const dup = names.find((n, i) => names.indexOf(n) !== i);
    if (dup !== undefined) throw new AvroSchemaError(schemaName, `union has two branches of type ${dup}`);
    let union: avro.Type;
    try {
      union = wrapped ? prototypeSafeWrappedUnionType(types) : prototypeSafeUnwrappedUnionType(types);
    } catch (err) {
      if (err instanceof Error && err.message.startsWith('ambiguous unwrapped union')) {
        throw new AvroSchemaError(schemaName, ambiguityReason(JSON.stringify(branches)), { cause: err });
      }
      throw err;
    }
    if (!wrapped) {
      const clash = ambiguousBranches(
        types.map((t) => ({
          label: branchLabel(t),
          bucket:
            t instanceof KgenLogicalType
              ? t.bucket
              : typeBucket(t.typeName.replace('abstract:', ''), options),
        })),
      );
      if (clash) {
        throw new AvroSchemaError(
          schemaName,
          ambiguityReason(`[${clash[0]}, ${clash[1]}]`, `both are ${clash[2]} values at runtime`),
        );
      }
    }
    return union;
  };
  return hook;
}

function ambiguityReason(branches: string, why = 'two branches share a JavaScript representation'): string {
  return `union ${branches} is ambiguous with unions: 'plain' (${why}); use unions: 'wrapped'`;
}

/** Parses one schema (JSON text or value) into `registry` with the codec's representation of `options`. */
export function buildType(
  schema: unknown,
  options: AvroCodecOptions,
  registry: AvroRegistry,
  schemaName: string,
  onUnrepresentable: OnUnrepresentable = throwUnrepresentable,
): avro.Type {
  const opts: Record<string, unknown> = {
    registry,
    wrapUnions: 'never',
    // Decoded records are plain data: no clone/toBuffer methods on their prototype.
    omitRecordMethods: true,
    typeHook: typeHook(options, schemaName, onUnrepresentable),
  };
  try {
    return avro.Type.forSchema(schema as avro.Schema, opts);
  } catch (err) {
    if (err instanceof AvroSchemaError) throw err;
    throw new AvroSchemaError(schemaName, err instanceof Error ? err.message : String(err), { cause: err });
  }
}

/** Parses schema text into `registry`; a failure leaves no partial names in it. */
export function parseInto(
  text: string,
  options: AvroCodecOptions,
  registry: AvroRegistry,
  schemaName: string,
  onUnrepresentable: OnUnrepresentable = throwUnrepresentable,
): avro.Type {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new AvroSchemaError(schemaName, `schema text is not JSON (${(err as Error).message})`, {
      cause: err,
    });
  }
  // Names resolve through the prototype; new ones land on `attempt` and are copied over only on success.
  const attempt = Object.create(registry) as AvroRegistry;
  const type = buildType(json, options, attempt, schemaName, onUnrepresentable);
  Object.assign(registry, attempt);
  return type;
}

/**
 * Parses referenced schemas into `registry` in an order where each one's dependencies come first, whatever
 * order they are given in (a reference that names an undefined type is retried after the others).
 */
export function registerReferences(
  references: ReadonlyArray<{ readonly name: string; readonly schema: string }>,
  options: AvroCodecOptions,
  registry: AvroRegistry,
  onUnrepresentable: OnUnrepresentable = throwUnrepresentable,
): void {
  let pending = [...references];
  while (pending.length > 0) {
    const failed: typeof pending = [];
    let lastError: unknown;
    for (const ref of pending) {
      if (registry[ref.name] !== undefined) continue; // reached twice through a diamond of references
      try {
        parseInto(ref.schema, options, registry, ref.name, onUnrepresentable);
      } catch (err) {
        failed.push(ref);
        lastError = err;
      }
    }
    if (failed.length === pending.length) throw lastError;
    pending = failed;
  }
}
