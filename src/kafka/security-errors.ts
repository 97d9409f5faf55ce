import { BrokerError, type BrokerOperation } from './broker-error';

/** Where a failed broker call was aimed. */
export interface BrokerErrorLocation {
  /** The topic the call concerned, when it concerned one. */
  readonly topic?: string;
  /** Its partition, when known. */
  readonly partition?: number;
}

/**
 * The cluster refused the client's credentials (wrong SASL password or token, a mechanism it does not enable).
 * Retrying with the same credentials cannot succeed.
 */
export class AuthenticationError extends BrokerError {
  /** The SASL mechanism in use, when the client had one configured. */
  readonly mechanism: string | undefined;
  constructor(operation: BrokerOperation, at: BrokerErrorLocation, cause: unknown, mechanism?: string) {
    super(operation, at, cause, {
      code: 'AUTHENTICATION',
      retriable: false,
      prefix: `authentication failed${mechanism === undefined ? '' : ` (SASL ${mechanism})`}: `,
    });
    this.mechanism = mechanism;
  }
}

/** What an ACL protects. */
export type AclResourceType = 'topic' | 'group' | 'cluster' | 'transactional-id';

/** The ACL operation a refused request needed. */
export type AclOperation = 'READ' | 'WRITE' | 'DESCRIBE' | 'IDEMPOTENT_WRITE';

/** The principal is authenticated but has no ACL for the operation on the resource (`resourceType` / `resourceName`). */
export class AuthorizationError extends BrokerError {
  /** What kind of resource was refused. */
  readonly resourceType: AclResourceType;
  /** The topic or group refused, when known. */
  readonly resourceName: string | undefined;
  /** The operation an ACL must allow on the resource (e.g. WRITE on a topic to send). */
  readonly aclOperation: AclOperation;
  constructor(
    operation: BrokerOperation,
    at: BrokerErrorLocation,
    cause: unknown,
    denied: { resourceType: AclResourceType; resourceName?: string | undefined; aclOperation: AclOperation },
  ) {
    const name = denied.resourceName === undefined ? '' : ` "${denied.resourceName}"`;
    super(operation, at, cause, {
      code: 'AUTHORIZATION',
      retriable: false,
      prefix: `not authorized: ${denied.aclOperation} on ${denied.resourceType}${name} is not allowed for this principal (check its ACLs); `,
    });
    this.resourceType = denied.resourceType;
    this.resourceName = denied.resourceName;
    this.aclOperation = denied.aclOperation;
  }
}

/** The TLS handshake failed: most often the broker's certificate is not signed by a CA the client trusts. */
export class TlsError extends BrokerError {
  constructor(operation: BrokerOperation, at: BrokerErrorLocation, cause: unknown) {
    super(operation, at, cause, {
      code: 'TLS',
      retriable: false,
      prefix:
        'TLS handshake failed (is the broker certificate signed by a CA in tls.caFile / the system store, and does its name match?): ',
    });
  }
}

/** librdkafka / broker codes (librdkafka's rdkafka.h) of a refused authentication. */
const AUTHENTICATION_CODES: ReadonlySet<number> = new Set([
  -169 /* _AUTHENTICATION */, 33 /* UNSUPPORTED_SASL_MECHANISM */, 34 /* ILLEGAL_SASL_STATE */,
  58 /* SASL_AUTHENTICATION_FAILED */,
]);
const AUTHORIZATION_RESOURCES: ReadonlyMap<number, AclResourceType> = new Map([
  [29 /* TOPIC_AUTHORIZATION_FAILED */, 'topic'],
  [30 /* GROUP_AUTHORIZATION_FAILED */, 'group'],
  [31 /* CLUSTER_AUTHORIZATION_FAILED */, 'cluster'],
  [53 /* TRANSACTIONAL_ID_AUTHORIZATION_FAILED */, 'transactional-id'],
]);
const TLS_CODE = -181; /* _SSL */

/** How librdkafka words these failures where it reports no code (its log lines, some error events). */
const AUTHENTICATION_TEXT = /SASL authentication error|Authentication failure/i;
const TLS_TEXT = /SSL handshake failed|certificate verify failed|Local: SSL error/i;

/** The operation an ACL must allow for `operation` on `resource`. */
function aclOperationOf(operation: BrokerOperation, resource: AclResourceType): AclOperation {
  if (resource === 'cluster') return operation === 'send' ? 'IDEMPOTENT_WRITE' : 'DESCRIBE';
  if (resource === 'transactional-id') return 'WRITE';
  if (resource === 'group') return 'READ';
  switch (operation) {
    case 'send':
    case 'flush':
      return 'WRITE';
    case 'subscribe':
    case 'commit':
    case 'seek':
      return 'READ';
    default:
      return 'DESCRIBE';
  }
}

/**
 * The typed error for a failed broker call: an {@link AuthenticationError}, {@link AuthorizationError} or
 * {@link TlsError} when the cause says so (by code, or by librdkafka's wording when it has none), else a
 * plain {@link BrokerError}. `mechanism` is the configured SASL mechanism, named in authentication errors.
 */
export function brokerFailure(
  operation: BrokerOperation,
  at: BrokerErrorLocation,
  cause: unknown,
  context: { readonly mechanism?: string | undefined; readonly group?: string | undefined } = {},
): BrokerError {
  if (cause instanceof BrokerError) return cause;
  const facts = (typeof cause === 'object' && cause !== null ? cause : {}) as { code?: unknown };
  const code = typeof facts.code === 'number' ? facts.code : undefined;
  const text = cause instanceof Error ? cause.message : String(cause);
  const resource = code === undefined ? undefined : AUTHORIZATION_RESOURCES.get(code);
  if (resource !== undefined) {
    const resourceName = resource === 'topic' ? at.topic : resource === 'group' ? context.group : undefined;
    return new AuthorizationError(operation, at, cause, {
      resourceType: resource,
      resourceName,
      aclOperation: aclOperationOf(operation, resource),
    });
  }
  if ((code !== undefined && AUTHENTICATION_CODES.has(code)) || AUTHENTICATION_TEXT.test(text))
    return new AuthenticationError(operation, at, cause, context.mechanism);
  if (code === TLS_CODE || TLS_TEXT.test(text)) return new TlsError(operation, at, cause);
  return new BrokerError(operation, at, cause);
}
