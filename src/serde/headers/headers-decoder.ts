import type { HeaderField } from '../../topic-headers';
import { decodeHeaderValue } from './header-value';
import { checkHeadersDescriptor, setHeader } from './headers-descriptor-check';

/** Consumed headers as the binding gives them (a repeated name is an array). */
export type FetchedHeaders = { readonly [name: string]: Buffer | string | (Buffer | string)[] | undefined };

/** Why a consumed record's headers do not fit the topic's declared set. */
export class HeaderDecodeProblem extends Error {
  /** The header at fault. */
  readonly header: string;
  constructor(header: string, reason: string, options?: { cause?: unknown }) {
    super(`header "${header}": ${reason}`, options);
    this.header = header;
  }
}

/**
 * Consumed headers → the declared headers decoded to their types (undeclared ones are left in the raw
 * record). Throws a {@link HeaderDecodeProblem} for a missing required header, a declared one repeated, or
 * bytes that are not a value of the declared type: the record is undecodable, like a bad value.
 */
export type HeadersDecoder = (headers: FetchedHeaders) => Record<string, unknown>;

/** The decoder of a topic's declared headers; `undefined` when the topic declares none. */
export function createHeadersDecoder(topic: string, descriptor: unknown): HeadersDecoder | undefined {
  if (descriptor === undefined) return undefined;
  const declared = Object.entries(checkHeadersDescriptor(topic, descriptor).fields) as ReadonlyArray<
    [string, HeaderField]
  >;
  return (headers) => {
    const out: Record<string, unknown> = {};
    for (const [name, field] of declared) {
      const raw = Object.prototype.hasOwnProperty.call(headers, name) ? headers[name] : undefined;
      if (raw === undefined) {
        if (field.required) throw new HeaderDecodeProblem(name, 'required header is missing');
        continue;
      }
      if (Array.isArray(raw))
        throw new HeaderDecodeProblem(name, `appears ${raw.length} times; a declared header holds one value`);
      try {
        setHeader(out, name, decodeHeaderValue(field, raw));
      } catch (err) {
        throw new HeaderDecodeProblem(name, (err as Error).message, { cause: err });
      }
    }
    return out;
  };
}
