/**
 * Typed record headers: a topic of the map may declare the headers its records carry (name, required or
 * optional, type) and whether that set is strict. Like the key and value descriptors, a headers descriptor is
 * a plain value whose TypeScript types ride along as phantom type parameters.
 */

/** Header values a producer may send to a topic that declares no headers (an array repeats the name). */
export type HeaderValue = string | Buffer | ReadonlyArray<string | Buffer>;
/** Kafka record headers of a topic that declares none. */
export type ProducerHeaders = Readonly<Record<string, HeaderValue>>;

/**
 * How a declared header is written as header bytes and read back. `string`: UTF-8 text. `bytes`: the raw
 * bytes (a `Buffer`). `number`: a finite number as JavaScript prints it (`String(n)`), read back from decimal
 * or exponent notation. `integer`: a safe integer in decimal (`-12`). `bigint`: an integer of any size in
 * decimal. `boolean`: `true` or `false`. `enum`: one of the declared symbols, as its text.
 */
export type HeaderType = 'string' | 'bytes' | 'number' | 'integer' | 'bigint' | 'boolean' | 'enum';

/** One declared header: its type, whether every record must carry it, and its value type (phantom). */
export interface HeaderField<TValue = unknown, TRequired extends boolean = boolean> {
  /** How the value is encoded in the header's bytes. */
  readonly type: HeaderType;
  /** True: producers must set it and a consumed record without it is undecodable. */
  readonly required: TRequired;
  /** The allowed values of an `enum` header, in declaration order. */
  readonly symbols?: readonly string[];
  /** Phantom: the header's value type. Always `undefined` at runtime. */
  readonly __value?: TValue;
}

/** Header name → declared field. */
export type HeaderFields = { readonly [name: string]: HeaderField };

/**
 * The headers a topic declares. `strict`: producers may write only the declared headers (plus the runtime's
 * own trace-context headers, see `propagationHeaderNames`); open: any other header too, as `string | Buffer`.
 */
export interface HeadersDescriptor<F extends HeaderFields = HeaderFields, S extends boolean = boolean> {
  /** Header name → declared field. */
  readonly fields: F;
  /** True: undeclared headers are rejected (at compile time, and at runtime for untyped callers). */
  readonly strict: S;
}

/**
 * Headers the runtime itself may add to every record (W3C trace context and baggage, injected by tracing):
 * a strict header set admits them without declaring them, and user code need not list them.
 */
export const propagationHeaderNames: readonly string[] = Object.freeze([
  'traceparent',
  'tracestate',
  'baggage',
]);

/** The value type of a declared field. */
export type HeaderFieldValue<F> = F extends HeaderField<infer V, boolean> ? V : never;

/** Names of the required fields of a header set. */
export type RequiredHeaderNames<F extends HeaderFields> = {
  [K in keyof F]: F[K]['required'] extends true ? K : never;
}[keyof F];

/** `T` with its intersections merged into one object type (for readable hover types). */
export type Flatten<T> = { [K in keyof T]: T[K] } & {};

/** The declared headers as an object: required ones present, optional ones possibly absent. */
export type DeclaredHeaders<F extends HeaderFields> = Flatten<
  { readonly [K in RequiredHeaderNames<F>]: HeaderFieldValue<F[K]> } & {
    readonly [K in Exclude<keyof F, RequiredHeaderNames<F>>]?: HeaderFieldValue<F[K]>;
  }
>;

/**
 * What a producer writes for a topic declaring `H`: the declared headers, typed; on an open set, any other
 * header as well (its value checked at runtime: `string`, `Buffer` or an array of them).
 */
export type HeadersInput<H extends HeadersDescriptor> = H['strict'] extends true
  ? DeclaredHeaders<H['fields']>
  : DeclaredHeaders<H['fields']> & {
      readonly [name: string]: HeaderValue | HeaderFieldValue<H['fields'][keyof H['fields']]>;
    };

/**
 * What a consumer reads for a topic declaring `H`: the declared headers decoded to their types. Undeclared
 * headers (e.g. trace context) stay in the record's `raw.headers`.
 */
export type HeadersOutput<H extends HeadersDescriptor> = DeclaredHeaders<H['fields']>;

/** True when the set declares a required header (so a record must carry `headers`). */
export type HasRequiredHeaders<H extends HeadersDescriptor> = [RequiredHeaderNames<H['fields']>] extends [
  never,
]
  ? false
  : true;

/** Options of a header builder. */
export interface HeaderOptions<O extends boolean = boolean> {
  /** True: records may leave the header out. Default false (required). */
  readonly optional?: O;
}

/** `required` of a field built with `optional: O` (a non-literal `boolean` may be true, so: optional). */
export type RequiredFlag<O extends boolean> = boolean extends O ? false : O extends true ? false : true;

function field<V, O extends boolean>(
  type: HeaderType,
  options: HeaderOptions<O> | undefined,
  symbols?: readonly string[],
): HeaderField<V, RequiredFlag<O>> {
  const required = (options?.optional !== true) as RequiredFlag<O>;
  return symbols === undefined ? { type, required } : { type, required, symbols };
}

/** A UTF-8 text header. */
export function stringHeader<const O extends boolean = false>(
  options?: HeaderOptions<O>,
): HeaderField<string, RequiredFlag<O>> {
  return field('string', options);
}

/** A header of raw bytes, read as a `Buffer`. */
export function bytesHeader<const O extends boolean = false>(
  options?: HeaderOptions<O>,
): HeaderField<Buffer, RequiredFlag<O>> {
  return field('bytes', options);
}

/** A finite number, written as `String(n)`. */
export function numberHeader<const O extends boolean = false>(
  options?: HeaderOptions<O>,
): HeaderField<number, RequiredFlag<O>> {
  return field('number', options);
}

/** A safe integer, written in decimal. */
export function integerHeader<const O extends boolean = false>(
  options?: HeaderOptions<O>,
): HeaderField<number, RequiredFlag<O>> {
  return field('integer', options);
}

/** An integer of any size as a `bigint`, written in decimal. */
export function bigintHeader<const O extends boolean = false>(
  options?: HeaderOptions<O>,
): HeaderField<bigint, RequiredFlag<O>> {
  return field('bigint', options);
}

/** A boolean, written as `true` or `false`. */
export function booleanHeader<const O extends boolean = false>(
  options?: HeaderOptions<O>,
): HeaderField<boolean, RequiredFlag<O>> {
  return field('boolean', options);
}

/** One of `symbols`, written as its text. */
export function enumHeader<const S extends readonly string[], const O extends boolean = false>(
  symbols: S,
  options?: HeaderOptions<O>,
): HeaderField<S[number], RequiredFlag<O>> {
  return field('enum', options, [...symbols]);
}

/** Declares a topic's headers (`strict` default false: other headers allowed as `string | Buffer`). */
export function defineHeaders<const F extends HeaderFields, const S extends boolean = false>(
  fields: F,
  options?: { readonly strict?: S },
): HeadersDescriptor<F, S> {
  return { fields, strict: (options?.strict ?? false) as S };
}
