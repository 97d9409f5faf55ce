import type { Client, Compatibility, SchemaInfo } from '@confluentinc/schemaregistry';
import { protobufSchemaText } from '../../src/serde/protobuf/descriptor-text';
import type { RegistryAuth } from '../../src/client/registry-options';
import {
  authorizationHeader,
  createCodegenRegistryClient,
  DEFAULT_REGISTRY_TIMEOUT_MS,
} from '../registry/registry-connection';
import { CodegenError } from '../errors';
import { isTransitive, parseLevel } from './levels';
import type { CompatLevel, SchemaFormat } from './types';
import type { RegistryReference } from '../registry/registry-reference';

/** A registered schema version with its reference list. */
export interface RegisteredSchema {
  readonly subject: string;
  readonly version: number;
  readonly format: SchemaFormat;
  readonly schema: string;
  readonly references: readonly RegistryReference[];
}

/** Registry credentials (read from the environment by `registryCredentials`). */
export type { RegistryAuth };

/** The registry's answer to a compatibility question. */
export interface RegistryVerdict {
  readonly compatible: boolean;
  /** Messages of `?verbose=true` (Confluent fills them; Apicurio returns none). */
  readonly messages: readonly string[];
}

function statusOf(err: unknown): number | undefined {
  const s = (err as { status?: unknown } | null)?.status;
  return typeof s === 'number' ? s : undefined;
}

/**
 * The registry operations `check`, `register` and `compat` need. REST traffic goes through the official
 * SchemaRegistryClient, except the verbose compatibility check (the client's `testCompatibility` returns a
 * bare boolean), which is a fetch against the same base URL. Every failure becomes a CodegenError naming the
 * subject: unreachable registry, unknown subject, or what the registry said.
 */
export class CompatRegistry {
  readonly url: string;
  private readonly client: Client;
  private readonly headers: Record<string, string>;
  private readonly timeoutMs: number;

  /** `timeoutMs`: per request (the config's `registry.timeoutMs`); the policy is registry-connection.ts's. */
  constructor(url: string, auth?: RegistryAuth, options: { readonly timeoutMs?: number | undefined } = {}) {
    this.url = url.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? DEFAULT_REGISTRY_TIMEOUT_MS;
    this.client = createCodegenRegistryClient({ url: this.url, auth, timeoutMs: this.timeoutMs });
    const authorization = authorizationHeader(auth);
    this.headers = {
      'Content-Type': 'application/vnd.schemaregistry.v1+json',
      ...(authorization === undefined ? {} : { Authorization: authorization }),
    };
  }

  private fail(err: unknown, what: string, subject?: string): never {
    if (err instanceof CodegenError) throw err;
    const where = subject ? { subject } : {};
    const status = statusOf(err);
    if (status === 404 && subject) {
      throw new CodegenError('UNKNOWN_SUBJECT', `subject not found in the registry at ${this.url}`, where, {
        cause: err,
      });
    }
    if (status === undefined) {
      const code = (err as { code?: unknown } | null)?.code;
      throw new CodegenError(
        'REGISTRY_UNREACHABLE',
        `schema registry at ${this.url} is unreachable (${typeof code === 'string' ? code : (err as Error).message})`,
        where,
        { cause: err },
      );
    }
    const detail = (err as Error).message;
    if (status === 409) {
      throw new CodegenError(
        'INCOMPATIBLE',
        `registry rejects the schema as incompatible: ${detail}`,
        where,
        {
          cause: err,
        },
      );
    }
    if (status === 422) {
      throw new CodegenError('SCHEMA_INVALID', `registry rejects the schema: ${detail}`, where, {
        cause: err,
      });
    }
    throw new CodegenError('REGISTRY_ERROR', `${what} failed: ${detail}`, where, { cause: err });
  }

  /** The subject's effective level: its own, or the global one when it has none (`subject` undefined → global). */
  async getLevel(subject?: string): Promise<CompatLevel> {
    return (await this.getLevelSource(subject)).level;
  }

  /** The effective level and whether it is set on the subject itself or inherited from the global config. */
  async getLevelSource(subject?: string): Promise<{ level: CompatLevel; source: 'subject' | 'global' }> {
    try {
      if (subject !== undefined) {
        try {
          return { level: parseLevel(await this.client.getCompatibility(subject)), source: 'subject' };
        } catch (err) {
          if (statusOf(err) !== 404) throw err;
        }
      }
      return { level: parseLevel(await this.client.getDefaultCompatibility()), source: 'global' };
    } catch (err) {
      return this.fail(err, 'reading the compatibility level', subject);
    }
  }

  async setLevel(level: CompatLevel, subject?: string): Promise<CompatLevel> {
    try {
      const value = level as Compatibility;
      const res =
        subject === undefined
          ? await this.client.updateDefaultCompatibility(value)
          : await this.client.updateCompatibility(subject, value);
      return parseLevel(String(res ?? level));
    } catch (err) {
      return this.fail(err, 'setting the compatibility level', subject);
    }
  }

  /** Registered versions, ascending; UNKNOWN_SUBJECT when the subject does not exist. */
  async versions(subject: string): Promise<number[]> {
    try {
      return [...(await this.client.getAllVersions(subject))].sort((a, b) => a - b);
    } catch (err) {
      return this.fail(err, 'listing versions', subject);
    }
  }

  async schema(subject: string, version: number): Promise<RegisteredSchema> {
    try {
      const m = await this.client.getSchemaMetadata(subject, version, false);
      return {
        subject,
        version,
        format: m.schemaType === 'PROTOBUF' || m.schemaType === 'JSON' ? m.schemaType : 'AVRO',
        schema: m.schemaType === 'PROTOBUF' ? protobufSchemaText(m.schema, subject) : m.schema,
        references: (m.references ?? []).map((r) => ({
          name: r.name,
          subject: r.subject,
          version: r.version,
        })),
      };
    } catch (err) {
      return this.fail(err, `reading version ${version}`, subject);
    }
  }

  /** The version under which `info` is registered in `subject`, or undefined when it is not. */
  async lookup(subject: string, info: SchemaInfo): Promise<{ id: number; version: number } | undefined> {
    try {
      const m = await this.client.getIdFullResponse(subject, info, false);
      return { id: m.id ?? -1, version: m.version ?? -1 };
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      return this.fail(err, 'looking up the schema', subject);
    }
  }

  async register(subject: string, info: SchemaInfo): Promise<number> {
    try {
      return await this.client.register(subject, info, false);
    } catch (err) {
      return this.fail(err, 'registering', subject);
    }
  }

  /**
   * Asks the registry whether `info` may be added to `subject` at `level`. `_TRANSITIVE` levels ask
   * `/versions` (all versions), the others `/versions/latest`: Apicurio's `/versions/latest` ignores
   * transitivity and its `/versions` checks every version whatever the level.
   */
  async testCompatibility(subject: string, info: SchemaInfo, level: CompatLevel): Promise<RegistryVerdict> {
    const path = isTransitive(level) ? 'versions' : 'versions/latest';
    const url = `${this.url}/compatibility/subjects/${encodeURIComponent(subject)}/${path}?verbose=true`;
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: this.headers,
        body: JSON.stringify(info),
        // The one request the official client cannot make keeps the same per-request timeout.
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      return this.fail(err, 'the compatibility check', subject);
    }
    const text = await res.text();
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // Non-JSON error bodies are reported verbatim below.
    }
    if (!res.ok) {
      const message = typeof body['message'] === 'string' ? body['message'] : text;
      if (res.status === 404) {
        throw new CodegenError('UNKNOWN_SUBJECT', `subject not found in the registry at ${this.url}`, {
          subject,
        });
      }
      const code = res.status === 422 ? 'SCHEMA_INVALID' : 'REGISTRY_ERROR';
      throw new CodegenError(code, `registry rejected the compatibility check (${res.status}): ${message}`, {
        subject,
      });
    }
    const messages = Array.isArray(body['messages']) ? body['messages'].map(String) : [];
    return { compatible: body['is_compatible'] === true, messages };
  }
}
