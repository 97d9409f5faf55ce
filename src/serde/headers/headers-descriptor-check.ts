import type { HeaderField, HeadersDescriptor } from '../../topic-headers';
import { InvalidHeaderError } from './header-error';

const TYPES: ReadonlySet<string> = new Set([
  'string',
  'bytes',
  'number',
  'integer',
  'bigint',
  'boolean',
  'enum',
]);

/**
 * A topic's headers descriptor as the runtime relies on it (a hand-written or JavaScript map may hold
 * anything): throws an {@link InvalidHeaderError} naming the topic and header otherwise.
 */
export function checkHeadersDescriptor(topic: string, descriptor: unknown): HeadersDescriptor {
  const d = descriptor as Partial<HeadersDescriptor> | null;
  if (typeof d !== 'object' || d === null || typeof d.fields !== 'object' || d.fields === null)
    throw new InvalidHeaderError(
      topic,
      '*',
      'the headers descriptor needs a `fields` object (use defineHeaders)',
    );
  if (typeof d.strict !== 'boolean')
    throw new InvalidHeaderError(topic, '*', 'the headers descriptor needs `strict: true | false`');
  for (const [name, f] of Object.entries(d.fields as Record<string, Partial<HeaderField> | null>)) {
    if (name === '') throw new InvalidHeaderError(topic, name, 'a header name cannot be empty');
    if (typeof f !== 'object' || f === null || !TYPES.has(f.type as string))
      throw new InvalidHeaderError(topic, name, `unknown header type ${JSON.stringify(f?.type)}`);
    if (typeof f.required !== 'boolean')
      throw new InvalidHeaderError(topic, name, '`required` must be true or false');
    if (f.type !== 'enum') continue;
    const symbols = f.symbols;
    if (!Array.isArray(symbols) || symbols.length === 0 || symbols.some((s) => typeof s !== 'string'))
      throw new InvalidHeaderError(topic, name, 'an enum header needs a non-empty list of string symbols');
    if (new Set(symbols).size !== symbols.length)
      throw new InvalidHeaderError(topic, name, 'an enum header lists a symbol twice');
  }
  return d as HeadersDescriptor;
}

/** `target[name] = value`, also for the name `__proto__` (which plain assignment would not store). */
export function setHeader(target: Record<string, unknown>, name: string, value: unknown): void {
  if (name === '__proto__')
    Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
  else target[name] = value;
}
