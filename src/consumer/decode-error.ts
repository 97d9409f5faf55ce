import { KgenError } from '../errors';
import type { SerdeRole } from '../serde/registry/errors';

/** Where an undecodable record sits. */
export interface DecodeErrorLocation {
  /** Topic of the undecodable record. */
  readonly topic: string;
  /** Partition of the undecodable record. */
  readonly partition: number;
  /** Offset of the undecodable record, as a decimal string. */
  readonly offset: string;
  /** The part that could not be decoded: the key, the value, or the topic's declared headers. */
  readonly role: SerdeRole | 'headers';
  /** The schema id of the Confluent frame, when the bytes have one. */
  readonly schemaId: number | undefined;
  /** The declared header at fault, when `role` is `headers`. */
  readonly header?: string;
}

/** A consumed key or value could not be decoded into its topic's type. `cause` says why. */
export class DecodeError extends KgenError {
  /** Topic of the undecodable record. */
  readonly topic: string;
  /** Partition of the undecodable record. */
  readonly partition: number;
  /** Offset of the undecodable record, as a decimal string. */
  readonly offset: string;
  /** The part that could not be decoded: the key, the value, or the declared headers. */
  readonly role: SerdeRole | 'headers';
  /** The schema id of the Confluent frame, when the bytes have one. */
  readonly schemaId: number | undefined;
  /** The declared header at fault, when `role` is `headers`. */
  readonly header: string | undefined;
  constructor(at: DecodeErrorLocation, reason: string, options?: { cause?: unknown }) {
    const id = at.schemaId === undefined ? '' : `, schema id ${at.schemaId}`;
    super(
      'DECODE',
      `cannot decode ${at.role} of topic "${at.topic}" partition ${at.partition} offset ${at.offset}${id}: ${reason}`,
      options,
    );
    this.topic = at.topic;
    this.partition = at.partition;
    this.offset = at.offset;
    this.role = at.role;
    this.schemaId = at.schemaId;
    this.header = at.header;
  }
}

/** The schema id in a Confluent frame, if `data` looks framed. */
export function frameSchemaId(data: Buffer | null): number | undefined {
  return data !== null && data.length >= 5 && data[0] === 0 ? data.readUInt32BE(1) : undefined;
}
