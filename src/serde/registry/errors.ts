import { KgenError } from '../../errors';

/** Whether a descriptor describes a message key or value. */
export type SerdeRole = 'key' | 'value';

/** Where a serde problem happened: the topic, key or value, and the registry subject when there is one. */
export interface SerdeLocation {
  /** The topic being serialized or deserialized. */
  readonly topic: string;
  /** Whether the key or the value. */
  readonly role: SerdeRole;
  /** The registry subject, when there is one. */
  readonly subject?: string;
}

function where(at: SerdeLocation): string {
  return `topic "${at.topic}" ${at.role}${at.subject === undefined ? '' : ` (subject "${at.subject}")`}`;
}

/** A value could not be encoded with its topic's schema (wrong shape, missing field, out-of-range number...). */
export class SerializationError extends KgenError {
  /** The topic of the value. */
  readonly topic: string;
  /** Whether the key or the value. */
  readonly role: SerdeRole;
  /** The registry subject, when there is one. */
  readonly subject: string | undefined;
  constructor(at: SerdeLocation, reason: string, options?: { cause?: unknown }) {
    super('SERIALIZATION', `cannot serialize ${where(at)}: ${reason}`, options);
    this.topic = at.topic;
    this.role = at.role;
    this.subject = at.subject;
  }
}

/** The schema a producer needs is not in the registry (and auto-registration is off), or a pin is missing. */
export class SchemaNotRegisteredError extends KgenError {
  /** The subject without the schema. */
  readonly subject: string;
  constructor(subject: string, reason: string, options?: { cause?: unknown }) {
    super('SCHEMA_NOT_REGISTERED', `subject "${subject}": ${reason}`, options);
    this.subject = subject;
  }
}

/** A payload names a schema id the registry does not know (or the registry could not be asked). */
export class UnknownSchemaIdError extends KgenError {
  /** The schema id the registry does not know. */
  readonly schemaId: number;
  constructor(schemaId: number, reason: string, options?: { cause?: unknown }) {
    super('UNKNOWN_SCHEMA_ID', `schema id ${schemaId}: ${reason}`, options);
    this.schemaId = schemaId;
  }
}

/**
 * The writer's schema and the reader's schema do not fit together (other format, no variant of a topic with
 * several record types matches, incompatible versions), or the topic map disagrees with the registry.
 */
export class SchemaMismatchError extends KgenError {
  /** The subject concerned, when known. */
  readonly subject: string | undefined;
  constructor(subject: string | undefined, reason: string, options?: { cause?: unknown }) {
    super('SCHEMA_MISMATCH', subject === undefined ? reason : `subject "${subject}": ${reason}`, options);
    this.subject = subject;
  }
}

/** A subject uses a registry feature kgen's fast path cannot honour and no fallback exists for its format. */
export class UnsupportedSchemaError extends KgenError {
  /** The subject that uses the feature. */
  readonly subject: string;
  constructor(subject: string, reason: string) {
    super('UNSUPPORTED_SCHEMA', `subject "${subject}": ${reason}`);
    this.subject = subject;
  }
}

/** A registry REST call failed for another reason than "not found" (network, auth, server error). */
export class RegistryError extends KgenError {
  /** The subject of the failed request, when there is one. */
  readonly subject: string | undefined;
  constructor(subject: string | undefined, reason: string, options?: { cause?: unknown }) {
    super('REGISTRY', subject === undefined ? reason : `subject "${subject}": ${reason}`, options);
    this.subject = subject;
  }
}

/** The registry's error code from a failed REST call (e.g. 40401 subject not found), if it carried one. */
export function registryErrorCode(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const code = (err as { errorCode?: unknown }).errorCode;
  return typeof code === 'number' ? code : undefined;
}

/** A short description of any thrown value, for error messages. */
export function describeError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
