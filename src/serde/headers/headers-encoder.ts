import { propagationHeaderNames, type HeaderField, type ProducerHeaders } from '../../topic-headers';
import { InvalidHeaderError } from './header-error';
import { encodeHeaderValue } from './header-value';
import { checkHeadersDescriptor, setHeader } from './headers-descriptor-check';

/**
 * A producer's typed headers → the `string | Buffer` headers Kafka carries. Throws an `InvalidHeaderError`
 * (before anything is sent) for a missing required header, an undeclared one on a strict topic, or a value
 * of the wrong type.
 */
export type HeadersEncoder = (headers: unknown) => ProducerHeaders | undefined;

function isHeaderBytes(v: unknown): boolean {
  return typeof v === 'string' || Buffer.isBuffer(v);
}

/** The encoder of a topic's declared headers; `undefined` when the topic declares none (headers pass as given). */
export function createHeadersEncoder(topic: string, descriptor: unknown): HeadersEncoder | undefined {
  if (descriptor === undefined) return undefined;
  const { fields, strict } = checkHeadersDescriptor(topic, descriptor);
  const declared = Object.entries(fields) as ReadonlyArray<[string, HeaderField]>;
  const isDeclared = new Set(declared.map(([name]) => name));
  const passes = new Set(propagationHeaderNames);
  const names = declared.map(([name]) => name).join(', ');
  return (headers) => {
    if (headers === undefined || headers === null) {
      const missing = declared.find(([, f]) => f.required);
      if (missing !== undefined)
        throw new InvalidHeaderError(topic, missing[0], 'required header is missing');
      return undefined;
    }
    if (typeof headers !== 'object' || Array.isArray(headers) || Buffer.isBuffer(headers))
      throw new InvalidHeaderError(topic, '*', 'headers must be an object of header name → value');
    const given = headers as Record<string, unknown>;
    const out: Record<string, string | Buffer | ReadonlyArray<string | Buffer>> = {};
    for (const [name, field] of declared) {
      const value = Object.prototype.hasOwnProperty.call(given, name) ? given[name] : undefined;
      if (value === undefined) {
        if (field.required) throw new InvalidHeaderError(topic, name, 'required header is missing');
        continue;
      }
      const encoded = encodeHeaderValue(field, value);
      if (typeof encoded === 'object' && !Buffer.isBuffer(encoded))
        throw new InvalidHeaderError(topic, name, encoded.problem);
      setHeader(out, name, encoded);
    }
    for (const name of Object.keys(given)) {
      if (isDeclared.has(name)) continue;
      const value = given[name];
      if (value === undefined) continue;
      if (strict && !passes.has(name))
        throw new InvalidHeaderError(
          topic,
          name,
          `not declared, and the topic's header set is strict (declared: ${names})`,
        );
      if (!isHeaderBytes(value) && !(Array.isArray(value) && value.every(isHeaderBytes)))
        throw new InvalidHeaderError(
          topic,
          name,
          'an undeclared header is a string, a Buffer or an array of them',
        );
      setHeader(out, name, value);
    }
    return out;
  };
}
