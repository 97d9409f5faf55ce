import type { HeaderField } from '../../topic-headers';

// Decimal grammars: no sign on zero tricks, no leading zeros, no spaces, so a header reads back as written.
const INTEGER = /^-?(?:0|[1-9]\d*)$/;
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Buffer.isBuffer(value)) return 'a Buffer';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return `${typeof value} ${String(value)}`;
  return `a ${typeof value}`;
}

/**
 * A declared header's value as header bytes, or the reason it cannot be one. The encodings are those of
 * `HeaderType`: text for everything but `bytes`.
 */
export function encodeHeaderValue(field: HeaderField, value: unknown): string | Buffer | { problem: string } {
  switch (field.type) {
    case 'string':
      return typeof value === 'string' ? value : { problem: `expected a string, got ${describe(value)}` };
    case 'bytes':
      return Buffer.isBuffer(value) ? value : { problem: `expected a Buffer, got ${describe(value)}` };
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
        ? String(value)
        : { problem: `expected a finite number, got ${describe(value)}` };
    case 'integer':
      return typeof value === 'number' && Number.isSafeInteger(value)
        ? String(value)
        : { problem: `expected a safe integer, got ${describe(value)}` };
    case 'bigint':
      return typeof value === 'bigint'
        ? value.toString()
        : { problem: `expected a bigint, got ${describe(value)}` };
    case 'boolean':
      return typeof value === 'boolean'
        ? String(value)
        : { problem: `expected a boolean, got ${describe(value)}` };
    case 'enum':
      return typeof value === 'string' && field.symbols!.includes(value)
        ? value
        : {
            problem: `expected one of ${field.symbols!.map((s) => JSON.stringify(s)).join(', ')}, got ${describe(value)}`,
          };
  }
}

/** A consumed header's bytes as its declared type; throws a plain `Error` saying why it cannot be. */
export function decodeHeaderValue(field: HeaderField, raw: string | Buffer): unknown {
  if (field.type === 'bytes') return typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
  const text = typeof raw === 'string' ? raw : raw.toString('utf8');
  switch (field.type) {
    case 'string':
      return text;
    case 'number': {
      if (!NUMBER.test(text)) throw new Error(`expected a decimal number, got ${JSON.stringify(text)}`);
      const n = Number(text);
      if (!Number.isFinite(n)) throw new Error(`${JSON.stringify(text)} is not a finite number`);
      return n;
    }
    case 'integer': {
      if (!INTEGER.test(text)) throw new Error(`expected a decimal integer, got ${JSON.stringify(text)}`);
      const n = Number(text);
      if (!Number.isSafeInteger(n))
        throw new Error(`${text} is past the safe integer range (use a bigint header)`);
      return n;
    }
    case 'bigint':
      if (!INTEGER.test(text)) throw new Error(`expected a decimal integer, got ${JSON.stringify(text)}`);
      return BigInt(text);
    case 'boolean':
      if (text === 'true') return true;
      if (text === 'false') return false;
      throw new Error(`expected "true" or "false", got ${JSON.stringify(text)}`);
    case 'enum':
      if (field.symbols!.includes(text)) return text;
      throw new Error(
        `expected one of ${field.symbols!.map((s) => JSON.stringify(s)).join(', ')}, got ${JSON.stringify(text)}`,
      );
  }
}
