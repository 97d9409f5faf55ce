import type { FetchedRecord } from '../../../src/ops/topic-reader';
import { type RegistryJsonDecoder, UndecodableError } from './registry-json';

/** One header: UTF-8 text in `value`, or `valueBase64` when the bytes are not valid UTF-8. */
export type HeaderJson = { key: string; value: string } | { key: string; valueBase64: string };

/**
 * A record as `kgen tail` prints it and `kgen produce` reads it (README "kgen tail" documents every field).
 * `key`: the decoded key when it is Confluent-framed, else its UTF-8 text; `keyBase64` when it is neither.
 */
export interface RecordLine {
  partition: number;
  offset: number;
  /** Record timestamp, ms since the epoch. */
  timestamp: number | null;
  key?: unknown;
  keySchemaId?: number;
  keyBase64?: string;
  headers: HeaderJson[];
  /** The writer schema id of the value (null for a tombstone or an unframed value). */
  schemaId: number | null;
  /** Protobuf: the full name of the value's message. */
  valueType?: string;
  value: unknown;
  /** Set when the value could not be decoded; `valueBase64` then holds its bytes. */
  error?: string;
  valueBase64?: string;
}

function utf8(b: Buffer): string | undefined {
  const text = b.toString('utf8');
  return Buffer.byteLength(text) === b.length && Buffer.from(text, 'utf8').equals(b) ? text : undefined;
}

/** Renders a fetched record; an undecodable value becomes `error` + `valueBase64` (a dead registry throws). */
export async function recordLine(record: FetchedRecord, decoder: RegistryJsonDecoder): Promise<RecordLine> {
  const key = await renderKey(record.key, decoder);
  const line: RecordLine = {
    partition: record.partition,
    offset: record.offset,
    timestamp: record.timestamp ?? null,
    ...key,
    headers: record.headers.map(([key, v]) => {
      const text = utf8(v);
      return text !== undefined ? { key, value: text } : { key, valueBase64: v.toString('base64') };
    }),
    schemaId: null,
    value: null,
  };
  if (record.value !== null) {
    try {
      const decoded = await decoder.decode(record.value);
      line.schemaId = decoded.schemaId;
      if (decoded.messageType !== undefined) line.valueType = decoded.messageType;
      line.value = decoded.json;
    } catch (err) {
      if (!(err instanceof UndecodableError) || err.registryDown) throw err;
      line.schemaId = err.schemaId ?? null;
      line.error = err.message;
      line.valueBase64 = record.value.toString('base64');
    }
  }
  return line;
}

type KeyFields = Pick<RecordLine, 'key' | 'keySchemaId' | 'keyBase64'>;

async function renderKey(key: Buffer | null, decoder: RegistryJsonDecoder): Promise<KeyFields> {
  if (key === null) return { key: null };
  if (key.length >= 5 && key[0] === 0) {
    try {
      const decoded = await decoder.decode(key);
      return { key: decoded.json, keySchemaId: decoded.schemaId };
    } catch (err) {
      if (err instanceof UndecodableError && err.registryDown) throw err;
    }
  }
  const text = utf8(key);
  // A key starting with byte 0 that did not decode stays bytes: it looks framed, so it is not text.
  return text !== undefined && key[0] !== 0 ? { key: text } : { keyBase64: key.toString('base64') };
}
