import { KgenError } from '../errors';

/** First byte of every Confluent-framed payload. */
export const MAGIC_BYTE = 0;

/** A payload that does not follow the Confluent wire format (magic byte, 4-byte schema id, ...). */
export class WireFormatError extends KgenError {
  constructor(message: string) {
    super('WIRE_FORMAT', message);
  }
}

/** The parsed Confluent frame: which schema wrote the payload, and where the payload starts. */
export interface Frame {
  /** The id of the schema that wrote the payload. */
  schemaId: number;
  /** Protobuf only: the path of the message inside its file (`[0]` = first top-level message). */
  messageIndexes?: number[];
  /** The encoded value after the frame. */
  payload: Buffer;
}

function zigzagVarintLength(n: number): number {
  let z = ((n << 1) ^ (n >> 31)) >>> 0;
  let len = 1;
  while (z >= 0x80) {
    z >>>= 7;
    len++;
  }
  return len;
}

function writeZigzagVarint(buf: Buffer, offset: number, n: number): number {
  let z = ((n << 1) ^ (n >> 31)) >>> 0;
  while (z >= 0x80) {
    buf[offset++] = (z & 0x7f) | 0x80;
    z >>>= 7;
  }
  buf[offset++] = z;
  return offset;
}

function readZigzagVarint(buf: Buffer, offset: number): [value: number, next: number] {
  let result = 0;
  let shift = 0;
  for (;;) {
    if (offset >= buf.length) throw new WireFormatError('truncated varint in Protobuf message indexes');
    const byte = buf[offset++] as number;
    result |= (byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) break;
    shift += 7;
    if (shift > 28) throw new WireFormatError('varint too long in Protobuf message indexes');
  }
  return [(result >>> 1) ^ -(result & 1), offset];
}

/** Byte length of the Protobuf message-index array; `[0]` is written as the single byte 0. */
function messageIndexesLength(indexes: readonly number[]): number {
  if (indexes.length === 1 && indexes[0] === 0) return 1;
  return indexes.reduce((sum, i) => sum + zigzagVarintLength(i), zigzagVarintLength(indexes.length));
}

/**
 * The frame header for a schema id (and, for Protobuf, message indexes). Computed once per schema and reused
 * for every message, so framing a message is one allocation and two copies.
 */
export function frameHeader(schemaId: number, messageIndexes?: readonly number[]): Buffer {
  const indexLength = messageIndexes ? messageIndexesLength(messageIndexes) : 0;
  const header = Buffer.alloc(5 + indexLength);
  header[0] = MAGIC_BYTE;
  header.writeUInt32BE(schemaId, 1);
  if (messageIndexes) {
    if (messageIndexes.length === 1 && messageIndexes[0] === 0) {
      header[5] = 0;
    } else {
      let offset = writeZigzagVarint(header, 5, messageIndexes.length);
      for (const i of messageIndexes) offset = writeZigzagVarint(header, offset, i);
    }
  }
  return header;
}

/** Header + payload in one buffer. */
export function frame(header: Buffer, payload: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(header.length + payload.length);
  header.copy(out, 0);
  out.set(payload, header.length);
  return out;
}

/** Parses the Confluent frame. `protobuf` says whether a message-index array follows the schema id. */
export function unframe(data: Buffer, protobuf: boolean): Frame {
  if (data.length < 5)
    throw new WireFormatError(`payload of ${data.length} bytes is shorter than the 5-byte Confluent header`);
  if (data[0] !== MAGIC_BYTE)
    throw new WireFormatError(`unknown magic byte ${data[0]} (expected 0): not Confluent-framed`);
  const schemaId = data.readUInt32BE(1);
  if (!protobuf) return { schemaId, payload: data.subarray(5) };
  const [count, afterCount] = readZigzagVarint(data, 5);
  let offset = afterCount;
  if (count === 0) return { schemaId, messageIndexes: [0], payload: data.subarray(offset) };
  if (count < 0 || count > 100) throw new WireFormatError(`invalid Protobuf message-index count ${count}`);
  const messageIndexes: number[] = [];
  for (let i = 0; i < count; i++) {
    let index: number;
    [index, offset] = readZigzagVarint(data, offset);
    messageIndexes.push(index);
  }
  return { schemaId, messageIndexes, payload: data.subarray(offset) };
}

/** The schema id of a framed record, without allocating; a bad header throws what {@link unframe} reports. */
export function schemaIdOf(data: Buffer): number {
  if (data.length < 5 || data[0] !== MAGIC_BYTE) unframe(data, false);
  return data.readUInt32BE(1);
}

/**
 * Where the payload starts in a framed record, without allocating (the consumer's hot path): 5 for Avro, 6
 * for Protobuf's first-message index list. Anything else goes through {@link unframe}, which also reports a
 * bad header.
 */
export function payloadOffset(data: Buffer, protobuf: boolean): number {
  if (data.length >= 5 && data[0] === MAGIC_BYTE) {
    if (!protobuf) return 5;
    if (data.length >= 6 && data[5] === 0) return 6;
  }
  return data.length - unframe(data, protobuf).payload.length;
}
