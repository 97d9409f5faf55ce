import type { KafkaJS } from '@confluentinc/kafka-javascript';
import type {
  HasRequiredHeaders,
  HeadersDescriptor,
  HeadersInput,
  HeadersOutput,
  ProducerHeaders,
} from './topic-headers';

/**
 * The topic contract: what generated code (or a hand-written map) declares, and what the SDK infers every
 * producer/consumer type from. A descriptor is a plain value; its TypeScript types ride along as phantom
 * type parameters, so `createClient({ topics })` needs nothing else.
 */

/** Type-level carrier for a descriptor's producer-input and consumer-output types; never set at runtime. */
export interface TypeCarrier<TInput, TOutput> {
  /** Phantom: the producer input type and consumer output type. Always `undefined` at runtime. */
  readonly __types?: { readonly input: TInput; readonly output: TOutput };
}

/** A schema this one references, registered under its own subject (name = Avro full name or Protobuf import path). */
export interface SchemaReference {
  /** Reference name: the Avro full name or the Protobuf import path. */
  readonly name: string;
  /** The subject the referenced schema is registered under. */
  readonly subject: string;
  /** The version of that subject. */
  readonly version: number;
  /** The referenced schema. */
  readonly schema: RegistrySchemaDescriptor;
}

/** Fields shared by descriptors whose schema lives in a schema registry. */
export interface RegistrySchemaFields {
  /** Registry subject the schema is registered under; omitted when derived from the topic (TopicNameStrategy). */
  readonly subject?: string;
  /** Version pinned by the lock file, if any. */
  readonly version?: number;
  /** Registry id pinned by the lock file, if any. */
  readonly id?: number;
  /** The schema text as registered (Avro: canonical JSON; Protobuf: the `.proto` file). */
  readonly schema: string;
  /** Schemas this one imports, registered under their own subjects. */
  readonly references: readonly SchemaReference[];
}

/**
 * Avro codec options. One object drives both the TypeScript emitter and the runtime codec, so the emitted
 * types always match the values the codec produces.
 */
export interface AvroCodecOptions {
  /**
   * Avro `long` (and `time-micros`, `timestamp-nanos`): `number` (every value within ±(2^53 − 1) exactly;
   * encode and decode throw past it, naming the field) or `bigint` (the full signed 64-bit range).
   */
  readonly long: 'number' | 'bigint';
  /**
   * Unions with two or more non-null branches (`["null", T]` is always `T | null`): `wrapped` gives
   * `{ "<branch name>": value }` objects (branch name = full name of a named type, else the Avro type name,
   * e.g. `long` for a timestamp); `plain` gives the bare value, and is rejected when the codec is built for a
   * union whose branches share a JavaScript representation (e.g. `int` and `long`, `string` and an enum).
   */
  readonly unions: 'wrapped' | 'plain';
  /**
   * `timestamp-millis` and `local-timestamp-millis`: `date` gives a `Date` (exact; a value outside a
   * `Date`'s ±8.64e15 ms throws on decode, naming the field), `number` the raw count as a `number` (also
   * when `long` is `bigint`). Microsecond timestamps follow `timestampMicros`.
   */
  readonly timestamps: 'date' | 'number';
  /**
   * `timestamp-micros` and `local-timestamp-micros`: `number` (default) gives the count of microseconds as
   * a `number` (exact within ±(2^53 − 1), about years 1685–2255; decode throws past it, naming the field),
   * `bigint` the count as a `bigint` (full range), `date-lossy` a `Date` (LOSSY: the microseconds are
   * floored to the millisecond, so a record read and written back changes).
   */
  readonly timestampMicros?: 'number' | 'bigint' | 'date-lossy';
  /**
   * `date`: a `Date` at UTC midnight (a day outside a `Date`'s ±100 000 000 days throws on decode, naming
   * the field; encode floors a `Date` to its UTC day), an ISO `YYYY-MM-DD` string, or the raw day number.
   */
  readonly date: 'date' | 'string' | 'number';
  /**
   * `decimal`: `string` gives the exact value (`"-12.34"`; encode rejects more fractional digits than the
   * scale or more digits than the precision, never rounds), `bytes` the raw two's-complement `Buffer`.
   */
  readonly decimal: 'string' | 'bytes';
}

/** An Avro schema: `name` is the full name of the top-level type. */
export interface AvroSchemaDescriptor<TInput = unknown, TOutput = TInput>
  extends RegistrySchemaFields, TypeCarrier<TInput, TOutput> {
  /** Discriminates the descriptor kinds. */
  readonly format: 'AVRO';
  /** Full name of the top-level named type (e.g. `com.acme.Order`). */
  readonly name: string;
  /** How Avro values are represented in TypeScript (drives the codec). */
  readonly options: AvroCodecOptions;
}

/** Protobuf codec options; one object drives the emitter and the runtime codec. */
export interface ProtobufCodecOptions {
  /** 64-bit integers (`int64`, `uint64`, `sint64`, `fixed64`, `sfixed64`) as `bigint` or decimal `string`. */
  readonly int64: 'bigint' | 'string';
  /**
   * Enums as string literals of the value names, or as numbers. With `string`, a value the schema does not
   * know (written by a newer producer) is kept as its number rather than dropped.
   */
  readonly enums: 'string' | 'number';
  /**
   * `google.protobuf.Timestamp` as the exact `{ seconds, nanos }` message (`message`, the generator's default;
   * seconds per `int64`), or as a `Date` (`date`, lossy: a Date holds milliseconds, so nanoseconds below them
   * are dropped on decode and a consumed record written back changes). Both refuse values outside
   * 0001-01-01T00:00:00Z..9999-12-31T23:59:59.999999999Z on encode.
   */
  readonly timestamp: 'date' | 'message';
  /**
   * `google.protobuf.Duration` as the raw `{ seconds, nanos }` message (default, exact), or as a number of
   * milliseconds (`milliseconds`, lossy: fractional below 1 ms, rounded through a double). Encoding refuses
   * more than ±315 576 000 000 s and seconds/nanos of opposite signs.
   */
  readonly duration?: 'message' | 'milliseconds';
  /**
   * Wrapper types (`google.protobuf.Int32Value`, `StringValue`, ...): `unwrap` (default) gives the bare value,
   * absent when unset (`T | undefined`); `message` keeps the `{ value }` object.
   */
  readonly wrappers?: 'unwrap' | 'message';
}

/** A Protobuf message type inside a `.proto` file. */
export interface ProtobufSchemaDescriptor<TInput = unknown, TOutput = TInput>
  extends RegistrySchemaFields, TypeCarrier<TInput, TOutput> {
  /** Discriminates the descriptor kinds. */
  readonly format: 'PROTOBUF';
  /** Fully-qualified message name (e.g. `acme.orders.Order`). */
  readonly name: string;
  /** Import path of the file (the reference name other schemas use), e.g. `acme/orders.proto`. */
  readonly fileName: string;
  /** How Protobuf values are represented in TypeScript (drives the codec). */
  readonly options: ProtobufCodecOptions;
}

/** A schema kept in a registry. */
export type RegistrySchemaDescriptor =
  AvroSchemaDescriptor<unknown, unknown> | ProtobufSchemaDescriptor<unknown, unknown>;

/** UTF-8 string (keys, usually). */
export interface StringDescriptor extends TypeCarrier<string, string> {
  /** Discriminates the descriptor kinds. */
  readonly format: 'STRING';
}

/** Raw bytes, passed through untouched. */
export interface BytesDescriptor extends TypeCarrier<Buffer, Buffer> {
  /** Discriminates the descriptor kinds. */
  readonly format: 'BYTES';
}

/**
 * A topic that carries several record types (RecordNameStrategy / TopicRecordNameStrategy). The producer
 * picks the variant whose schema accepts the value (or the one named in the message); the consumer picks it
 * by the writer's schema.
 */
export interface OneOfDescriptor<
  TVariants extends readonly RegistrySchemaDescriptor[] = readonly RegistrySchemaDescriptor[],
> extends TypeCarrier<InputOf<TVariants[number]>, OutputOf<TVariants[number]>> {
  /** Discriminates the descriptor kinds. */
  readonly format: 'ONE_OF';
  /** The record types the topic carries; a producer encodes with the first whose schema accepts the value. */
  readonly variants: TVariants;
}

/** Anything that can describe a key or a value. */
export type SchemaDescriptor =
  RegistrySchemaDescriptor | StringDescriptor | BytesDescriptor | OneOfDescriptor;

/** The producer input type of a descriptor. */
export type InputOf<D> = D extends TypeCarrier<infer I, unknown> ? I : never;
/** The consumer output type of a descriptor. */
export type OutputOf<D> = D extends TypeCarrier<unknown, infer O> ? O : never;

/** Key and value descriptors of one topic. */
export interface TopicDescriptor<
  K extends SchemaDescriptor = SchemaDescriptor,
  V extends SchemaDescriptor = SchemaDescriptor,
> {
  /** Key descriptor. */
  readonly key: K;
  /** Value descriptor. */
  readonly value: V;
  /** Declared headers (see `defineHeaders`); absent: any `string | Buffer` headers, untyped. */
  readonly headers?: HeadersDescriptor;
}

/** Topic name → descriptors. Generated as `topics`; may be written by hand with the helpers below. */
export type TopicMap = { readonly [topic: string]: TopicDescriptor };

/** Topic names of a map. */
export type TopicName<T extends TopicMap> = Extract<keyof T, string>;
/** The producer input type of topic `N`'s key. */
export type KeyInput<T extends TopicMap, N extends TopicName<T>> = InputOf<T[N]['key']>;
/** The consumer output type of topic `N`'s key. */
export type KeyOutput<T extends TopicMap, N extends TopicName<T>> = OutputOf<T[N]['key']>;
/** The producer input type of topic `N`'s value. */
export type ValueInput<T extends TopicMap, N extends TopicName<T>> = InputOf<T[N]['value']>;
/** The consumer output type of topic `N`'s value. */
export type ValueOutput<T extends TopicMap, N extends TopicName<T>> = OutputOf<T[N]['value']>;

/** The headers a producer writes to topic `N`: typed when the topic declares them, else {@link ProducerHeaders}. */
export type HeadersInputOf<T extends TopicMap, N extends TopicName<T>> = N extends unknown
  ? T[N] extends { readonly headers: infer H extends HeadersDescriptor }
    ? HeadersInput<H>
    : ProducerHeaders
  : never;

/** The headers a consumer reads from topic `N`: decoded when the topic declares them, else as fetched. */
export type HeadersOutputOf<T extends TopicMap, N extends TopicName<T>> = T[N] extends {
  readonly headers: infer H extends HeadersDescriptor;
}
  ? HeadersOutput<H>
  : KafkaJS.IHeaders;

/**
 * The `headers` member of a record for topic `N`: required when the topic declares a required header,
 * optional otherwise; `Untyped` for a topic that declares none.
 */
export type HeadersMember<
  T extends TopicMap,
  N extends TopicName<T>,
  Untyped = ProducerHeaders,
> = N extends unknown
  ? T[N] extends { readonly headers: infer H extends HeadersDescriptor }
    ? HasRequiredHeaders<H> extends true
      ? { readonly headers: HeadersInput<H> }
      : { readonly headers?: HeadersInput<H> }
    : { readonly headers?: Untyped }
  : never;

/** Declares a topic map, keeping its literal topic names and descriptor types. */
export function defineTopics<const T extends TopicMap>(topics: T): T {
  return topics;
}

/** An Avro descriptor; generated code calls this, and so can a hand-written map. */
export function avroSchema<TInput, TOutput = TInput>(
  descriptor: Omit<AvroSchemaDescriptor<TInput, TOutput>, 'format' | '__types'>,
): AvroSchemaDescriptor<TInput, TOutput> {
  return { format: 'AVRO', ...descriptor };
}

/** A Protobuf descriptor; generated code calls this, and so can a hand-written map. */
export function protobufSchema<TInput, TOutput = TInput>(
  descriptor: Omit<ProtobufSchemaDescriptor<TInput, TOutput>, 'format' | '__types'>,
): ProtobufSchemaDescriptor<TInput, TOutput> {
  return { format: 'PROTOBUF', ...descriptor };
}

/** A topic with several record types. */
export function oneOf<const V extends readonly RegistrySchemaDescriptor[]>(
  ...variants: V
): OneOfDescriptor<V> {
  return { format: 'ONE_OF', variants };
}

/** UTF-8 string keys or values. */
export const stringSerde: StringDescriptor = { format: 'STRING' };
/** Raw bytes keys or values. */
export const bytesSerde: BytesDescriptor = { format: 'BYTES' };
