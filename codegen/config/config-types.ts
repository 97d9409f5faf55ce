import type { AvroGenerateOptions } from '../avro/options';
import type { ImportExtension } from '../emit/import-extension';
import type { ResolvedProtobufGenerateOptions } from '../protobuf/options';

/**
 * The config file as a user writes it (`kgen.config.json`, `.mjs`, `.cjs` or `.ts`). Every relative path is
 * resolved against the folder of the config file. See `ResolvedConfig` for what it means after defaults.
 */
export interface KgenConfig {
  /** JSON-schema URL for editors; ignored. */
  readonly $schema?: string;
  /** The schema registry `kgen pull` reads from. Not needed by `kgen generate`. */
  readonly registry?: RegistryConfig;
  /** Subjects to pull besides those the topics name: exact names (optionally pinned) or patterns. */
  readonly subjects?: readonly SubjectSelectorConfig[];
  /** Topic name → key/value schemas. Becomes the generated `topics` map. */
  readonly topics?: Readonly<Record<string, TopicConfig>>;
  /** Folder of local `.avsc`/`.avdl`/`.proto` files to generate from (besides pulled schemas). */
  readonly schemas?: string;
  /** Folder `kgen pull` writes schemas to and `kgen generate` reads them from. Default `kgen-schemas`. */
  readonly pullDir?: string;
  /** Lock file written by `kgen pull`. Default `kgen.lock.json`. */
  readonly lockFile?: string;
  /** Folder of generated TypeScript; owned by kgen (replaced as a whole). Default `src/generated`. */
  readonly output?: string;
  /**
   * What relative imports between generated modules end with: `"none"`, `".js"` (ES-module projects under
   * `moduleResolution: node16/nodenext`), `".ts"`, or `"auto"` (default): chosen from the nearest
   * package.json `"type"` and tsconfig.json `module`/`moduleResolution` above the output folder.
   */
  readonly importExtension?: ImportExtension | 'auto';
  /** Avro mapping options (see `codegen/avro/options.ts`). */
  readonly avro?: Readonly<Record<string, unknown>>;
  /** Protobuf mapping options (see `codegen/protobuf/options.ts`). */
  readonly protobuf?: Readonly<Record<string, unknown>>;
}

export interface RegistryConfig {
  /** Base URL of the Confluent-compatible API, e.g. `http://localhost:8081`. No credentials in it. */
  readonly url: string;
  /** Credentials, read from environment variables whose NAMES are given here. Default: none. */
  readonly auth?: RegistryAuthConfig;
  /** Per-request timeout in milliseconds. Default 10000. */
  readonly timeoutMs?: number;
}

export type RegistryAuthConfig =
  | {
      readonly type: 'basic';
      /** Name of the environment variable holding the user name (or API key). */
      readonly usernameEnv: string;
      /** Name of the environment variable holding the password (or API secret). */
      readonly passwordEnv: string;
    }
  | {
      readonly type: 'bearer';
      /** Name of the environment variable holding the bearer token. */
      readonly tokenEnv: string;
    };

/** `"orders-value"` (latest), `{ "subject": "orders-value", "version": 3 }`, or `{ "pattern": "^acme\\." }`. */
export type SubjectSelectorConfig =
  string | { readonly subject: string; readonly version?: number | 'latest' } | { readonly pattern: string };

export interface TopicConfig {
  /** Key serde: `"string"` (default), `"bytes"`, or a schema side. */
  readonly key?: 'string' | 'bytes' | TopicSchemaConfig;
  /** Value schema. Default `{ "strategy": "TopicNameStrategy" }` (subject `<topic>-value`). */
  readonly value?: 'string' | 'bytes' | TopicSchemaConfig;
  /** Typed headers of the topic's records. Default: none declared (any `string | Buffer` headers). */
  readonly headers?: TopicHeadersConfig;
}

/** A header type: how its value is written (see the runtime's `HeaderType`). */
export type HeaderTypeName = 'string' | 'bytes' | 'number' | 'integer' | 'bigint' | 'boolean' | 'enum';

/** The headers a topic declares. */
export interface TopicHeadersConfig {
  /** True: producers may write only these headers (and the runtime's trace context). Default false. */
  readonly strict?: boolean;
  /** Header name → type (required), or `{ type, optional, symbols }`. */
  readonly fields: Readonly<
    Record<
      string,
      | Exclude<HeaderTypeName, 'enum'>
      | { readonly type: HeaderTypeName; readonly optional?: boolean; readonly symbols?: readonly string[] }
    >
  >;
}

/** How a topic side finds its schema subject(s). */
export type TopicSchemaConfig =
  | {
      /** Subject `<topic>-key` / `<topic>-value`. */
      readonly strategy: 'TopicNameStrategy';
      /** `latest` (default) or a version number. */
      readonly version?: number | 'latest';
      /** Full name of the type, to find it among local schema files (which carry no subject). */
      readonly record?: string;
    }
  | {
      /** An explicitly named subject. */
      readonly subject: string;
      readonly version?: number | 'latest';
      /** Full name of the type, to find it among local schema files (which carry no subject). */
      readonly record?: string;
    }
  | {
      /**
       * Several record types on one topic: subject = record full name (RecordNameStrategy) or
       * `<topic>-<record full name>` (TopicRecordNameStrategy). The topic map entry uses `oneOf(...)`.
       */
      readonly strategy: 'RecordNameStrategy' | 'TopicRecordNameStrategy';
      /** Full names of the record types the topic carries (Avro full names / Protobuf message names). */
      readonly records: readonly string[];
      readonly version?: number | 'latest';
    };

/** Identity helper giving `.ts`/`.mjs` config files type checking. */
export function defineConfig(config: KgenConfig): KgenConfig {
  return config;
}

export type VersionPin = number | 'latest';

/** The config after validation and defaults: every option explicit, every path absolute. */
export interface ResolvedConfig {
  /** Absolute path of the config file, or undefined in flag-only mode. */
  readonly configFile: string | undefined;
  /** Folder relative paths were resolved against. */
  readonly rootDir: string;
  readonly registry: ResolvedRegistry | undefined;
  /** Every subject to pull: explicit selectors first, then those named by topics, deduplicated. */
  readonly subjects: readonly ResolvedSubjectSelector[];
  /** Sorted by topic name. */
  readonly topics: readonly ResolvedTopic[];
  readonly schemaDir: string | undefined;
  readonly pullDir: string;
  readonly lockFile: string;
  readonly outDir: string;
  /** `auto` is resolved when generating, from the project files around `outDir`. */
  readonly importExtension: ImportExtension | 'auto';
  /** Avro mapping options with every default filled in. */
  readonly avro: AvroGenerateOptions;
  /** Protobuf mapping options with every default filled in. */
  readonly protobuf: ResolvedProtobufGenerateOptions;
}

export interface ResolvedRegistry {
  readonly url: string;
  readonly auth:
    | { readonly type: 'none' }
    | { readonly type: 'basic'; readonly usernameEnv: string; readonly passwordEnv: string }
    | { readonly type: 'bearer'; readonly tokenEnv: string };
  readonly timeoutMs: number;
}

export type ResolvedSubjectSelector =
  | { readonly kind: 'subject'; readonly subject: string; readonly version: VersionPin }
  | { readonly kind: 'pattern'; readonly pattern: string };

export interface ResolvedTopic {
  readonly name: string;
  readonly key: ResolvedTopicSide;
  readonly value: ResolvedTopicSide;
  /** Absent when the topic declares no headers. */
  readonly headers?: ResolvedHeaders;
}

/** A topic's declared headers, fields sorted by name. */
export interface ResolvedHeaders {
  readonly strict: boolean;
  readonly fields: readonly ResolvedHeaderField[];
}

export interface ResolvedHeaderField {
  readonly name: string;
  readonly type: HeaderTypeName;
  readonly required: boolean;
  /** Enum headers only. */
  readonly symbols?: readonly string[];
}

export type ResolvedTopicSide =
  | { readonly kind: 'string' }
  | { readonly kind: 'bytes' }
  | {
      readonly kind: 'schema';
      readonly strategy: 'TopicNameStrategy' | 'RecordNameStrategy' | 'TopicRecordNameStrategy' | 'subject';
      /** One per record type (several only for the record strategies). */
      readonly subjects: ReadonlyArray<{
        readonly subject: string;
        readonly version: VersionPin;
        /** Record full name, for the record strategies (also matches local files without a subject). */
        readonly record?: string;
      }>;
    };
