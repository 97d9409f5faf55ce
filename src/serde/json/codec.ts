import { Slab, writeHeader } from '../slab';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { JsonSchemaDescriptor, SchemaReference } from '../../topics';
import type { SchemaCodec } from '../codec';
import { addDateTimeKeyword, hasDateTime, markDateTimes } from './date-time';
import { createAjv, draftOf, type JsonSchemaDraft } from './drafts';
import { JsonDecodeError, JsonSchemaError, JsonValidationError } from './errors';

/** The JSON Schema codec: UTF-8 JSON text, validated by validators compiled once per schema. */
export interface JsonCodec<TInput, TOutput> extends SchemaCodec<TInput, TOutput> {
  /** The draft the schema's `$schema` chose. */
  readonly draft: JsonSchemaDraft;
}

/** `/items/0/qty` → `$.items[0].qty`; the missing or extra property of `required`/`additionalProperties` appended. */
export function fieldPathOf(error: ErrorObject): string {
  const segments = error.instancePath === '' ? [] : error.instancePath.slice(1).split('/');
  const extra =
    error.keyword === 'required'
      ? (error.params as { missingProperty?: string }).missingProperty
      : error.keyword === 'additionalProperties'
        ? (error.params as { additionalProperty?: string }).additionalProperty
        : undefined;
  if (extra !== undefined) segments.push(extra);
  let path = '$';
  for (const raw of segments) {
    const s = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    path += /^\d+$/.test(s) ? `[${s}]` : /^[A-Za-z_$][\w$]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`;
  }
  return path;
}

function flatten(
  references: readonly SchemaReference[],
  out = new Map<string, string>(),
): Map<string, string> {
  for (const ref of references) {
    if (out.has(ref.name)) continue;
    out.set(ref.name, ref.schema.schema);
    flatten(ref.schema.references, out);
  }
  return out;
}

function parseSchema(text: string, name: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new JsonSchemaError(name, `not JSON: ${(err as Error).message}`, { cause: err });
  }
}

/**
 * Compiles `schema` with its references. A reference is registered under its name (what the registry
 * resolves `$ref` by) and, when the root has an `$id`, under that name resolved against it too.
 */
function compile(
  name: string,
  draft: JsonSchemaDraft,
  schema: unknown,
  references: ReadonlyMap<string, string>,
  options: { useDefaults: boolean; dateTimes: boolean },
): ValidateFunction {
  const ajv = createAjv(draft, { useDefaults: options.useDefaults, strictNumbers: true });
  if (options.dateTimes) addDateTimeKeyword(ajv);
  const shape = (s: unknown): unknown => (options.dateTimes ? markDateTimes(s) : s);
  const rootId = (schema as { $id?: unknown } | null)?.$id;
  try {
    for (const [refName, text] of references) {
      const refSchema = shape(parseSchema(text, `${name} (reference ${refName})`));
      const ownId = (refSchema as { $id?: unknown } | null)?.$id;
      // A reference with its own $id is found by it; one without is found by its reference name.
      if (typeof ownId === 'string') ajv.addSchema(refSchema as object);
      else ajv.addSchema(refSchema as object, refName);
      if (typeof rootId === 'string' && typeof ownId !== 'string') {
        const resolved = new URL(refName, rootId).href;
        if (resolved !== refName) ajv.addSchema(refSchema as object, resolved);
      }
    }
    return ajv.compile(shape(schema) as object);
  } catch (err) {
    if (err instanceof JsonSchemaError) throw err;
    throw new JsonSchemaError(name, (err as Error).message, { cause: err });
  }
}

/**
 * Builds the codec of a JSON Schema descriptor: values are validated before they are written (always) and
 * after they are read (unless `options.validateOnConsume` is `false`). Consumed values get the schema's
 * `default`s for absent properties (the generated output types count on it) and, with `dateTime: 'date'`,
 * `Date`s for `date-time` strings.
 */
export function createJsonCodec<I, O>(descriptor: JsonSchemaDescriptor<I, O>): JsonCodec<I, O> {
  const { name, options } = descriptor;
  const schema = parseSchema(descriptor.schema, name);
  const draft = draftOf(schema);
  if (draft === undefined)
    throw new JsonSchemaError(
      name,
      `unsupported $schema ${JSON.stringify((schema as { $schema?: unknown }).$schema)} (kgen reads drafts 7, 2019-09 and 2020-12)`,
    );
  const references = flatten(descriptor.references);
  const dates =
    options.dateTime === 'date' &&
    (hasDateTime(schema) || [...references.values()].some((text) => hasDateTime(JSON.parse(text))));
  const checkConsumed = options.validateOnConsume !== false;
  const validateSent = compile(name, draft, schema, references, { useDefaults: false, dateTimes: false });
  const validateRead = checkConsumed
    ? compile(name, draft, schema, references, { useDefaults: true, dateTimes: dates })
    : undefined;

  const invalid = (errors: ValidateFunction['errors']): JsonValidationError => {
    const first = errors?.[0];
    if (first === undefined)
      return new JsonValidationError({ schemaName: name, fieldPath: '$', keyword: 'schema' }, 'invalid');
    return new JsonValidationError(
      { schemaName: name, fieldPath: fieldPathOf(first), keyword: first.keyword },
      first.message ?? 'invalid',
    );
  };
  const notJson = (reason: string, cause?: unknown): JsonValidationError =>
    new JsonValidationError({ schemaName: name, fieldPath: '$', keyword: 'type' }, reason, { cause });

  /** The JSON text of a valid value. With Dates, what is checked is the text's value (Dates as ISO strings). */
  const textOf = (value: unknown): string => {
    let text: string | undefined;
    try {
      text = JSON.stringify(value);
    } catch (err) {
      throw notJson(`not representable as JSON: ${(err as Error).message}`, err);
    }
    if (text === undefined) throw notJson(`${typeof value} is not representable as JSON`);
    const checked = dates ? (JSON.parse(text) as unknown) : value;
    if (!validateSent(checked)) throw invalid(validateSent.errors);
    return text;
  };

  const decode = (payload: Buffer): O => {
    let value: unknown;
    try {
      value = JSON.parse(payload.toString('utf8'));
    } catch (err) {
      throw new JsonDecodeError(name, `payload is not JSON text: ${(err as Error).message}`, { cause: err });
    }
    if (validateRead !== undefined && !validateRead(value)) throw invalid(validateRead.errors);
    return value as O;
  };

  const slab = new Slab(); // framed records are cut from it (see serde/slab.ts)
  return {
    draft,
    encode: (value) => Buffer.from(textOf(value), 'utf8'),
    encodeFramed(header, value) {
      const text = textOf(value);
      const out = slab.cut(header.length + Buffer.byteLength(text, 'utf8'));
      writeHeader(header, out, 0);
      out.write(text, header.length, 'utf8');
      return out;
    },
    decode,
    accepts(value) {
      try {
        textOf(value);
        return true;
      } catch {
        return false;
      }
    },
    // JSON Schema has no writer/reader resolution: a payload of another version is read with this schema.
    resolving: () => decode,
  };
}
