import { AvroValueError } from '../../../src/serde/avro/errors';
import type { OutgoingRecord } from '../../../src/ops/topic-writer';
import type { SubjectEncoder } from './registry-json';
import {
  bytesFromBase64,
  childPath,
  describeJson,
  expectArray,
  expectObject,
  RecordShapeError,
} from './shape-error';

/** Fields of a tail line that produce reads; the others (offset, timestamp, schemaId...) are ignored. */
const READ = new Set(['key', 'keyBase64', 'headers', 'value', 'valueType', 'partition']);
const IGNORED = new Set(['offset', 'timestamp', 'schemaId', 'keySchemaId', 'topic']);

/** How a line becomes a record. */
export interface LineEncoders {
  readonly value: SubjectEncoder;
  /** The key's schema, when the topic has a key subject; else a string key is sent as UTF-8. */
  readonly key?: SubjectEncoder | undefined;
  /** Send to the line's `partition` (default: by key). */
  readonly keepPartition?: boolean;
}

function headersOf(v: unknown): Array<readonly [string, Buffer]> {
  if (v === undefined) return [];
  return expectArray(v, '$.headers').map((h, i) => {
    const at = childPath('$.headers', i);
    const o = expectObject(h, at);
    if (typeof o['key'] !== 'string')
      throw new RecordShapeError(childPath(at, 'key'), 'expected the header name as a string');
    if (typeof o['value'] === 'string') return [o['key'], Buffer.from(o['value'], 'utf8')] as const;
    if (o['valueBase64'] !== undefined)
      return [o['key'], bytesFromBase64(o['valueBase64'], childPath(at, 'valueBase64'))] as const;
    throw new RecordShapeError(at, 'expected {"key", "value"} (UTF-8) or {"key", "valueBase64"}');
  });
}

function encoded(encoder: SubjectEncoder, json: unknown, at: string, messageType?: string): Buffer {
  try {
    return encoder.encode(json, messageType);
  } catch (err) {
    if (err instanceof RecordShapeError) throw new RecordShapeError(`${at}${err.path.slice(1)}`, err.reason);
    // The codec's own checks (decimal precision, ranges) name the field: report it under the line's path.
    if (err instanceof AvroValueError && err.fieldPath.startsWith('$')) {
      const marker = `${err.fieldPath}: `;
      const reason = err.message.slice(err.message.indexOf(marker) + marker.length);
      throw new RecordShapeError(`${at}${err.fieldPath.slice(1)}`, reason);
    }
    throw new RecordShapeError(at, err instanceof Error ? err.message : String(err));
  }
}

/**
 * One JSON line (the shape `kgen tail --format json` prints) → the record to send. Throws
 * {@link RecordShapeError} naming the JSON path (`$.value.lines[0].qty`) of what does not fit.
 */
export function recordOfLine(text: string, encoders: LineEncoders): OutgoingRecord {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new RecordShapeError('$', `not JSON (${(err as Error).message})`);
  }
  const line = expectObject(parsed, '$');
  if (line['error'] !== undefined)
    throw new RecordShapeError('$.error', 'an undecodable record (as tail printed it) cannot be sent');
  const unknown = Object.keys(line).find((k) => !READ.has(k) && !IGNORED.has(k));
  if (unknown !== undefined)
    throw new RecordShapeError(
      childPath('$', unknown),
      `unknown field (a line has key, headers, value, valueType)`,
    );
  if (!Object.hasOwn(line, 'value'))
    throw new RecordShapeError('$.value', 'missing (null sends a tombstone)');
  const valueType = line['valueType'];
  if (valueType !== undefined && typeof valueType !== 'string')
    throw new RecordShapeError('$.valueType', `expected a message name, got ${describeJson(valueType)}`);
  const value = line['value'] === null ? null : encoded(encoders.value, line['value'], '$.value', valueType);
  let key: Buffer | null = null;
  if (line['keyBase64'] !== undefined) key = bytesFromBase64(line['keyBase64'], '$.keyBase64');
  else if (line['key'] !== undefined && line['key'] !== null) {
    if (encoders.key) key = encoded(encoders.key, line['key'], '$.key');
    else if (typeof line['key'] === 'string') key = Buffer.from(line['key'], 'utf8');
    else
      throw new RecordShapeError(
        '$.key',
        `the topic has no key schema: expected a string, got ${describeJson(line['key'])}`,
      );
  }
  let partition: number | undefined;
  if (encoders.keepPartition) {
    const p = line['partition'];
    if (typeof p !== 'number' || !Number.isInteger(p) || p < 0)
      throw new RecordShapeError(
        '$.partition',
        `--keep-partition needs a partition >= 0, got ${describeJson(p)}`,
      );
    partition = p;
  }
  return { key, value, headers: headersOf(line['headers']), partition };
}
