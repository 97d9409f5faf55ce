/**
 * Base class of every error kgen throws. `code` is stable and machine-readable; subclasses add the facts a
 * caller acts on (topic, partition, offset, subject, schema id...).
 */
export class KgenError extends Error {
  /** Stable, machine-readable error code, e.g. `SERIALIZATION`. */
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

const kgenErrorBrand = Symbol.for('kgen.error');
Object.defineProperty(KgenError.prototype, kgenErrorBrand, { value: true });

/** True for any kgen error, even when two copies of the package are loaded (it checks a global brand). */
export function isKgenError(arg: unknown): arg is KgenError {
  return typeof arg === 'object' && arg !== null && (arg as Record<symbol, unknown>)[kgenErrorBrand] === true;
}
