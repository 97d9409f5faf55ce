import { RestError } from '@confluentinc/schemaregistry';
import { CodegenError } from '../errors';
import { protobufSchemaText } from '../../src/serde/protobuf/descriptor-text';
import type { ResolvedRegistry, VersionPin } from '../config/config-types';
import { createCodegenRegistryClient } from './registry-connection';
import { registryCredentials } from './registry-credentials';
import type { RegistryReference } from './registry-reference';

/** One schema version as the registry returns it. */
export interface FetchedSchema {
  readonly subject: string;
  readonly version: number;
  readonly id: number;
  readonly schemaType: 'AVRO' | 'PROTOBUF' | 'JSON';
  readonly schema: string;
  readonly references: readonly RegistryReference[];
}

/** The read side of the registry that `pull` needs; tests substitute a fake. */
export interface RegistryReader {
  /** Base URL, for messages (never carries credentials). */
  readonly url: string;
  getSchema(subject: string, version: VersionPin): Promise<FetchedSchema>;
  listSubjects(): Promise<string[]>;
}

/**
 * A `RegistryReader` over the official `SchemaRegistryClient` (see registry-connection.ts for the policy).
 * Credentials come from the environment variables the config names and never appear in errors.
 */
export function createRegistryReader(
  registry: ResolvedRegistry,
  env: NodeJS.ProcessEnv = process.env,
  configFile?: string,
): RegistryReader {
  const client = createCodegenRegistryClient({
    url: registry.url,
    auth: registryCredentials(registry, env, configFile),
    timeoutMs: registry.timeoutMs,
  });
  const call = async <T>(
    what: { subject?: string; version?: VersionPin },
    fn: () => Promise<T>,
  ): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      throw registryError(err, registry, what);
    }
  };
  return {
    url: registry.url,
    async getSchema(subject, version) {
      const meta = await call({ subject, version }, () =>
        version === 'latest'
          ? client.getLatestSchemaMetadata(subject)
          : client.getSchemaMetadata(subject, version, false),
      );
      const schemaType = meta.schemaType ?? 'AVRO';
      if (schemaType !== 'AVRO' && schemaType !== 'PROTOBUF' && schemaType !== 'JSON')
        throw new CodegenError('UNSUPPORTED_SCHEMA_TYPE', `schema type ${schemaType} is not supported`, {
          subject,
        });
      if (meta.id === undefined || meta.version === undefined)
        throw new CodegenError('REGISTRY_RESPONSE', `registry ${registry.url} returned no id/version`, {
          subject,
        });
      return {
        subject,
        version: meta.version,
        id: meta.id,
        schemaType,
        // A serialized Protobuf schema (base64 FileDescriptorProto) is pulled as rendered .proto text.
        schema: schemaType === 'PROTOBUF' ? protobufSchemaText(meta.schema, subject) : meta.schema,
        references: (meta.references ?? []).map((r) => ({
          name: r.name,
          subject: r.subject,
          version: r.version,
        })),
      };
    },
    listSubjects: () => call({}, () => client.getAllSubjects()),
  };
}

/** Maps client/transport failures to messages with the URL and subject, never headers or credentials. */
export function registryError(
  err: unknown,
  registry: Pick<ResolvedRegistry, 'url' | 'auth'>,
  what: { subject?: string; version?: VersionPin },
): CodegenError {
  const location = what.subject !== undefined ? { subject: what.subject } : {};
  if (err instanceof CodegenError) return err;
  if (err instanceof RestError) {
    if (err.status === 401 || err.status === 403) {
      const hint =
        registry.auth.type === 'none'
          ? 'no credentials configured (registry.auth)'
          : `check the credentials in ${
              registry.auth.type === 'basic'
                ? `${registry.auth.usernameEnv}/${registry.auth.passwordEnv}`
                : registry.auth.tokenEnv
            }`;
      return new CodegenError(
        'REGISTRY_AUTH',
        `registry ${registry.url} refused access (HTTP ${err.status}): ${hint}`,
        location,
      );
    }
    if (err.status === 404 && err.errorCode === 40402 && what.version !== undefined)
      return new CodegenError(
        'UNKNOWN_VERSION',
        `version ${what.version} not found in registry ${registry.url}`,
        location,
      );
    if (err.status === 404 && what.subject !== undefined)
      return new CodegenError('UNKNOWN_SUBJECT', `subject not found in registry ${registry.url}`, location);
    return new CodegenError(
      'REGISTRY_ERROR',
      `registry ${registry.url} answered HTTP ${err.status}: ${err.message}`,
      location,
    );
  }
  const code = transportCode(err);
  return new CodegenError(
    'REGISTRY_UNREACHABLE',
    `cannot reach registry ${registry.url}${code ? ` (${code})` : ''}`,
    location,
  );
}

function transportCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}
