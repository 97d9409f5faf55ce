import type * as avro from 'avsc';
import type { SchemaCodec, WriterSchema } from '../codec';
import type { AvroCodecOptions, AvroSchemaDescriptor, SchemaReference } from '../../topics';
import { parseInto, registerReferences, type AvroRegistry } from './build-type';
import { findInvalid, findUnrepresentable } from './diagnose';
import { AvroDecodeError, AvroEncodeError, AvroSchemaError } from './errors';
import { framedEncoder } from './framed-encoder';
import { markUnrepresentable, throwUnrepresentable, UnrepresentableValue } from './unrepresentable';

type Resolver = ReturnType<avro.Type['createResolver']>;

/** Every Avro schema a descriptor references, transitively, dependencies first; each name once. */
function flattenReferences(
  references: readonly SchemaReference[],
  out: Array<{ name: string; schema: string }> = [],
  seen = new Set<string>(),
): Array<{ name: string; schema: string }> {
  for (const ref of references) {
    if (seen.has(ref.name)) continue;
    seen.add(ref.name);
    if (ref.schema.format !== 'AVRO') {
      throw new AvroSchemaError(
        ref.name,
        `reference "${ref.name}" (subject ${ref.subject}) is not an Avro schema`,
      );
    }
    flattenReferences(ref.schema.references, out, seen);
    out.push({ name: ref.name, schema: ref.schema.schema });
  }
  return out;
}

function buildWithReferences(
  name: string,
  schema: string,
  references: ReadonlyArray<{ name: string; schema: string }>,
  options: AvroCodecOptions,
  onUnrepresentable = throwUnrepresentable,
): avro.Type {
  // No prototype: a type named `constructor` or `toString` must not find Object.prototype's members.
  const registry = Object.create(null) as AvroRegistry;
  registerReferences(references, options, registry, onUnrepresentable);
  return parseInto(schema, options, registry, name, onUnrepresentable);
}

/**
 * The Avro codec of a descriptor: avsc types built once from the schema and its references, with the value
 * representation of `descriptor.options` (the same options the emitter typed the generated code with).
 */
export function createAvroCodec<I, O>(descriptor: AvroSchemaDescriptor<I, O>): SchemaCodec<I, O> {
  const { name, options } = descriptor;
  const references = flattenReferences(descriptor.references);
  const type = buildWithReferences(name, descriptor.schema, references, options);
  const resolvers = new Map<string, Resolver>();
  // Built on the first unrepresentable value only: it returns markers where this codec throws.
  let lenientTwin: avro.Type | undefined;
  const lenient = (schema: string, refs: ReadonlyArray<{ name: string; schema: string }>): avro.Type =>
    buildWithReferences(name, schema, refs, options, markUnrepresentable);

  const decodeError = (
    err: unknown,
    payload: Buffer,
    twinRead: (t: avro.Type) => unknown,
  ): AvroDecodeError => {
    if (err instanceof UnrepresentableValue) {
      let found: ReturnType<typeof findUnrepresentable>;
      try {
        lenientTwin ??= lenient(descriptor.schema, references);
        found = findUnrepresentable(twinRead(lenientTwin));
      } catch {
        found = undefined;
      }
      return new AvroDecodeError(
        { schemaName: name, fieldPath: found?.path ?? '$' },
        found?.marker.reason ?? err.reason,
        { cause: err },
      );
    }
    const message = err instanceof Error ? err.message : String(err);
    return new AvroDecodeError({ schemaName: name, fieldPath: '$' }, `${message} (${payload.length} bytes)`, {
      cause: err,
    });
  };

  const encodeError = (err: unknown, value: unknown): AvroEncodeError => {
    const invalid = findInvalid(type, value);
    return new AvroEncodeError(
      { schemaName: name, fieldPath: invalid?.path ?? '$' },
      invalid?.reason ?? (err instanceof Error ? err.message : String(err)),
      { cause: err },
    );
  };
  const writeFramed = framedEncoder(type);
  const decode = (payload: Buffer): O => {
    try {
      return type.fromBuffer(payload) as O;
    } catch (err) {
      throw decodeError(err, payload, (t) => t.fromBuffer(payload));
    }
  };

  return {
    encode(value: I): Buffer {
      try {
        return type.toBuffer(value);
      } catch (err) {
        throw encodeError(err, value);
      }
    },
    encodeFramed(header: Buffer, value: I): Buffer {
      try {
        return writeFramed(header, value);
      } catch (err) {
        throw encodeError(err, value);
      }
    },
    decode,
    decodeAt(data: Buffer, offset: number): O {
      let read: { value: unknown; offset: number };
      try {
        read = type.decode(data, offset);
      } catch (err) {
        const payload = data.subarray(offset);
        throw decodeError(err, payload, (t) => t.fromBuffer(payload));
      }
      if (read.offset === data.length) return read.value as O;
      // Truncated (offset -1) or trailing bytes: fromBuffer's own checks give the message.
      return decode(data.subarray(offset));
    },
    accepts(value: unknown): boolean {
      // Extra fields disqualify: this picks the variant of a topic with several record types.
      return type.isValid(value, { noUndeclaredFields: true });
    },
    resolving(writer: WriterSchema): (payload: Buffer) => O {
      if (writer.schemaType !== 'AVRO') {
        throw new AvroSchemaError(
          name,
          `cannot read a ${writer.schemaType} writer schema with the Avro codec`,
        );
      }
      const key = JSON.stringify([writer.schema, writer.references]);
      let resolver = resolvers.get(key);
      if (resolver === undefined) {
        const writerType = buildWithReferences(`${name} (writer)`, writer.schema, writer.references, options);
        try {
          resolver = type.createResolver(writerType);
        } catch (err) {
          throw new AvroSchemaError(
            name,
            `cannot read data written with the writer schema: ${(err as Error).message}`,
            {
              cause: err,
            },
          );
        }
        resolvers.set(key, resolver);
      }
      const r = resolver;
      return (payload: Buffer): O => {
        try {
          return type.fromBuffer(payload, r) as O;
        } catch (err) {
          throw decodeError(err, payload, (t) =>
            t.fromBuffer(payload, t.createResolver(lenient(writer.schema, writer.references))),
          );
        }
      };
    },
  };
}
