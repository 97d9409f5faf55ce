/**
 * Checks of a named schema object made before avsc builds it, so that a mistake is reported in words that
 * name the type, the field and what is wrong (avsc says "invalid F size", or fails with a TypeError on a
 * field without a type).
 */

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function label(schema: Readonly<Record<string, unknown>>): string {
  return `${String(schema['type'])} ${typeof schema['name'] === 'string' ? schema['name'] : '(no name)'}`;
}

/** Throws an Error naming what is wrong with a record's fields or a fixed's size. */
export function checkNamedSchema(schema: Readonly<Record<string, unknown>>): void {
  const type = schema['type'];
  if (type === 'fixed') {
    const size = schema['size'];
    if (!Number.isInteger(size) || (size as number) < 0) {
      throw new Error(`${label(schema)}: "size" must be a non-negative integer, got ${JSON.stringify(size)}`);
    }
    return;
  }
  if (type !== 'record' && type !== 'error') return;
  const fields = schema['fields'];
  if (!Array.isArray(fields)) {
    throw new Error(`${label(schema)}: "fields" must be an array, got ${JSON.stringify(fields)}`);
  }
  fields.forEach((field: unknown, i) => {
    if (typeof field !== 'object' || field === null || Array.isArray(field)) {
      throw new Error(`${label(schema)}: field ${i} must be an object, got ${JSON.stringify(field)}`);
    }
    const f = field as Record<string, unknown>;
    if (typeof f['name'] !== 'string' || !NAME.test(f['name'])) {
      throw new Error(
        `${label(schema)}: field ${i} name ${JSON.stringify(f['name'])} is not a valid name ([A-Za-z_][A-Za-z0-9_]*)`,
      );
    }
    if (f['type'] === undefined) throw new Error(`${label(schema)}: field ${f['name']} has no "type"`);
  });
}

/** avsc's "incompatible field default <json> (…)" with the record and field it is about. */
export function explainDefaultError(schema: Readonly<Record<string, unknown>>, err: unknown): unknown {
  const message = err instanceof Error ? err.message : '';
  if (!message.startsWith('incompatible field default ')) return err;
  const fields = (schema['fields'] as ReadonlyArray<Record<string, unknown>>) ?? [];
  const field = fields.find(
    (f) => f['default'] !== undefined && message.includes(JSON.stringify(f['default'])),
  );
  const where = field ? `${label(schema)}, field ${String(field['name'])}` : label(schema);
  return new Error(`${where}: ${message}`, { cause: err });
}
