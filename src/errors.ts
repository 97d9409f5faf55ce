/**
 * Every code a {@link KgenError} can carry: a closed union, so a `switch (err.code)` is checked for
 * exhaustiveness and a typo does not compile.
 */
export type KgenErrorCode =
  | 'AUTHENTICATION'
  | 'AUTHORIZATION'
  | 'BROKER'
  | 'CLUSTER_UNREACHABLE'
  | 'COMMIT'
  | 'COMMIT_STRATEGY'
  | 'DEAD_LETTER'
  | 'DECODE'
  | 'DELIVERY_CONFIG'
  | 'DESERIALIZATION'
  | 'GROUP_NOT_EMPTY'
  | 'INVALID_HEADER'
  | 'INVALID_OPTIONS'
  | 'INVALID_SCHEMA'
  | 'JSON_VALIDATION'
  | 'LAG'
  | 'PIPELINE_CONFIG'
  | 'PRODUCER_CONFIG'
  | 'PRODUCER_FENCED'
  | 'PROTOBUF_DECODE'
  | 'PROTOBUF_ENCODE'
  | 'PROTOBUF_SCHEMA'
  | 'REGISTRY'
  | 'RETRY_POLICY'
  | 'SCHEMA_MISMATCH'
  | 'SCHEMA_NOT_REGISTERED'
  | 'SERIALIZATION'
  | 'SHUTDOWN'
  | 'STATE_STORE'
  | 'STREAMS_CONFIG'
  | 'STREAMS_COPARTITIONING'
  | 'STREAMS_RESTORE'
  | 'STREAMS_TIMESTAMP'
  | 'TLS'
  | 'TRANSACTION_ABORTED'
  | 'TRANSACTION_FATAL'
  | 'TRANSACTION_RETRIES_EXHAUSTED'
  | 'UNKNOWN_GROUP'
  | 'UNKNOWN_SCHEMA_ID'
  | 'UNKNOWN_TOPIC'
  | 'UNSUPPORTED_SCHEMA'
  | 'WIRE_FORMAT';

/**
 * Base class of every error kgen throws. `code` is stable and machine-readable; subclasses add the facts a
 * caller acts on (topic, partition, offset, subject, schema id...).
 */
export class KgenError extends Error {
  /** Stable, machine-readable error code, e.g. `SERIALIZATION`. */
  readonly code: KgenErrorCode;
  /** `code` names what failed; `message` says where and why; `cause` is the underlying error. */
  constructor(code: KgenErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

const kgenErrorBrand = Symbol.for('kgen.error');
Object.defineProperty(KgenError.prototype, kgenErrorBrand, { value: true });

/**
 * True for any kgen error (or, given `codes`, one carrying one of them), even when two copies of the
 * package are loaded: it checks a global brand, not the class.
 */
export function isKgenError(arg: unknown, ...codes: readonly KgenErrorCode[]): arg is KgenError {
  if (typeof arg !== 'object' || arg === null || (arg as Record<symbol, unknown>)[kgenErrorBrand] !== true)
    return false;
  return codes.length === 0 || codes.includes((arg as KgenError).code);
}
