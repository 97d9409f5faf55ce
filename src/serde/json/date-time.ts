import type Ajv from 'ajv';

/** The keyword kgen adds beside `format: "date-time"` so the consume-side validator turns the string into a Date. */
export const DATE_TIME_KEYWORD = 'kgenDateTime';

// Values that are data, not subschemas: a `format` inside them is not a format rule.
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples']);

/** Whether any subschema of `schema` declares `format: "date-time"`. */
export function hasDateTime(schema: unknown): boolean {
  if (Array.isArray(schema)) return schema.some(hasDateTime);
  if (typeof schema !== 'object' || schema === null) return false;
  const record = schema as Record<string, unknown>;
  if (record.format === 'date-time') return true;
  return Object.entries(record).some(([k, v]) => !DATA_KEYWORDS.has(k) && hasDateTime(v));
}

/** A copy of `schema` with {@link DATE_TIME_KEYWORD} beside every `format: "date-time"`. */
export function markDateTimes(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(markDateTimes);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema as Record<string, unknown>))
    out[k] = DATA_KEYWORDS.has(k) ? v : markDateTimes(v);
  if (out.format === 'date-time') out[DATE_TIME_KEYWORD] = true;
  return out;
}

/**
 * Registers the modifying keyword: a string that passed `format: "date-time"` (checked first: the keyword is
 * in Ajv's string group, after `format`) is replaced in its parent by a `Date`. A date-time that is the whole
 * value has no parent to write to and stays a string (a documented limit).
 */
export function addDateTimeKeyword(ajv: Ajv): void {
  ajv.addKeyword({
    keyword: DATE_TIME_KEYWORD,
    type: 'string',
    schemaType: 'boolean',
    modifying: true,
    errors: false,
    validate: (
      _enabled: boolean,
      data: string,
      _parent?: unknown,
      cxt?: { parentData: unknown; parentDataProperty: string | number },
    ) => {
      if (cxt !== undefined && typeof cxt.parentData === 'object' && cxt.parentData !== null)
        (cxt.parentData as Record<string | number, unknown>)[cxt.parentDataProperty] = new Date(data);
      return true;
    },
  });
}
