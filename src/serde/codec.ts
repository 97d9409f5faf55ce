/**
 * The synchronous codec interface the SDK frames around. One codec per (descriptor); built once at start-up.
 * Avro (`./avro`) and Protobuf (`./protobuf`) implement it from the same options the emitter used.
 */

/** A writer schema fetched from the registry by id, with its references resolved (name → schema text). */
export interface WriterSchema {
  /** The schema format. */
  readonly schemaType: 'AVRO' | 'PROTOBUF' | 'JSON';
  /** The schema text as registered. */
  readonly schema: string;
  /** Transitively resolved references: reference name → schema text. */
  readonly references: ReadonlyArray<{ readonly name: string; readonly schema: string }>;
}

/** Encodes and decodes the values of one schema, synchronously; built once per descriptor. */
export interface SchemaCodec<TInput, TOutput> {
  /** Value → payload bytes (without the Confluent frame). Throws a kgen error naming the field on bad input. */
  encode(value: TInput): Buffer;
  /**
   * `header` followed by the encoded value, in one buffer (what the SDK sends). Optional: codecs without it
   * are framed by copying `encode`'s result after the header.
   */
  encodeFramed?(header: Buffer, value: TInput): Buffer;
  /** Payload written with this same schema → value. */
  decode(payload: Buffer): TOutput;
  /**
   * As `decode`, for the payload that starts at `offset` of `data` and runs to its end: the framed message is
   * read in place, without a view of its payload. Optional: without it the payload is sliced off for `decode`.
   */
  decodeAt?(data: Buffer, offset: number): TOutput;
  /** Whether `value` fits this schema (picks the variant of a topic with several record types). */
  accepts(value: unknown): boolean;
  /**
   * A decoder for payloads written with another version of this schema: the result has the reader's
   * (generated) shape. Build once per writer schema id and cache.
   */
  resolving(writer: WriterSchema): (payload: Buffer) => TOutput;
}
