/**
 * How the streams runtime turns keys and values into bytes where no topic schema describes them: state
 * stores, changelogs and repartition topics (an aggregate, a re-keyed key, a mapped value have no schema).
 *
 * - Values: Node's structured serialization (`v8.serialize`). It is exact for every value kgen's codecs
 *   produce (bigint, Date, Buffer, null, nested objects and arrays, Map) where JSON is not, and it needs
 *   no schema. Its format is Node's; the internal topics are read only by this runtime.
 * - Keys: a canonical encoding (one tag byte, then the content; object properties sorted), so equal keys
 *   always give equal bytes — stores look keys up by bytes.
 * Records of the user's topics always go through the topic map's real codecs.
 */
import v8 from 'node:v8';

const TAG_STRING = 0x73; // 's'
const TAG_NUMBER = 0x6e; // 'n'
const TAG_BIGINT = 0x69; // 'i'
const TAG_BYTES = 0x62; // 'b'
const TAG_BOOLEAN = 0x74; // 't'
const TAG_JSON = 0x6a; // 'j'

/** JSON with sorted object keys and tagged bigint / Buffer / Date, so equal values give equal text. */
function canonical(value: unknown): unknown {
  if (typeof value === 'bigint') return { $bigint: value.toString() };
  if (Buffer.isBuffer(value)) return { $bytes: value.toString('base64') };
  if (value instanceof Date) return { $date: value.getTime() };
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) out[k] = canonical((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}

function revive(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revive);
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o['$bigint'] === 'string') return BigInt(o['$bigint']);
    if (typeof o['$bytes'] === 'string') return Buffer.from(o['$bytes'], 'base64');
    if (typeof o['$date'] === 'number') return new Date(o['$date']);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) out[k] = revive(v);
    return out;
  }
  return value;
}

/** A record key → canonical bytes. */
export function encodeKey(key: unknown): Buffer {
  const tagged = (tag: number, body: Buffer): Buffer => Buffer.concat([Buffer.of(tag), body]);
  if (typeof key === 'string') return tagged(TAG_STRING, Buffer.from(key, 'utf8'));
  if (typeof key === 'number') {
    const b = Buffer.alloc(8);
    b.writeDoubleBE(key);
    return tagged(TAG_NUMBER, b);
  }
  if (typeof key === 'bigint') return tagged(TAG_BIGINT, Buffer.from(key.toString(), 'utf8'));
  if (typeof key === 'boolean') return Buffer.of(TAG_BOOLEAN, key ? 1 : 0);
  if (Buffer.isBuffer(key)) return tagged(TAG_BYTES, key);
  return tagged(TAG_JSON, Buffer.from(JSON.stringify(canonical(key) ?? null), 'utf8'));
}

/** Canonical key bytes → the key. */
export function decodeKey(bytes: Buffer): unknown {
  const body = bytes.subarray(1);
  switch (bytes[0]) {
    case TAG_STRING:
      return body.toString('utf8');
    case TAG_NUMBER:
      return body.readDoubleBE(0);
    case TAG_BIGINT:
      return BigInt(body.toString('utf8'));
    case TAG_BOOLEAN:
      return body[0] === 1;
    case TAG_BYTES:
      return Buffer.from(body);
    case TAG_JSON:
      return revive(JSON.parse(body.toString('utf8')));
    default:
      throw new TypeError(`streams: not a key written by the streams runtime (tag byte ${bytes[0]})`);
  }
}

/**
 * The bytes a key is partitioned by: a string's UTF-8 and a Buffer's own bytes — what a STRING or BYTES
 * keyed topic's producer hashes — so a re-keyed stream lands in the same partition as a table keyed by
 * the same strings (co-partitioning); other keys hash their canonical encoding.
 */
export function partitionBytes(key: unknown): Buffer {
  if (typeof key === 'string') return Buffer.from(key, 'utf8');
  if (Buffer.isBuffer(key)) return key;
  return encodeKey(key);
}

/** A value → bytes (structured serialization). */
export function encodeValue(value: unknown): Buffer {
  return v8.serialize(value);
}

/** Bytes from {@link encodeValue} → the value. */
export function decodeValue(bytes: Buffer): unknown {
  return v8.deserialize(bytes) as unknown;
}
